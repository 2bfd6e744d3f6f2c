import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { loadStoreFromDoc } from '../../client/sync/loadStore.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { makeStore } from '../helpers/boardStores.ts'

describe('a board the server builds from a template', () => {
  it('opens in the client as written: same schema, nothing migrated or skipped', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, templateDocument({ template: 'beteiligtenanalyse', locale: 'de' }))
    const store = makeStore()
    const result = loadStoreFromDoc(store, doc, 'test')
    expect(result).toMatchObject({ ok: true, migrated: 0, skipped: [] })
    const shapes = store.allRecords().filter((r) => r.typeName === 'shape')
    expect(shapes.length).toBeGreaterThan(20)
    expect(shapes.every((s) => scaffoldMeta(s as never)?.template === 'beteiligtenanalyse')).toBe(true)
    expect(store.get('page:page' as never)).toMatchObject({ name: 'Seite 1' })
    // The client wrote nothing back: the server's schema is the client's.
    expect(doc.getMap('meta').get('schema')).toEqual(store.schema.serialize())
  })
})
