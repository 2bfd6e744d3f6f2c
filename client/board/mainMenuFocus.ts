/**
 * A panel opened from the main menu (☰) takes keyboard focus, and gives it back to the menu's
 * button when it closes, as a panel opened from a button gives it back to that button.
 */
import { useEffect, type RefObject } from 'react'

// tldraw names its main menu's trigger by this test id, in every version we use.
const mainMenuButton = '[data-testid="main-menu.button"]'

export function focusMainMenu(): void {
  document.querySelector<HTMLElement>(mainMenuButton)?.focus()
}

/**
 * Focuses `target` when the panel opens. The closing menu hands focus back to its button a moment
 * later (Radix does it a tick after the menu unmounts, so before or after the panel mounted, as it
 * falls); taken back once, until the person presses a key or clicks, so Escape reaches the panel.
 */
export function useFocusFromMainMenu(target: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    target.current?.focus()
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof Element) || !event.target.matches(mainMenuButton)) return
      target.current?.focus()
      stop()
    }
    const stop = () => {
      document.removeEventListener('focusin', onFocusIn, true)
      document.removeEventListener('keydown', stop, true)
      document.removeEventListener('pointerdown', stop, true)
    }
    document.addEventListener('focusin', onFocusIn, true)
    document.addEventListener('keydown', stop, true)
    document.addEventListener('pointerdown', stop, true)
    return stop
  }, [target])
}
