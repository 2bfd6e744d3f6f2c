/**
 * A panel opened from the main menu (☰) has keyboard focus while it is open, and gives it back to
 * the menu's button when it closes, as a panel opened from a button gives it back to that button.
 */

// tldraw names its main menu's trigger by this test id, in every version we use.
const mainMenuButton = '[data-testid="main-menu.button"]'
/** Longest wait for the closing menu to give focus back (it does after its exit animation). */
const menuCloseMs = 500

export function focusMainMenu(): void {
  document.querySelector<HTMLElement>(mainMenuButton)?.focus()
}

/**
 * Opens a panel chosen in the main menu once the closing menu has given focus back to its button:
 * Radix does that a tick after the menu unmounts, and a panel that took focus earlier lost it
 * again, so Escape and typed keys went to ☰ instead of the panel.
 */
export function openAfterMainMenu(open: () => void): void {
  let done = false
  const go = () => {
    if (done) return
    done = true
    document.removeEventListener('focusin', onFocusIn, true)
    clearTimeout(fallback)
    open()
  }
  const onFocusIn = (event: FocusEvent) => {
    if (event.target instanceof Element && event.target.matches(mainMenuButton)) go()
  }
  document.addEventListener('focusin', onFocusIn, true)
  const fallback = setTimeout(go, menuCloseMs)
}
