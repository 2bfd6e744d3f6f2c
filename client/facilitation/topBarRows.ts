/**
 * Whether the top bar's controls fit in one row between the menu and the share zone: the title
 * and the step give way first (facilitation.css), and when even they at their narrowest leave no
 * room, the bar takes a second row instead of running under „Vorlagen“ (`data-wrapped`). What fits
 * depends on the bar's content and the share zone's (the people there), not on the window alone.
 */

/** One row holds controls of these widths with these gaps between them. */
export function fitsOneRow(widths: readonly number[], gap: number, room: number): boolean {
  const needed = widths.reduce((sum, w) => sum + w, 0) + gap * Math.max(0, widths.length - 1)
  // Sub-pixel widths of shrunk controls add up to a fraction over.
  return needed <= room + 0.5
}

/** Keeps `data-wrapped` on the bar while its controls need more than one row; returns the stop. */
export function wrapWhenFull(bar: HTMLElement): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined
  const measure = () => {
    // Laid out in one row to see whether it fits; set again in the same task, so nothing flickers.
    bar.removeAttribute('data-wrapped')
    // The presenter's bar hangs below (absolute) and takes no room in the row.
    const inRow = [...bar.children].filter((c) => getComputedStyle(c).position !== 'absolute')
    const widths = inRow.map((c) => c.getBoundingClientRect().width)
    if (!fitsOneRow(widths, parseFloat(getComputedStyle(bar).columnGap) || 0, bar.clientWidth)) bar.setAttribute('data-wrapped', '')
  }
  // Measured after the observer's turn: changing the layout inside it would report a loop.
  const later = () => {
    clearTimeout(pending)
    pending = setTimeout(measure, 0)
  }
  const sizes = new ResizeObserver(later)
  const observeAll = () => {
    sizes.disconnect()
    sizes.observe(bar)
    for (const child of bar.children) sizes.observe(child)
  }
  const controls = new MutationObserver(() => {
    observeAll()
    later()
  })
  controls.observe(bar, { childList: true })
  observeAll()
  return () => {
    clearTimeout(pending)
    sizes.disconnect()
    controls.disconnect()
  }
}
