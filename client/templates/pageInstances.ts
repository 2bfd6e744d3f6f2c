/**
 * The template instances on the current page, as one reactive value per editor. Toolbars,
 * panels and canvas overlays read it on every store change (each pointer move while someone
 * draws); it is recomputed only when a scaffold shape changes, and keeps its identity otherwise,
 * so that the components reading it do not render again.
 */
import { computed, type Computed, type Editor, type TLShape } from 'tldraw'
import type { Instance } from '../../shared/templates/instance.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { findKnownInstances } from '../../shared/templates/knownTemplates.ts'
import { isScaffold } from '../../shared/board/scaffoldMeta.ts'
import { boardPartners } from '../../shared/templates/partners.ts'

// The board's templates are known before the editor reads it, the others once it is ready (`board/editorTemplates.ts`).
const findInstances = (shapes: TLShape[]) => findKnownInstances(shapes) as Instance<TemplateName>[]

const sameShapes = (a: readonly TLShape[], b: readonly TLShape[]) =>
  a.length === b.length && a.every((shape, i) => shape === b[i])

const perEditor = new WeakMap<Editor, Computed<Instance<TemplateName>[]>>()

export function pageInstances(editor: Editor): Instance<TemplateName>[] {
  let instances = perEditor.get(editor)
  if (!instances) {
    // Records are immutable: an unchanged scaffold shape is the same object.
    const scaffold = computed('page scaffold', () => editor.getCurrentPageShapes().filter(isScaffold), {
      isEqual: sameShapes,
    })
    instances = computed('page template instances', () => findInstances(scaffold.get()))
    perEditor.set(editor, instances)
  }
  return instances.get()
}

const perEditorBoardInstances = new WeakMap<Editor, Computed<Instance<TemplateName>[]>>()

/**
 * The template instances on every page of the board (carrying notes from one page to another),
 * page by page in the pages' order: a duplicated page keeps its templates' instance ids, and is a
 * template of its own.
 */
export function boardInstances(editor: Editor): Instance<TemplateName>[] {
  let instances = perEditorBoardInstances.get(editor)
  if (!instances) {
    const scaffold = computed('board scaffold', () => editor.store.query.records('shape').get().filter(isScaffold), {
      isEqual: sameShapes,
    })
    instances = computed('board template instances', () => {
      const byPage = new Map<string, TLShape[]>()
      for (const shape of scaffold.get()) {
        const page = editor.getAncestorPageId(shape) ?? ''
        const list = byPage.get(page) ?? []
        list.push(shape)
        byPage.set(page, list)
      }
      // In the order of the board's pages, as the page menu lists them.
      return editor.getPages().flatMap((page) => findInstances(byPage.get(page.id) ?? []))
    })
    perEditorBoardInstances.set(editor, instances)
  }
  return instances.get()
}

const perEditorBoard = new WeakMap<Editor, Computed<string[]>>()

/** The board's partner list (`shared/templates/partners.ts`) across all its pages, top to bottom. */
export function boardPartnerNames(editor: Editor): string[] {
  let partners = perEditorBoard.get(editor)
  if (!partners) {
    partners = computed('board partners', () =>
      boardPartners([...boardInstances(editor)].sort((a, b) => a.title.y - b.title.y || a.title.x - b.title.x)),
    )
    perEditorBoard.set(editor, partners)
  }
  return partners.get()
}
