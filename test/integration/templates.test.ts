/**
 * Boards from templates over a real relay (in the test's process): each template's board as valid
 * tldraw records, notes put into its cells back in the export, a Beteiligtenanalyse's tables in
 * Markdown and CSV (read from storage after a restart too), a Dienstleistungskette's chain in
 * order, and bad requests refused without creating anything.
 */
import { createTLSchema, type TLRecord, type TLShape } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { BoardExport } from '../../shared/results/export.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { templateNames } from '../../shared/templates/registry.ts'
import { fallkonferenzCells } from '../../shared/templates/fallkonferenz.ts'
import { apiFetch, createBoard, privateRelaySuite, type TestClient, until } from '../helpers/clients.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { startRelay } from '../helpers/relay.ts'
import { noteAt, path } from '../unit/templates/helpers.ts'
import { consentEntry } from '../../shared/board/entries/consent.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { recordedFor } from '../helpers/consentRecords.ts'

const schema = createTLSchema()

describe('boards from templates', () => {
  // A relay of the file's own: a test restarts it. Two boards per template and more: above the
  // default limit of new boards per address and minute.
  const suite = privateRelaySuite({ MAX_BOARDS_PER_MINUTE: '200' })
  const connect = suite.connect
  const api = (path: string, init?: RequestInit) => apiFetch(suite.relay, path, init)
  const records = (doc: Y.Doc) => recordsIn<TLRecord>(doc)
  const shapes = (doc: Y.Doc) => records(doc).filter((r): r is TLShape => r.typeName === 'shape')
  const exportJson = async (boardId: string) => {
    const response = await api(`/api/boards/${boardId}/export?format=json`)
    expect(response.status).toBe(200)
    return (await response.json()) as BoardExport
  }
  /** Writes a note the way the client does, and waits until the relay has forwarded it. */
  const addNote = async (writer: TestClient, reader: TestClient, note: TLShape) => {
    putRecords(writer.doc, [note])
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(note.id))
  }
  const centreOf = (cell: TLShape) => {
    const { w, h } = cell.props as { w: number; h: number }
    return { x: cell.x + w / 2, y: cell.y + h / 2 }
  }

  it.each(templateNames)('%s: a new board holds the template as valid tldraw records', async (template) => {
    const board = await createBoard(suite.relay, `Workshop ${template}`, { template })
    const client = await connect(board.id)
    const all = records(client.doc)
    for (const record of all) {
      const type = schema.types[record.typeName as keyof typeof schema.types]
      expect(() => type.validate(record), record.id).not.toThrow()
    }
    expect(all.map((r) => r.typeName)).toContain('document')
    expect(all.map((r) => r.id)).toContain('page:page')
    expect(client.doc.getMap('meta').get('schema')).toEqual(schema.serialize())
    const scaffold = shapes(client.doc).filter((s) => scaffoldMeta(s)?.template === template)
    expect(scaffold.length).toBeGreaterThan(5)
    expect(scaffold.filter((s) => scaffoldMeta(s)?.kind === 'title')).toHaveLength(1)
  })

  it.each(templateNames)('%s: notes a participant puts into cells come back in the export', async (template) => {
    const board = await createBoard(suite.relay, `Export ${template}`, { template, locale: 'en' })
    const writer = await connect(board.id)
    const reader = await connect(board.id)
    // One note into the first cell of every section.
    const firstCells = new Map<string, TLShape>()
    for (const shape of shapes(writer.doc)) {
      const cell = scaffoldMeta(shape)?.cell
      if (cell && !firstCells.has(cell.section)) firstCells.set(cell.section, shape)
    }
    expect(firstCells.size).toBeGreaterThan(0)
    // A case conference takes and exports its case only once the confirmations are recorded; its
    // confirmation cells are remarks (one gets its note below).
    if (template === 'fallkonferenz') {
      consentEntry.set(writer.doc, recordedFor(shapes(writer.doc)))
      await until(reader.doc, () => facilitationMap(reader.doc).has(consentEntry.key))
    }
    if (template === 'fallkonferenz')
      for (const row of fallkonferenzCells.consentRows) {
        const cell = shapes(writer.doc).find((s) => scaffoldMeta(s)?.key === `${fallkonferenzCells.consent}:cell:${row}:${fallkonferenzCells.confirmed}`)!
        if (cell.id === firstCells.get(fallkonferenzCells.consent)?.id) continue
        const { x, y } = centreOf(cell)
        await addNote(writer, reader, noteAt(x, y, 'MK'))
      }
    for (const [section, cell] of firstCells) {
      const { x, y } = centreOf(cell)
      await addNote(writer, reader, noteAt(x, y, `note in ${section}`))
    }
    const result = await exportJson(board.id)
    expect(result.board).toEqual({ id: board.id, title: `Export ${template}` })
    const [exported] = result.templates
    expect(exported.template).toBe(template)
    for (const [section, cell] of firstCells) {
      const ref = scaffoldMeta(cell)!.cell!
      const table = exported.tables.find((t) => t.title === ref.sectionTitle)!
      expect(table, ref.sectionTitle).toBeDefined()
      const row = table.rows.find((r) => r[0][0] === (ref.rowLabel ?? ref.sectionTitle))!
      expect(row, `${section} row`).toBeDefined()
      const column = ref.col ? table.columns.indexOf(ref.colLabel!) : 1
      expect(row[column]).toEqual([`note in ${section}`])
    }
    expect(result.otherNotes).toEqual([])
  })

  it('Beteiligtenanalyse: export as a table per partner in Markdown and CSV, also after a restart', async () => {
    const board = await createBoard(suite.relay, 'Netzwerk Alleinerziehende', {
      template: 'beteiligtenanalyse',
      options: { partners: ['Jobcenter', 'Familienzentrum'] },
    })
    const writer = await connect(board.id)
    const reader = await connect(board.id)
    const cell = (key: string) => shapes(writer.doc).find((s) => scaffoldMeta(s)?.key === key)!
    const a = centreOf(cell('cell:p0:ressourcen'))
    const b = centreOf(cell('cell:p1:widerstaende'))
    await addNote(writer, reader, noteAt(a.x, a.y - 50, 'Fallmanagement'))
    await addNote(writer, reader, noteAt(a.x, a.y + 50, 'Kontakte zu Arbeitgebern'))
    await addNote(writer, reader, noteAt(b.x, b.y, '?'))
    await addNote(writer, reader, noteAt(a.x, a.y + 2000, 'Parkplatz'))

    const md = await api(`/api/boards/${board.id}/export?format=md`)
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(md.headers.get('content-disposition')).toContain("filename*=UTF-8''Netzwerk-Alleinerziehende.md")
    const markdown = await md.text()
    expect(markdown).toContain('| Beteiligte | Verhältnis und Politikfeld | Ziele | Interessen | Ressourcen | Widerstände | Konflikte | Strategien | Folgerung |')
    expect(markdown).toContain('| Jobcenter |  |  |  | • Fallmanagement<br>• Kontakte zu Arbeitgebern |  |  |  |  |')
    expect(markdown).toContain('| Familienzentrum |  |  |  |  | ? |  |  |  |')
    expect(markdown).toContain('- Parkplatz')

    const csv = await (await api(`/api/boards/${board.id}/export?format=csv`)).text()
    expect(csv.split('\r\n')).toContain('Jobcenter;;;;"Fallmanagement\nKontakte zu Arbeitgebern";;;;')

    // A relay that comes back reads the export from storage, without a room.
    for (const client of [writer, reader]) client.provider.disconnect()
    await suite.relay.kill()
    suite.relay = await startRelay({ dataDir: suite.relay.dataDir })
    const again = await exportJson(board.id)
    expect(again.templates[0].tables[0].rows[0][4]).toEqual(['Fallmanagement', 'Kontakte zu Arbeitgebern'])
  })

  it('Dienstleistungskette: the chain a client draws with arrows is exported in order, with its hand-over', async () => {
    const board = await createBoard(suite.relay, 'Kette', {
      template: 'dienstleistungskette',
      // One chain (the default draws both): its hand-over's label has no „Soll:“ before it.
      options: { organisations: ['Jobcenter', 'Jugendamt'], variant: 'soll', handovers: ['Jobcenter → Jugendamt'] },
    })
    const writer = await connect(board.id)
    const reader = await connect(board.id)
    const byKey = (key: string) => shapes(writer.doc).find((s) => scaffoldMeta(s)?.key === key)!
    const inLane = (key: string, text: string) => {
      const lane = byKey(key)
      return noteAt(lane.x + 400, lane.y + (lane.props as { h: number }).h / 2, text)
    }
    const first = inLane('lane:soll:0', 'Leistung: Erstberatung\nVerantwortlich: Fallmanagement\nWirkung erkennbar an: Termin in 14 Tagen')
    const second = inLane('lane:soll:1', 'Leistung: Kita-Platz vermitteln')
    const { x, y } = centreOf(byKey('handover:0'))
    const problem = noteAt(x, y, 'Unterlagen doppelt angefordert')
    const arrows = path(byKey('start:soll'), first, second, byKey('end:soll'))
    // One transaction, as the editor writes a drawn arrow with its bindings.
    writer.doc.transact(() => {
      putRecords(writer.doc, [first, second, problem, ...arrows])
    })
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(arrows.at(-1)!.id))

    const { templates } = await exportJson(board.id)
    const chain = templates[0].tables.find((t) => t.title === 'Soll: Kette entlang der Pfeile')!
    expect(chain.rows.map((row) => [row[0][0], row[1][0], row[4][0]])).toEqual([
      ['Start', expect.stringContaining('Bedarfslage'), undefined],
      ['1', 'Erstberatung', 'Jobcenter'],
      ['2', 'Kita-Platz vermitteln', 'Jugendamt'],
      ['Ende', expect.stringContaining('Wirkungen'), undefined],
    ])
    const handovers = templates[0].tables.find((t) => t.title === 'Schnittstellen entlang der Kette')!
    expect(handovers.rows).toEqual([[['Jobcenter'], ['Jugendamt'], ['Unterlagen doppelt angefordert']]])
  })

  it('refuses unknown templates, bad options and bad export requests, creating nothing', async () => {
    const post = (body: unknown) =>
      api('/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    for (const body of [
      { title: 'x', template: 'kanban' },
      { title: 'x', template: 'beteiligtenanalyse', options: { partners: 'Jobcenter' } },
      { title: 'x', template: 'beteiligtenanalyse', options: { partners: [''] } },
      { title: 'x', template: 'beteiligtenanalyse', options: [] },
      { title: 'x', template: 'beteiligtenanalyse', locale: 'fr' },
    ]) {
      const response = await post(body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect((await response.json()).error).toBeTruthy()
    }
    const board = await createBoard(suite.relay, 'Leer')
    expect((await api(`/api/boards/${board.id}/export?format=pdf`)).status).toBe(400)
    expect((await api('/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export?format=md')).status).toBe(404)
    const empty = await exportJson(board.id)
    expect(empty).toEqual({ board: { id: board.id, title: 'Leer' }, templates: [], otherNotes: [] })
  })
})
