/**
 * The list „Beitragen“ loads the templates its board holds, and only those, before it reads the
 * board (client/board/boardTemplates.ts); the catalogue of them all is the editor's and the
 * relay's. The unit tests share their modules (isolate: false) and others load the catalogue, so
 * the list's modules are imported afresh here: what they know is what the list loaded.
 */
import * as Y from 'yjs'
import { describe, expect, it, vi } from 'vitest'
import { getRecordsMap, writeRecord } from '../../shared/board/records.ts'
import { metaKey } from '../../shared/board/scaffoldMeta.ts'

const title = (template: string, instance: string) => ({
  id: `shape:${instance}`,
  typeName: 'shape',
  type: 'text',
  parentId: 'page:page',
  meta: { [metaKey]: { template, instance, key: 'title', kind: 'title' } },
})

describe("the list's templates", () => {
  it('are those on its board, loaded once each; a name no template has stays unknown', async () => {
    vi.resetModules()
    const { knowBoardTemplates, unknownTemplates } = await import('../../client/board/boardTemplates.ts')
    const { isKnownTemplate } = await import('../../shared/templates/knownTemplates.ts')
    const doc = new Y.Doc()
    for (const record of [title('planspiel', 'a'), title('planspiel', 'b'), title('netzwerkkarte', 'c'), title('keineVorlage', 'd')]) writeRecord(getRecordsMap(doc), record)
    expect(unknownTemplates(doc).sort()).toEqual(['netzwerkkarte', 'planspiel'])
    expect(await knowBoardTemplates(doc)).toBe(true)
    expect(unknownTemplates(doc)).toEqual([])
    expect(['planspiel', 'netzwerkkarte'].map(isKnownTemplate)).toEqual([true, true])
    expect(['gruendungsveranstaltung', 'keineVorlage'].map(isKnownTemplate)).toEqual([false, false])
    expect(await knowBoardTemplates(doc)).toBe(false)
  })
})
