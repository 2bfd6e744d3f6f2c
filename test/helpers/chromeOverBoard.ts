/**
 * What of the board's chrome lies over what, in CSS pixels of the page: a template's blocks
 * (cells, headers, title) as boxes on the screen, and the boxes of the chrome's controls.
 */
import type { Page } from 'playwright-core'
import type { Box } from '../../shared/templates/geometry.ts'

/** The template's blocks (cells, headers, title) on the current page as boxes on the screen. */
export const blocksOnScreen = (page: Page): Promise<(Box & { key: string })[]> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const origin = editor.getContainer().getBoundingClientRect()
    return editor
      .getCurrentPageShapes()
      .flatMap((s) => {
        const key = (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key
        if (!key) return []
        const b = editor.getShapePageBounds(s)!
        const tl = editor.pageToScreen({ x: b.x, y: b.y })
        const br = editor.pageToScreen({ x: b.maxX, y: b.maxY })
        return [{ key, x: tl.x - origin.x, y: tl.y - origin.y, w: br.x - tl.x, h: br.y - tl.y }]
      })
  })

/** The boxes of the elements `selector` finds that take room on the screen, with their text. */
export const boxesOf = (page: Page, selector: string): Promise<(Box & { text: string })[]> =>
  page.locator(selector).evaluateAll((elements) =>
    elements.flatMap((e) => {
      const r = e.getBoundingClientRect()
      return r.width === 0 && r.height === 0 ? [] : [{ x: r.x, y: r.y, w: r.width, h: r.height, text: (e.textContent ?? '').trim() }]
    }),
  )

export const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** The controls over the canvas at its top: the menu, the top bar, the share zone, the buttons under the menu. */
export const topChrome = '.tlui-layout__top__left > *, .nws-facilitation > *, .tlui-layout__top__right > *, .nws-facilitation-dock button'

/** Which of the template's blocks a control of the top chrome covers, as "control over block". */
export async function coveredBlocks(page: Page): Promise<string[]> {
  const [blocks, controls] = await Promise.all([blocksOnScreen(page), boxesOf(page, topChrome)])
  return controls.flatMap((control) => blocks.filter((block) => overlap(control, block)).map((block) => `${control.text} over ${block.key}`))
}
