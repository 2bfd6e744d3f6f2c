/**
 * `admin import-board` takes no board graph a client's update could not make: an archive whose
 * arrow is bound to itself or to another arrow is refused (every tab would fail on it), one with
 * an arrow between two notes is taken.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeDocument } from '../../server/boardArchive/importCheck.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { arrowBinding, arrowShape, noteAt, putRecords } from '../helpers/records.ts'

function board(records: object[]): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de'))
  putRecords(doc, [noteAt(0, 0, 'A', 'shape:a' as never), noteAt(400, 0, 'B', 'shape:b' as never), arrowShape('shape:p'), arrowShape('shape:q'), ...records])
  return Y.encodeStateAsUpdate(doc)
}

describe('the graph of an imported board', () => {
  it('takes an arrow between two notes', () => {
    expect(judgeDocument(board([arrowBinding('binding:s', 'shape:p', 'shape:a', 'start'), arrowBinding('binding:e', 'shape:p', 'shape:b')]))).toBeNull()
  })

  it('refuses an arrow bound to itself, two arrows bound to each other and a binding from a note', () => {
    expect(judgeDocument(board([arrowBinding('binding:self', 'shape:p', 'shape:p')]))).toMatch(/^tldraw\/binding:self: /)
    expect(judgeDocument(board([arrowBinding('binding:pq', 'shape:p', 'shape:q'), arrowBinding('binding:qp', 'shape:q', 'shape:p', 'start')]))).toMatch(/^tldraw\/binding:(pq|qp): /)
    expect(judgeDocument(board([arrowBinding('binding:note', 'shape:a', 'shape:b')]))).toMatch(/^tldraw\/binding:note: /)
  })
})
