/** Which pages of a long document to bring onto the board: "1-5, 8" as people write it. */

/** Longer documents ask which pages; more than `maxPages` are never drawn at once. */
export const askAbovePages = 20
export const maxPages = 50

export type PageChoice =
  | { ok: true; pages: number[] }
  | { ok: false; problem: 'unreadable' }
  | { ok: false; problem: 'missing'; page: number }
  | { ok: false; problem: 'too-many'; count: number }

/**
 * Reads a list of pages and ranges ("1-5, 8", "3–7", "10-"), in the order written, each page
 * once. Pages count from 1 up to `pageCount`; an open range runs to the last page.
 */
export function choosePages(text: string, pageCount: number, limit = maxPages): PageChoice {
  const parts = text.split(/[,;]/).map((part) => part.trim()).filter(Boolean)
  if (parts.length === 0) return { ok: false, problem: 'unreadable' }
  const pages: number[] = []
  const seen = new Set<number>()
  for (const part of parts) {
    const match = /^(\d+)\s*(?:[-–—]\s*(\d*))?$/.exec(part)
    if (!match) return { ok: false, problem: 'unreadable' }
    const from = Number(match[1])
    const to = match[2] === undefined ? from : match[2] === '' ? pageCount : Number(match[2])
    if (from < 1 || to < from) return { ok: false, problem: 'unreadable' }
    if (to > pageCount) return { ok: false, problem: 'missing', page: to }
    // Counted before listing, so that "1-100000" is refused without a list that long.
    const fresh = to - from + 1 - pages.filter((p) => p >= from && p <= to).length
    if (pages.length + fresh > limit) return { ok: false, problem: 'too-many', count: pages.length + fresh }
    for (let page = from; page <= to; page++) {
      if (!seen.has(page)) {
        seen.add(page)
        pages.push(page)
      }
    }
  }
  return { ok: true, pages }
}

/** The first pages up to the limit, as the dialog suggests them: "1-20". */
export const firstPages = (pageCount: number, count = askAbovePages) => (Math.min(pageCount, count) === 1 ? '1' : `1-${Math.min(pageCount, count)}`)
