/**
 * A panel opened from the main menu (☰) gives keyboard focus back to the menu's button when it
 * closes, as a panel opened from a button gives it back to that button.
 */
export function focusMainMenu(): void {
  // tldraw names its main menu's trigger by this test id, in every version we use.
  document.querySelector<HTMLElement>('[data-testid="main-menu.button"]')?.focus()
}
