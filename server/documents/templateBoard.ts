/**
 * The first document state of a board, blank or from a template: the tldraw document and page
 * records, the template's shapes, and the schema they were written with, in the board's Y.Doc
 * format (`shared/board/ydoc.ts`). The client then opens it like any board another client wrote.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { createTLSchema, type TLParentId, type TLRecord, type TLShape, type TLShapeId } from '@tldraw/tlschema'
import { templateGap } from '../../shared/templates/geometry.ts'
import { buildTemplate } from '../../shared/templates/instance.ts'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import type { Locale } from '../../shared/locale.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { getMetaMap, getRecordsMap, recordEntry } from '../../shared/board/records.ts'
import { formatVersion, formatVersionKey, schemaKey } from '../../shared/board/ydoc.ts'

export interface TemplateRequest {
  template: TemplateName
  options?: unknown
  locale: Locale
}

const schema = createTLSchema()
// tldraw's own default page id, so the client's store finds the page it expects.
const pageId = 'page:page' as TLParentId
const pageNames = { de: 'Seite 1', en: 'Page 1' }

const randomKey = () => randomBytes(12).toString('base64url')

/** Throws zod's error when the options do not fit the template. */
export function templateDocument({ template, options, locale }: TemplateRequest): Uint8Array {
  return templatesDocument([{ template, options }], locale)
}

/**
 * Several templates side by side on the first page, left to right with the gap the Vorlagen
 * panel keeps (`findFreeSpot`), each above the one before, as if inserted one after the other.
 * Throws zod's error when one's options do not fit its template; nothing is made then.
 */
export function templatesDocument(requests: ReadonlyArray<Omit<TemplateRequest, 'locale'>>, locale: Locale): Uint8Array {
  const shapes: TLShape[] = []
  let x = 0
  for (const { template, options } of requests) {
    const plan = planTemplate(template, options, locale)
    shapes.push(
      ...buildTemplate(plan, {
        locale,
        origin: { x, y: 0 },
        parentId: pageId,
        instance: randomKey(),
        newShapeId: () => `shape:${randomKey()}` as TLShapeId,
        indexAbove: shapes.at(-1)?.index ?? null,
      }),
    )
    x += plan.layout.w + templateGap
  }
  return boardDocument(locale, shapes)
}

/**
 * A new board's document and page, even without a template: a shape may only be written onto a
 * page that exists (`shared/board/declaration.ts`), so every board has one from the start.
 */
export function boardDocument(locale: Locale, shapes: readonly TLRecord[] = []): Uint8Array {
  const records: TLRecord[] = [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} } as TLRecord,
    { id: pageId, typeName: 'page', name: pageNames[locale], index: 'a1', meta: {} } as TLRecord,
    ...shapes,
  ]
  const doc = new Y.Doc()
  doc.transact(() => {
    const map = getRecordsMap(doc)
    for (const record of records) map.set(record.id, recordEntry(record))
    const meta = getMetaMap(doc)
    meta.set(schemaKey, schema.serialize())
    meta.set(formatVersionKey, formatVersion)
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
