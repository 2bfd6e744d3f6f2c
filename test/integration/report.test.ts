/**
 * The workshop report through the real relay: a Protokoll and a Zukunftskonferenz on one board,
 * notes signed by two real y-websocket clients, and one report with both templates in board
 * order, the guiding question, the open items of both, and how many people wrote; in German and
 * English. What it refuses and how its download is named: `test/unit/http/report.test.ts`, over
 * the relay's app in the test's process.
 */
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { ballotPath, revealPath, writerHeader } from '../../shared/api.ts'
import { authorId } from '../../shared/author.ts'
import { startVote } from '../../shared/board/entries/vote.ts'
import { buildTemplate } from '../../shared/templates/instance.ts'
import { planTemplate } from '../../shared/templates/catalogue.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import type { WorkshopReport } from '../../shared/results/report.ts'
import { apiFetch, createBoard, relaySuite, until } from '../helpers/clients.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { noteAt } from '../unit/templates/helpers.ts'
import { hang } from '../helpers/hang.ts'

describe('workshop report', () => {
  const suite = relaySuite()
  const report = (boardId: string, query: string, token?: string) =>
    apiFetch(suite.relay, `/api/boards/${boardId}/report?${query}`, token ? { headers: { authorization: `Bearer ${token}` } } : undefined)

  it('gathers every template, the open items and the number of writers into one document', async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Alleinerziehende', {
      template: 'protokoll',
      options: { date: '2026-11-23', topics: 3 },
    })
    const facilitator = await connect(board.id, board.access.facilitator)
    // The facilitator adds a Zukunftskonferenz below the minutes.
    let n = 0
    const zk = buildTemplate(planTemplate('zukunftskonferenz', { question: 'Wie kommen Kinder unter drei gut in die Kita?' }, 'de'), {
      locale: 'de',
      origin: { x: 0, y: 6000 },
      parentId: 'page:page' as TLShape['parentId'],
      instance: 'zk',
      newShapeId: () => `shape:zk${++n}` as TLShapeId,
    })
    putRecords(facilitator.doc, zk)

    const writers = ['a'.repeat(32), 'b'.repeat(32)]
    const [anna, ben] = await Promise.all(writers.map((writer) => connect(board.id, board.access.participant, writer)))
    await until(anna.doc, () => anna.doc.getMap('tldraw').has(zk[0].id))
    const cell = (key: string) => {
      const shape = recordsIn<TLShape>(anna.doc).find((s) => scaffoldMeta(s)?.key === key)!
      const { w, h } = shape.props as { w: number; h: number }
      return { x: shape.x + w / 2, y: shape.y + h / 2 }
    }
    const signed = (writer: string, key: string, text: string) => {
      const { x, y } = cell(key)
      return { ...noteAt(x, y, text), meta: { author: authorId(writer, board.id) } }
    }
    const annasLast = signed(writers[0], 'tops:cell:top1:wer', 'Herr B., 15.1.')
    putRecords(anna.doc, [
      signed(writers[0], 'tops:cell:top1:thema', 'Kita-Randzeiten'),
      signed(writers[0], 'tops:cell:top1:aufgabe', 'Bedarf bei Trägern abfragen'),
      annasLast,
    ])
    const last = signed(writers[1], 'action:a1:massnahme', 'Notfallbetreuung aufbauen')
    putRecords(ben.doc, [signed(writers[1], 'action:a1:wer', 'Jugendamt'), last])
    // Anna's and Ben's notes come over two sockets, in either order: wait for both.
    await until(facilitator.doc, () => [annasLast.id, last.id].every((id) => facilitator.doc.getMap('tldraw').has(id)))

    const md = await report(board.id, 'format=md&locale=de')
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(md.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''Dokumentation-Steuerungsgruppe-Alleinerziehende-\d{4}-\d\d-\d\d\.md$/)
    const text = await md.text()
    expect(text).toContain('# Dokumentation: Steuerungsgruppe Alleinerziehende')
    expect(text).toMatch(/Stand: \d\d\.\d\d\.\d{4} · Beiträge von: 2 Personen/)
    expect(text).toContain('## Inhalt\n\n1. Protokoll · 23.11.2026\n2. Zukunftskonferenz')
    expect(text).toContain('**Leitfrage:** Wie kommen Kinder unter drei gut in die Kita?')
    expect(text).toContain('| 1 | Kita-Randzeiten |  | Bedarf bei Trägern abfragen | Herr B., 15.1. |')
    expect(text.indexOf('## Protokoll')).toBeLessThan(text.indexOf('## Zukunftskonferenz'))
    const open = text.slice(text.indexOf('## Offene Punkte'))
    expect(open).toContain('| Bedarf bei Trägern abfragen | Herr B., 15.1. | Protokoll · 23.11.2026 |')
    expect(open).toContain('| Notfallbetreuung aufbauen | Jugendamt | Zukunftskonferenz |')

    const json = await report(board.id, 'format=json&locale=en')
    expect(json.status).toBe(200)
    const data = (await json.json()) as WorkshopReport
    expect(data.contributors).toBe(2)
    expect(data.templates.map((t) => t.template)).toEqual(['protokoll', 'zukunftskonferenz'])
    expect(data.openItems).toHaveLength(2)
  })

  it('carries no HTML and no broken table out of titles and notes in the Markdown export and report', async () => {
    const title = '<script>alert(1)</script> & Co'
    const board = await createBoard(suite.relay, title, { template: 'protokoll', options: { date: '2026-11-23', topics: 1 } })
    const writer = 'c'.repeat(32)
    const participant = await connect(board.id, board.access.participant, writer)
    const cell = recordsIn<TLShape>(participant.doc).find((s) => scaffoldMeta(s)?.key === 'tops:cell:top1:thema')!
    const { w, h } = cell.props as { w: number; h: number }
    const signed = (x: number, y: number, text: string) => ({ ...noteAt(x, y, text), meta: { author: authorId(writer, board.id) } })
    const inCell = signed(cell.x + w / 2, cell.y + h / 2, '<img src=x onerror=alert(1)> | zwei\nZeilen')
    const loose = signed(-5000, -5000, 'frei <script>alert(2)</script> &amp;')
    putRecords(participant.doc, [inCell, loose])
    const facilitator = await connect(board.id, board.access.facilitator)
    await until(facilitator.doc, () => facilitator.doc.getMap('tldraw').has(loose.id))

    for (const path of ['export?format=md', 'report?format=md']) {
      const text = await (await apiFetch(suite.relay, `/api/boards/${board.id}/${path}`)).text()
      expect(text, path).not.toMatch(/<(script|img)/i)
      expect(text, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt; & Co')
      // One row, its cells where they were: the pipe stays inside the note, its line break a `<br>`
      // (the only raw HTML the export writes; what was typed stays escaped).
      const row = text.split('\n').find((line) => line.includes('onerror'))!
      expect(row, path).toBe('| 1 | &lt;img src=x onerror=alert(1)&gt; &#124; zwei<br>Zeilen |  |  |  |  |')
      expect(row.replaceAll('<br>', ''), path).not.toMatch(/</)
      // What someone typed shows as typed, `&amp;` too.
      expect(text, path).toContain('- frei &lt;script&gt;alert(2)&lt;/script&gt; &amp;amp;')
    }

    // A revealed vote on chosen notes, named by the facilitator: its name is text too.
    const scope = { kind: 'selection' as const, noteIds: [inCell.id], pageId: 'page:page', label: '<img src=y onerror=alert(3)>' }
    startVote(facilitator.doc, { id: 'vote-md', dotsPerPerson: 1, scope, startedAt: Date.now() })
    const json = { 'content-type': 'application/json' }
    await expect
      .poll(async () =>
        (await apiFetch(suite.relay, ballotPath(board.id), {
          method: 'PUT',
          headers: { ...json, authorization: `Bearer ${board.access.participant}`, [writerHeader]: writer },
          body: JSON.stringify({ voteId: 'vote-md', dots: { [inCell.id]: 1 } }),
        })).status,
      )
      .toBe(204)
    expect((await apiFetch(suite.relay, revealPath(board.id), { method: 'POST', headers: json, body: JSON.stringify({ voteId: 'vote-md' }) })).status).toBe(204)
    for (const path of ['export?format=md', 'report?format=md']) {
      const text = await (await apiFetch(suite.relay, `/api/boards/${board.id}/${path}`)).text()
      expect(text, path).toContain('Bereich: Ausgewählte Zettel: &lt;img src=y onerror=alert(3)&gt;')
      expect(text, path).not.toMatch(/<(script|img)/i)
    }
  })

  it('follows the day: templates in the order they were put on the board, page by page; no empty tables unless asked; no HTML in tables', async () => {
    const board = await createBoard(suite.relay, 'Netzwerktag', { template: 'protokoll', options: { date: '2026-11-23', topics: 2 } })
    const facilitator = await connect(board.id, board.access.facilitator)
    const shapes = () => recordsIn<TLShape>(facilitator.doc).filter((r) => r.typeName === 'shape')
    const firstPage = recordsIn<{ typeName: string; id: string; index: string }>(facilitator.doc).find((r) => r.typeName === 'page')!
    // Later in the day, a Zukunftskonferenz: put where there was room, above the minutes.
    let n = 0
    const topmost = shapes().map((s) => s.index).sort().at(-1)!
    const zk = buildTemplate(planTemplate('zukunftskonferenz', { question: 'Wie kommen Kinder unter drei gut in die Kita?' }, 'de'), {
      locale: 'de',
      origin: { x: 0, y: -9000 },
      parentId: firstPage.id as TLShape['parentId'],
      instance: 'zk',
      newShapeId: () => `shape:zk${++n}` as TLShapeId,
      indexAbove: topmost,
    })
    // And on a second page of the board, far up: a Beteiligtenanalyse nobody wrote in.
    const second = { typeName: 'page', id: 'page:zwei', name: 'Nachmittag', index: `${firstPage.index}V`, meta: {} }
    const ba = buildTemplate(planTemplate('beteiligtenanalyse', { partners: ['Jobcenter'] }, 'de'), {
      locale: 'de',
      origin: { x: 0, y: -30000 },
      parentId: second.id as TLShape['parentId'],
      instance: 'ba',
      newShapeId: () => `shape:ba${++n}` as TLShapeId,
    })
    putRecords(facilitator.doc, [second, ...zk, ...ba])
    const cell = (key: string) => {
      const shape = shapes().find((s) => scaffoldMeta(s)?.key === key)!
      const { w, h } = shape.props as { w: number; h: number }
      return { x: shape.x + w / 2, y: shape.y + h / 2 }
    }
    const at = cell('tops:cell:top1:thema')
    const last = noteAt(at.x, at.y + 40, 'Ferienbetreuung')
    putRecords(facilitator.doc, [noteAt(at.x, at.y - 40, 'Kita-Randzeiten'), last])
    const action = cell('action:a1:massnahme')
    putRecords(facilitator.doc, [noteAt(action.x, action.y, 'Notfallbetreuung aufbauen')])

    // The report reads what the relay has: until the last note is there.
    const reportText = async (query: string) => (await report(board.id, query)).text()
    await expect.poll(() => reportText('format=md&locale=de'), { timeout: hang(10_000) }).toContain('Notfallbetreuung aufbauen')
    const md = await reportText('format=md&locale=de')
    expect(md).toContain('## Inhalt\n\n1. Protokoll · 23.11.2026\n2. Zukunftskonferenz\n3. Beteiligtenanalyse')
    // Two notes in one cell: one line of the table, each note after a bullet on a line of its own.
    expect(md).toContain('| 1 | • Kita-Randzeiten<br>• Ferienbetreuung |  |  |  |  |')
    expect(md.match(/<br>/g)).toHaveLength(1)
    // A template nobody wrote in says so, instead of printing its empty tables.
    const section = (text: string, heading: string) => text.slice(text.indexOf(`## ${heading}`)).split(/\n## /)[0]
    expect(section(md, 'Beteiligtenanalyse')).not.toContain('|')
    expect(section(md, 'Beteiligtenanalyse')).toContain('Noch keine Einträge.')
    // The Protokoll's empty session table is left out, its topics are there.
    expect(section(md, 'Protokoll · 23.11.2026')).not.toContain('| Datum |')
    // So are the rows nobody wrote in.
    expect(section(md, 'Protokoll · 23.11.2026')).not.toContain('| 2 |')
    const full = await (await report(board.id, 'format=md&locale=de&empty=1')).text()
    expect(section(full, 'Beteiligtenanalyse')).toContain('| Jobcenter |')
    expect(section(full, 'Protokoll · 23.11.2026')).toContain('| Datum |')
    expect(section(full, 'Protokoll · 23.11.2026')).toContain('| 2 |  |  |  |  |')

    const data = (await (await report(board.id, 'format=json&locale=de')).json()) as WorkshopReport
    expect(data.templates.map((t) => t.template)).toEqual(['protokoll', 'zukunftskonferenz', 'beteiligtenanalyse'])
    expect(data.templates[2].tables).toEqual([])
  })

  const connect = suite.connect
})
