/**
 * Copies text. The async clipboard exists only in secure contexts (https, localhost); on a
 * plain-http LAN address a hidden, selected textarea and `execCommand('copy')` still work.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // Permission refused or document not focused: try the old way.
    }
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  const focused = document.activeElement as HTMLElement | null
  document.body.append(area)
  area.select()
  let copied = false
  try {
    copied = document.execCommand('copy')
  } catch {}
  area.remove()
  focused?.focus()
  return copied
}
