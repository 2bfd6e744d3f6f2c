/** A template's scaffold as a page's editor holds it: what a second person must see the same. */
import type { Page } from 'playwright-core'
import type { TemplateName } from '../../shared/templates/registry.ts'

export interface ScaffoldShape {
  id: string
  instance: string
  key: string
  kind: string
  /** The section of a cell (e.g. `lanes-soll`). */
  section?: string
  options?: Record<string, unknown>
  text: string
}

/** The scaffold shapes of one template on the page's current page, sorted by id. */
export const scaffoldOnPage = (page: Page, template: TemplateName): Promise<ScaffoldShape[]> =>
  page.evaluate((template) => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .flatMap((shape) => {
        const meta = (shape.meta as { netzwerkstatt?: Record<string, unknown> }).netzwerkstatt
        if (meta?.template !== template) return []
        return [
          {
            id: shape.id as string,
            instance: String(meta.instance),
            key: String(meta.key),
            kind: String(meta.kind),
            section: (meta.cell as { section?: string } | undefined)?.section,
            options: meta.options as Record<string, unknown> | undefined,
            text: editor.getShapeUtil(shape).getText(shape) ?? '',
          },
        ]
      })
      .sort((a, b) => (a.id < b.id ? -1 : 1))
  }, template)
