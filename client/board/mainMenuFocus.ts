/**
 * A panel opened from the main menu (☰) has keyboard focus while it is open, and gives it back to
 * the menu's button when it closes, as a panel opened from a button gives it back to that button.
 */

// tldraw names its main menu's trigger by this test id, in every version we use.
const mainMenuButton = '[data-testid="main-menu.button"]'
/** Longest wait for the closing menu to give focus back (it does after its exit animation). */
const menuCloseMs = 500
/** Longest wait for a late one, after the panel opened without it. */
const lateFocusMs = 5000

export function focusMainMenu(): void {
  document.querySelector<HTMLElement>(mainMenuButton)?.focus()
}

/**
 * Opens a panel chosen in the main menu once the closing menu has given focus back to its button:
 * Radix does that a tick after the menu unmounts, and a panel that took focus earlier lost it
 * again, so Escape and typed keys went to ☰ instead of the panel. On a busy machine that can come
 * after `menuCloseMs`, when the panel is open already: then the focus goes back to the panel.
 */
export function openAfterMainMenu(open: () => void): void {
  let opened = false
  const go = () => {
    if (opened) return
    opened = true
    clearTimeout(fallback)
    open()
  }
  const stop = () => {
    document.removeEventListener('focusin', onFocusIn, true)
    clearTimeout(late)
  }
  const onFocusIn = (event: FocusEvent) => {
    if (!(event.target instanceof Element) || !event.target.matches(mainMenuButton)) return
    stop()
    if (!opened) return go()
    // The menu's late focus: back to where it was in the panel.
    if (event.relatedTarget instanceof HTMLElement && event.relatedTarget.isConnected) event.relatedTarget.focus()
  }
  document.addEventListener('focusin', onFocusIn, true)
  const fallback = setTimeout(go, menuCloseMs)
  // After this the ☰ button's focus is a person's, not the closing menu's.
  const late = setTimeout(stop, lateFocusMs)
}
