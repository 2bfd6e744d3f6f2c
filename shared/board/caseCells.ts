/**
 * Which scaffold cells hold a Fallkonferenz's case (`entries/consent.ts` names the template and
 * its sections), read off plain records: the relay, the client and an archive's check read them
 * alike, without loading a template.
 */
import type { TLShape } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { getRecordsMap, readEntry } from './records.ts'
import { scaffoldMeta, type ScaffoldMeta } from './scaffoldMeta.ts'
import { shapeBox, type Box } from './keptInSight.ts'
import { caseSections, consentTemplate } from './entries/consent.ts'

/** A case cell on a page: its box on the page and the Fallkonferenz it belongs to. */
export interface CaseCell {
  instance: string
  box: Box
}

/** The scaffold meta of a record, if it is scaffold. */
export const scaffoldMetaOf = (record: Record<string, unknown>): ScaffoldMeta | undefined =>
  typeof record.meta === 'object' && record.meta !== null ? scaffoldMeta(record as unknown as TLShape) : undefined

/** The record as a case cell (lying on its page), or undefined when it is none. */
export function caseCellOf(record: Record<string, unknown>): CaseCell | undefined {
  if (record.typeName !== 'shape') return undefined
  const meta = scaffoldMetaOf(record)
  if (!meta || meta.kind !== 'cell' || meta.template !== consentTemplate || !meta.cell || !caseSections.includes(meta.cell.section)) return undefined
  return { instance: meta.instance, box: shapeBox(record) }
}

/**
 * Whether the record is a Fallkonferenz's title: a board holding one holds a case, whole (as
 * `results/caseBoards.ts` reads it with the template list; the relay's kernel loads no template).
 */
export function isCaseTitle(record: Record<string, unknown>): boolean {
  if (record.typeName !== 'shape') return false
  const meta = scaffoldMetaOf(record)
  return meta?.kind === 'title' && meta.template === consentTemplate
}

/** Whether a board's document holds a case: a Fallkonferenz's title among its records. */
export function docHoldsCase(doc: Y.Doc): boolean {
  for (const entry of getRecordsMap(doc).values()) {
    const record = readEntry(entry)
    if (record && typeof record === 'object' && !Array.isArray(record) && isCaseTitle(record as Record<string, unknown>)) return true
  }
  return false
}

/** The case cells among `records`, by the page they lie on (cells lie on the page itself). */
export function caseCellsByPage(records: Iterable<Record<string, unknown>>): Map<string, CaseCell[]> {
  const pages = new Map<string, CaseCell[]>()
  for (const record of records) {
    const cell = caseCellOf(record)
    if (!cell || typeof record.parentId !== 'string') continue
    const list = pages.get(record.parentId)
    if (list) list.push(cell)
    else pages.set(record.parentId, [cell])
  }
  return pages
}
