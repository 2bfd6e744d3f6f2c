/** A template on a board page, as the template browser tests look at it. */
import type { Page } from 'playwright-core'

/** Whether this page shows the template's cell yet (the scaffold has arrived). */
export const hasCell = (page: Page, name: string, key: string) =>
  page.evaluate(
    ({ name, key }) =>
      window.__netzwerkstatt!.editor.getCurrentPageShapes().some((s) => {
        const meta = (s.meta as { netzwerkstatt?: { template?: string; key?: string } }).netzwerkstatt
        return meta?.template === name && meta.key === key
      }),
    { name, key },
  )

/**
 * The whole board in view, beside the facilitator's buttons on the left and between the menu bar
 * and the toolbar, as the app shows a template when the panel is closed (client/templates/showInView.ts).
 */
export const fitBesideButtons = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const bounds = editor.getCurrentPageBounds()!
    const screen = editor.getViewportScreenBounds()
    const dock = document.querySelector('.nws-facilitation-dock')!.getBoundingClientRect()
    const inset = { left: dock.right + 16, right: 16, top: 64, bottom: 80 }
    const w = screen.w - inset.left - inset.right
    const h = screen.h - inset.top - inset.bottom
    const z = Math.min(w / bounds.w, h / bounds.h)
    const left = inset.left + (w - bounds.w * z) / 2
    const top = inset.top + (h - bounds.h * z) / 2
    editor.setCamera({ x: left / z - bounds.x, y: top / z - bounds.y, z })
  })
