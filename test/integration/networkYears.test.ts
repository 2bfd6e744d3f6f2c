/**
 * A network's two years over the run's shared relay (the issue "The network's two years"): the
 * fixture (`test/helpers/networkYears.ts`) makes 80 boards over two years in all five phases;
 * this file adds what meetings leave behind: each board's meeting date, Kleingruppen collected
 * back on a Netzwerktreffen, the Zukunftskonferenz's action carried into the Zielsystem on the
 * Zielworkshop's board (as the board page carries it, `carryByClient.ts`), and releases. Then:
 * - the pack, fetched with the pack link alone (which opens nothing else), as PDF, ODT and DOCX,
 *   read back: the carried action once with its owner and date, each group's result once with
 *   its group, the meeting dates, no replacement glyph;
 * - between meetings a Zettel on the latest board is new there, and the carried action is due
 *   once, on the board it was carried to;
 * - one search over the network finds a word on every board whose Protokoll names it.
 * Its links renewed: `networkLinks.test.ts`; its boards kept two years on: `networkRetention.test.ts`;
 * its Fahrplan on screen: `test/browser/networkYears.test.ts`.
 */
import type { TLShape } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { meetingEntry } from '../../shared/board/entries/meeting.ts'
import { planCollect, type GroupPage, type ShapeRecord } from '../../shared/board/collectGroups.ts'
import { NetworkSearchAnswer, NetworkSinceAnswer, networkSearchPath, networkSincePath } from '../../shared/networkBetween.ts'
import { networkApiPath, networkPackPath, type PackFormat } from '../../shared/networkApi.ts'
import { packLinkApiPath, PackLinkView } from '../../shared/networkCredential.ts'
import { localDay } from '../../shared/dates.ts'
import { restoreDocument } from '../../server/room/restoreDocument.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { carryWithClient } from '../helpers/carryByClient.ts'
import { relaySuite, until } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { makeNetworkYears, planNetworkYears, type MadeNetworkYears } from '../helpers/networkYears.ts'
import { readDocx, readOdt } from '../helpers/officeText.ts'
import { pdfText, skipPdfTests } from '../helpers/pdfText.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { releaseBoard } from '../helpers/release.ts'
import { build, noteInCell } from '../unit/templates/helpers.ts'
import { hang } from '../helpers/hang.ts'

const german = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`
const occurrences = (text: string, words: string) => text.split(words).length - 1

/** Changes a stored board as one Yjs update, as the relay stores a client's: the board must not be open. */
async function changeStored(storage: SqliteStorage, boardId: string, change: (doc: Y.Doc) => void) {
  const { doc } = restoreDocument(await storage.loadDocument(boardId))
  try {
    const before = Y.encodeStateVector(doc)
    change(doc)
    await storage.appendUpdate(boardId, Y.encodeStateAsUpdate(doc, before))
  } finally {
    doc.destroy()
  }
}

const groupNames = ['Gruppe Kita', 'Gruppe Schule', 'Gruppe Beratung']

/** Three Kleingruppen, each on its own page with its own Protokoll and a result, collected back onto the plenary. */
function smallGroupsCollected(doc: Y.Doc) {
  const plenary = recordsIn<{ id: string; typeName: string }>(doc).find((r) => r.typeName === 'page')!.id
  const groups: GroupPage[] = []
  let seq = 0
  for (const [i, name] of groupNames.entries()) {
    const pageId = `page:kleingruppe${i}`
    const template = build('protokoll', { topics: 1 }).shapes.map((s) => (s.parentId === 'page:page' ? { ...s, parentId: pageId } : s)) as TLShape[]
    // Each group's result is a task with who takes it on: an open item that names its group.
    const notes = [
      ['tops:cell:top1:thema', `Ergebnis der ${name}`],
      ['tops:cell:top1:aufgabe', `Vorschlag der ${name} ausarbeiten`],
      ['tops:cell:top1:wer', 'Frau Nowak (Kita-Träger)'],
    ].map(([key, text]) => ({ ...noteInCell(template, key!, text!), parentId: pageId }) as TLShape)
    putRecords(doc, [{ id: pageId, typeName: 'page', name, index: `a${i + 2}`, meta: {} }, ...template, ...notes])
    groups.push({ name, pageId, shapes: [...template, ...notes] as unknown as ShapeRecord[], bindings: [], bounds: { x: 0, y: 0, w: 2000, h: 1500 } })
  }
  const plan = planCollect(groups, {
    plenaryPageId: plenary,
    origin: { x: 8000, y: 0 },
    frameIndices: ['a8', 'a9', 'aA'],
    newShapeId: () => `shape:kleingruppe${++seq}`,
    newBindingId: () => `binding:kleingruppe${++seq}`,
    newInstance: () => `kleingruppe${++seq}`,
  })
  if (plan.kind !== 'plan') throw new Error('too many shapes to collect')
  putRecords(doc, [...plan.frames, ...plan.headings, ...plan.shapes])
}

describe("a network's two years, over the relay", () => {
  const suite = relaySuite()
  const { api, json, bearer } = networkCalls(() => suite.relay)
  // The conference's second action is for Teilziel 1, which the Zielworkshop names.
  const plan = planNetworkYears({ boards: 80 }).map((board) =>
    board.title === 'Zukunftskonferenz' ? { ...board, zettel: { zukunftskonferenz: { ...board.zettel.zukunftskonferenz, 'action:a2:ziel': ['Teilziel 1'] } } } : board,
  )
  let made: MadeNetworkYears
  /** The boards released before the pack: only these go into it. */
  let released: MadeNetworkYears['boards'] = []
  const boardTitled = (title: string) => made.boards.find((b) => b.plan.title === title)!
  const netzwerktreffen = () => made.boards.find((b) => b.plan.title.startsWith('Netzwerktreffen'))!

  beforeAll(async () => {
    expect(new Set(plan.map((b) => b.phase)).size).toBe(5)
    made = await makeNetworkYears(suite.relay, plan)
    // What the meetings left: their dates in each board's header, Kleingruppen on a Netzwerktreffen.
    const storage = new SqliteStorage(suite.relay.dataDir)
    try {
      for (const { plan: board, board: madeBoard } of made.boards) {
        await changeStored(storage, madeBoard.id, (doc) => meetingEntry.set(doc, { date: board.date, place: 'Kreishaus', moderation: '' }))
      }
      await changeStored(storage, netzwerktreffen().board.id, smallGroupsCollected)
    } finally {
      await storage.close()
    }
    // The coordinator carries the conference's action into the Zielsystem on the Zielworkshop's board.
    const zielworkshop = boardTitled('Zielworkshop').board
    const conference = boardTitled('Zukunftskonferenz').board
    const writer = await suite.connect(zielworkshop.id, zielworkshop.access.facilitator)
    expect(await carryWithClient(suite.relay, writer, await suite.connect(zielworkshop.id), 'zk-actions-teilziel', { id: conference.id, token: conference.access.facilitator })).toBeGreaterThan(0)
    // Releases: the founding boards that were not internal, the Zielworkshop after the carry, the Netzwerktreffen with its groups.
    released = made.boards.filter((b) => !b.plan.internal && (b.plan.body !== 'steuerungsgruppe' || b.plan.title === 'Zielworkshop')).slice(0, 12)
    if (!released.includes(netzwerktreffen())) released.push(netzwerktreffen())
    for (const { board, plan: planned } of released) await releaseBoard(suite.relay, board, planned.date)
  }, 240_000)

  it.skipIf(skipPdfTests)('the pack, with the pack link alone, reads back as PDF, ODT and DOCX: the carried action once with its owner and date, each group’s result once with its group, the meeting dates', { timeout: hang(120_000) }, async () => {
    const { network } = made
    const link = PackLinkView.parse(await (await api(packLinkApiPath(network.id), { method: 'POST', ...bearer(network.token) })).json())
    const packToken = link.token!
    // The pack and nothing else.
    expect((await api(networkApiPath(network.id), bearer(packToken))).status).toBe(403)
    const pack = async (format: PackFormat) => {
      const response = await api(networkPackPath(network.id, format, 'de', '2026-11-26'), bearer(packToken))
      expect(response.status).toBe(200)
      return new Uint8Array(await response.arrayBuffer())
    }
    const texts: Record<string, string> = {
      pdf: pdfText(await pack('pdf')),
      odt: readOdt(await pack('odt')).paragraphs.join('\n'),
      docx: readDocx(await pack('docx')).paragraphs.join('\n'),
    }
    for (const [format, text] of Object.entries(texts)) {
      const squeezed = text.replace(/-\n/g, '').replace(/\s+/g, ' ')
      expect(text, format).not.toContain('\uFFFD')
      // The open items, between their heading and the Fahrplan's: the carried action is one of
      // them (the Zielsystem's section lists it too, as an activity), with its owner and date.
      const start = squeezed.indexOf('Offene Punkte')
      const openItems = squeezed.slice(start, squeezed.indexOf('Fahrplan', start))
      expect(openItems, format).toMatch(/Übersicht aller Angebote erstellen.*Frau Demir \(Jugendamt\).*31\.03\.2025/)
      for (const name of groupNames) {
        expect(occurrences(openItems, `Vorschlag der ${name} ausarbeiten`), format).toBe(1)
        expect(openItems, format).toContain(`Protokoll · ${name}`)
      }
      // No board was released in the three months before the pack's day: the boards table counts the released ones per phase, with the last day of each (issue 62).
      expect(squeezed, format).toContain('weitere Boards')
      expect(squeezed, format).toContain(german(released.map((b) => b.plan.date).sort().at(-1)!))
    }
  })

  it('between meetings a Zettel on the latest board is new there; the carried action is due once, on the board it was carried to', async () => {
    const { network } = made
    const since = async (body: unknown) => {
      const response = await api(networkSincePath(network.id), json('POST', body, network.token))
      expect(response.status).toBe(200)
      return NetworkSinceAnswer.parse(await response.json()).boards
    }
    const today = localDay(new Date())
    const first = await since({ since: null, seen: {}, day: today })
    const lookedAt = Date.now()
    const latest = made.boards.at(-1)!
    const writer = await suite.connect(latest.board.id, latest.board.access.participant)
    const note = noteAt(100, 100, 'Nachtrag zur Ferienbetreuung')
    putRecords(writer.doc, [note])
    const reader = await suite.connect(latest.board.id)
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(note.id))

    const next = await since({ since: lookedAt, seen: Object.fromEntries(first.map((b) => [b.boardId, b.seen])), day: today })
    expect(next.filter((b) => b.notes > 0 || b.comments > 0 || b.firstSeen).map((b) => [b.title, b.notes])).toEqual([[latest.plan.title, 1]])
    // The carried action is due where it was carried to (the Zielworkshop), not on both boards.
    const due = next.flatMap((b) => b.due.filter((item) => item.what === 'Übersicht aller Angebote erstellen').map((item) => ({ board: b.title, who: item.who, when: item.when })))
    expect(due).toEqual([{ board: 'Zielworkshop', who: 'Frau Demir (Jugendamt)', when: '31.03.2025' }])
  })

  it('one search over the network finds the Dolmetscherpool on every board whose Protokoll names it', async () => {
    const { network } = made
    const found = plan.filter((b) => JSON.stringify(b.zettel).includes('Dolmetscherpool')).length
    expect(found).toBeGreaterThan(1)
    const answer = NetworkSearchAnswer.parse(await (await api(networkSearchPath(network.id), json('POST', { query: 'Dolmetscherpool' }, network.token))).json())
    expect(answer.boards).toHaveLength(found)
  })
})
