/**
 * Dot voting through the real relay: several people vote at the same moment, each over their own
 * y-websocket connection, and every client ends up with every ballot; an observer's dots never
 * reach anyone; the relay keeps the ballots across a restart.
 */
import { isDeepStrictEqual } from 'node:util'
import type { TLShape } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addDot,
  castBallot,
  notesInScope,
  ownBallot,
  readVote,
  setVoteState,
  startVote,
  visibleTally,
  type VoteScope,
} from '../../shared/facilitation/voting.ts'
import { recordBounds } from '../../shared/templates/export.ts'
import { scaffoldMeta } from '../../shared/templates/instance.ts'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { cellCentre, noteAt } from '../unit/templates/helpers.ts'

const shapesOf = (doc: Y.Doc) =>
  recordsIn(doc).filter((r) => r.typeName === 'shape')

/** The scope rules as any client applies them, on the records alone. */
const world = (doc: Y.Doc) => {
  const shapes = shapesOf(doc)
  const byId = new Map(shapes.map((s) => [s.id as string, s]))
  return { shapes, boundsOf: (s: TLShape) => recordBounds(s, byId), pageOf: () => 'page:page' }
}

/** What a client's doc says about the ballots, for comparing clients. */
const ballotsOf = (doc: Y.Doc) => Object.fromEntries([...(readVote(doc)?.ballots ?? [])].sort(([a], [b]) => a.localeCompare(b)))

/** Resolves once the doc holds exactly these ballots; fails with what it holds after a while. */
async function converged(doc: Y.Doc, expected: Record<string, unknown>, ms = 15_000): Promise<void> {
  const same = () => isDeepStrictEqual(ballotsOf(doc), expected)
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`ballots did not converge: ${JSON.stringify(ballotsOf(doc))}`)), ms)
  })
  try {
    await Promise.race([until(doc, same), timeout])
  } finally {
    clearTimeout(timer)
  }
}

describe('dot voting through the relay', () => {
  let relay: RelayProcess
  const clients: TestClient[] = []
  beforeAll(async () => {
    relay = await startRelay()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await relay.kill()
    removeDataDir(relay.dataDir)
  })
  const connect = async (r: RelayProcess, boardId: string, token: string) => {
    const client = connectClient(r, boardId, undefined, { token })
    clients.push(client)
    await whenSynced(client)
    return client
  }

  it('many people voting at once lose no ballot; observers do not vote; the tally converges and persists', async () => {
    const board = await createBoard(relay, 'Zukunftskonferenz', { template: 'zukunftskonferenz' })
    const facilitator = await connect(relay, board.id, board.access.facilitator)
    const participants = await Promise.all(Array.from({ length: 5 }, () => connect(relay, board.id, board.access.participant)))
    const observer = await connect(relay, board.id, board.access.observer)
    const everyone = [facilitator, ...participants, observer]

    // Four notes in the template's cells, one note far outside it.
    const scaffold = shapesOf(facilitator.doc).filter((s) => scaffoldMeta(s))
    const cells = scaffold.filter((s) => scaffoldMeta(s)?.kind === 'cell').slice(0, 4)
    const notes = cells.map((cell, i) => {
      const { x, y } = cellCentre(scaffold, scaffoldMeta(cell)!.key)
      return noteAt(x, y, `Idee ${i + 1}`)
    })
    const outside = noteAt(-20_000, 0, 'daneben')
    putRecords(participants[0].doc, [...notes, outside])
    await Promise.all(everyone.map((c) => until(c.doc, () => c.doc.getMap('tldraw').has(outside.id))))

    const instance = scaffoldMeta(scaffold[0])!.instance
    const scope: VoteScope = { kind: 'template', instance, pageId: 'page:page', label: 'Zukunftskonferenz' }
    const inScope = notesInScope(scope, world(participants[1].doc)).map((n) => n.id)
    expect(inScope.sort()).toEqual(notes.map((n) => n.id).sort())

    startVote(facilitator.doc, { id: 'vote-1', dotsPerPerson: 3, scope, startedAt: Date.now() })
    await Promise.all(everyone.map((c) => until(c.doc, () => readVote(c.doc)?.id === 'vote-1')))

    // Everyone places three dots, one at a time, interleaved and without waiting for each
    // other: all these writes leave before any client has heard of another's.
    const voters = [facilitator, ...participants, observer]
    const keyOf = (i: number) => `voter-${i}`
    const expected = new Map<string, number>()
    for (let round = 0; round < 3; round++) {
      voters.forEach((client, i) => {
        // Even voters put all their dots on one note, odd ones spread them.
        const target = notes[(i % 2 === 0 ? i : i + round) % notes.length].id
        const vote = readVote(client.doc)!
        const next = addDot(ownBallot(vote, keyOf(i)), target, vote.dotsPerPerson)!
        expect(castBallot(client.doc, vote.id, keyOf(i), next)).toBe(true)
        if (client !== observer) expected.set(target, (expected.get(target) ?? 0) + 1)
      })
    }
    // A fourth dot is refused.
    const fourth = addDot(ownBallot(readVote(participants[0].doc), keyOf(1)), notes[0].id, 3)
    expect(fourth).toBeUndefined()

    // Each voter's own doc knows its final ballot; every other client must end up with all of
    // them (a ballot is rewritten per dot, so "has a ballot from everyone" is not enough).
    const readers = [facilitator, ...participants]
    const reference = Object.fromEntries(readers.map((c, i) => [keyOf(i), ownBallot(readVote(c.doc), keyOf(i))]))
    for (const ballot of Object.values(reference)) expect(Object.values(ballot).reduce((a, b) => a + b)).toBe(3)
    await Promise.all(readers.map((c) => converged(c.doc, reference)))
    expect(Object.keys(ballotsOf(facilitator.doc))).toEqual(readers.map((_, i) => keyOf(i)))

    // Hidden until revealed, then the same ranking everywhere.
    expect(visibleTally(readVote(participants[2].doc))).toBeUndefined()
    setVoteState(facilitator.doc, 'vote-1', 'revealed')
    await Promise.all(readers.map((c) => until(c.doc, () => readVote(c.doc)?.state === 'revealed')))
    const tallies = readers.map((c) => visibleTally(readVote(c.doc))!.map(({ shapeId, count }) => [shapeId, count]))
    for (const t of tallies) expect(t).toEqual(tallies[0])
    expect(Object.fromEntries(tallies[0])).toEqual(Object.fromEntries(expected))
    expect(tallies[0].reduce((sum, [, count]) => sum + (count as number), 0)).toBe(3 * readers.length)

    // After a restart of the relay the stored board holds the same vote, still without the
    // observer's dots.
    for (const client of everyone) client.provider.disconnect()
    await relay.kill()
    relay = await startRelay({ dataDir: relay.dataDir })
    const late = await connect(relay, board.id, board.access.facilitator)
    expect(readVote(late.doc)?.state).toBe('revealed')
    expect(ballotsOf(late.doc)).toEqual(reference)
  })
})
