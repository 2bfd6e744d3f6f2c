/** Saves a fetched file (an export) under the name the server gave it, without leaving the board. */

/** The file name from a Content-Disposition header: `filename*` (UTF-8) first, then `filename`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  let name: string | undefined
  if (extended) {
    try {
      name = decodeURIComponent(extended[1].trim())
    } catch {}
  }
  name ??= /filename\s*=\s*"([^"]*)"/.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/.exec(header)?.[1]
  // Only a name, never a path.
  const cleaned = name?.replace(/[\\/]/g, '_').trim()
  return cleaned || fallback
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the click; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
