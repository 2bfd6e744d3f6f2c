/**
 * The templates the editor reads (`shared/templates/knownTemplates.ts`): those the board holds
 * are loaded by name before the editor shows it, as the list loads them (`boardTemplates.ts`), and
 * the whole catalogue (planning, growing and inserting any template: a facilitator's actions) once
 * the editor is ready (`laterParts.tsx`), so that the editor's first load carries no template's
 * layout (issue 64). What the editor keeps of a reading is read again once more templates are known.
 */
import { atom } from 'tldraw'
import type * as Y from 'yjs'
import { watchKnownTemplates } from '../../shared/templates/knownTemplates.ts'
import { knowBoardTemplates, unknownTemplates } from './boardTemplates.ts'
import { whenReady } from './laterParts.tsx'

const known = atom('templates known', 0)
watchKnownTemplates({ read: () => void known.get(), changed: () => known.update((n) => n + 1) })

let everyTemplate = false
/** Every template: what a facilitator's panel and actions need, at the latest when first used. */
const loadCatalogue = () =>
  import('../../shared/templates/catalogue.ts').then((catalogue) => {
    everyTemplate = true
    return catalogue
  })
whenReady(loadCatalogue)

/**
 * Until the whole catalogue is there, a template put on the board is loaded as soon as an update
 * names it; `known()` resolves once every template the board holds now is known (or failed to
 * load: read as plain shapes until the catalogue comes).
 */
export function knowEditorTemplates(doc: Y.Doc): { known(): Promise<unknown>; dispose(): void } {
  const update = () => {
    if (everyTemplate) return doc.off('update', update)
    if (unknownTemplates(doc).length > 0) void knowBoardTemplates(doc)
  }
  doc.on('update', update)
  return { known: () => knowBoardTemplates(doc), dispose: () => doc.off('update', update) }
}
