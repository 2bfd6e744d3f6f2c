/**
 * The templates a board holds, loaded for the list before it reads them (`knownTemplates.ts`): a
 * phone fetches the one or two on its board, not the editor's whole catalogue with zod.
 */
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import { getRecordsMap, storedField } from '../../shared/board/records.ts'
import { metaKey, scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { isKnownTemplate, knowTemplates } from '../../shared/templates/knownTemplates.ts'
import { templateLoaders } from '../../shared/templates/templateLoaders.ts'

const loading = new Map<string, Promise<void>>()

function load(name: string): Promise<void> {
  let loaded = loading.get(name)
  if (!loaded) {
    loaded = templateLoaders[name as keyof typeof templateLoaders]().then(
      (definition) => knowTemplates({ [name]: definition }),
      // Offline without the chunk: read as plain shapes, and tried again on the board's next change.
      () => void loading.delete(name),
    )
    loading.set(name, loaded)
  }
  return loaded
}

/** Names of the templates on the board that the list has not loaded yet. */
export function unknownTemplates(doc: Y.Doc): string[] {
  const names = new Set<string>()
  // Only each shape's meta is read, not the whole record: this runs on each of the board's first
  // updates, while a phone's main thread has the board's sync to take in (issue 64).
  getRecordsMap(doc).forEach((entry) => {
    if (storedField(entry, 'typeName') !== 'shape') return
    const stored = storedField(storedField(entry, 'meta'), metaKey)
    const meta = scaffoldMeta({ meta: { [metaKey]: stored instanceof Y.AbstractType ? stored.toJSON() : stored } } as unknown as TLShape)
    if (meta?.kind === 'title' && !isKnownTemplate(meta.template) && Object.hasOwn(templateLoaders, meta.template)) names.add(meta.template)
  })
  return [...names]
}

/** Resolves once every template on the board is loaded (or failed to load); true when any was missing. */
export async function knowBoardTemplates(doc: Y.Doc): Promise<boolean> {
  const missing = unknownTemplates(doc)
  await Promise.all(missing.map(load))
  return missing.length > 0
}
