/**
 * Secret dot voting through the real relay: several people vote at the same moment over the
 * HTTP ballot route while connected by y-websocket; until the reveal no client's document holds
 * a single ballot, only how many have voted; an observer cannot vote; the reveal writes the same
 * counts for everyone, and they survive a restart while the ballots are gone. Every revealed vote
 * stays in the record and the Dokumentation when the next one starts, up to the record's bound.
 * The „Einverstanden?“ round goes the same way, in the open: answers by Haus as they come in,
 * closed by the facilitator alone, its Beschluss and every Haus' answer in the Dokumentation.
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { tokenQueryParam } from '../../shared/access.ts'
import { writerQueryParam } from '../../shared/author.ts'
import { ballotPath, reportPath, revealPath, roundAnswerPath, roundClosePath, writerHeader } from '../../shared/api.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { moreBallotsThanPresent, notesInScope, visibleTally, type Ballot } from '../../shared/results/voting.ts'
import { readVote, startVote, type VoteScope } from '../../shared/board/entries/vote.ts'
import { forgetVote, maxKeptVotes, readVotes } from '../../shared/board/entries/voteRecord.ts'
import { pdfText, skipPdfTests } from '../helpers/pdfText.ts'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { apiFetch, connectClient, createBoard, privateRelaySuite, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { presencePatchParam } from '../../shared/presencePatch.ts'
import { wallParam } from '../../shared/wall.ts'
import { workshopField } from '../../shared/board/entries/roles.ts'
import { summonField } from '../../shared/facilitation/summon.ts'
import { noteText, putRecords, recordsIn } from '../helpers/records.ts'
import { removeDataDir, startRelay } from '../helpers/relay.ts'
import { cellCentre, noteAt } from '../unit/templates/helpers.ts'
import { readRound, startRound, type Answer } from '../../shared/board/entries/zustimmung.ts'
import { readRounds } from '../../shared/board/entries/zustimmungen.ts'
import { beschluesseEntry, beschlussTerms, maxBeschluesse, maxHaeuser, readBeschluesse } from '../../shared/board/entries/beschluesse.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { hang } from '../helpers/hang.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { roundAnswersPerMinute } from '../../server/http/zustimmungApi.ts'

const shapesOf = (doc: Y.Doc) => recordsIn(doc).filter((r) => r.typeName === 'shape')

/** The scope rules as any client applies them, on the records alone. */
const world = (doc: Y.Doc) => {
  const shapes = shapesOf(doc)
  const byId = new Map(shapes.map((s) => [s.id as string, s]))
  return { shapes, boundsOf: (s: TLShape) => recordBounds(s, byId), pageOf: () => 'page:page' }
}

describe('dot voting through the relay', () => {
  // A relay of its own: the first test reads its database file whole and restarts it.
  const suite = privateRelaySuite()
  const connect = suite.connect

  /** A browser's writer secret, as the client keeps it in localStorage. */
  const newWriter = () => randomBytes(24).toString('base64url')
  const putBallot = (boardId: string, token: string, writer: string | null, voteId: string, dots: Ballot) =>
    apiFetch(suite.relay, ballotPath(boardId), {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(writer ? { [writerHeader]: writer } : {}) },
      body: JSON.stringify({ voteId, dots }),
    })
  /**
   * The clients show up on the board as our tabs do (a presence: y-protocols passes on no state
   * before its first change), and `watcher` sees them all.
   */
  const showUp = async (watcher: TestClient, clients: TestClient[]) => {
    for (const client of clients) client.provider.awareness.setLocalStateField('presence', { userName: `Person ${client.doc.clientID}` })
    const awareness = watcher.provider.awareness
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!clients.every((c) => awareness.getStates().has(c.doc.clientID) && awareness.getStates().get(c.doc.clientID)?.presence)) return
        awareness.off('change', check)
        resolve()
      }
      awareness.on('change', check)
      check()
    })
  }
  const ownBallot = async (boardId: string, token: string, writer: string) =>
    (await (await apiFetch(suite.relay, ballotPath(boardId), { headers: { authorization: `Bearer ${token}`, [writerHeader]: writer } })).json()) as {
      voteId: string | null
      dots: Ballot
    }

  it('many people voting at once lose no ballot, and nobody sees one before the reveal', async () => {
    const board = await createBoard(suite.relay, 'Zukunftskonferenz', { template: 'zukunftskonferenz' })
    // Each browser's writer secret: its socket and its ballot carry the same.
    const writers = Array.from({ length: 6 }, () => newWriter())
    const facilitator = await connect(board.id, board.access.facilitator, writers[0])
    const participants = await Promise.all(writers.slice(1).map((writer) => connect(board.id, board.access.participant, writer)))
    const observer = await connect(board.id, board.access.observer)
    const everyone = [facilitator, ...participants, observer]
    await showUp(observer, everyone)

    // Four notes in the template's cells, one note far outside it.
    const scaffold = shapesOf(facilitator.doc).filter((s) => scaffoldMeta(s))
    const cells = scaffold.filter((s) => scaffoldMeta(s)?.kind === 'cell').slice(0, 4)
    const notes = cells.map((cell, i) => {
      const { x, y } = cellCentre(scaffold, scaffoldMeta(cell)!.key)
      return noteAt(x, y, `Idee ${i + 1}`)
    })
    const outside = noteAt(-20_000, 0, 'daneben')
    putRecords(participants[0].doc, [...notes, outside])
    const outsideKey = outside.id.replace(/^shape:/, '')
    await Promise.all(everyone.map((c) => until(c.doc, () => noteText(c.doc, outsideKey) !== undefined)))

    const instance = scaffoldMeta(scaffold[0])!.instance
    const scope: VoteScope = { kind: 'template', instance, pageId: 'page:page', label: 'Zukunftskonferenz' }
    const inScope = notesInScope(scope, world(participants[1].doc)).map((n) => n.id)
    expect(inScope.sort()).toEqual(notes.map((n) => n.id).sort())

    startVote(facilitator.doc, { id: 'vote-1', dotsPerPerson: 3, scope, startedAt: Date.now() })
    await Promise.all(everyone.map((c) => until(c.doc, () => readVote(c.doc)?.id === 'vote-1')))

    // Everyone places three dots, one at a time: each round's ballots all leave at once.
    const voters = [
      { token: board.access.facilitator, writer: writers[0] },
      ...participants.map((_, i) => ({ token: board.access.participant, writer: writers[i + 1] })),
    ]
    const ballots = voters.map((): Ballot => ({}))
    const expected = new Map<string, number>()
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        voters.map((voter, i) => {
          // Even voters put all their dots on one note, odd ones spread them.
          const target = notes[(i % 2 === 0 ? i : i + round) % notes.length].id
          ballots[i] = { ...ballots[i], [target]: (ballots[i][target] ?? 0) + 1 }
          expected.set(target, (expected.get(target) ?? 0) + 1)
          return putBallot(board.id, voter.token, voter.writer, 'vote-1', ballots[i])
        }),
      )
      expect(answers.map((a) => a.status)).toEqual(voters.map(() => 204))
    }
    // A fourth dot, an observer, a ballot without a writer secret, one for another vote: refused.
    const over = { ...ballots[1], [notes[0].id]: (ballots[1][notes[0].id] ?? 0) + 1 }
    expect((await putBallot(board.id, voters[1].token, voters[1].writer, 'vote-1', over)).status).toBe(400)
    expect((await putBallot(board.id, board.access.observer, newWriter(), 'vote-1', { [notes[0].id]: 1 })).status).toBe(403)
    expect((await putBallot(board.id, board.access.participant, null, 'vote-1', { [notes[0].id]: 1 })).status).toBe(400)
    expect((await putBallot(board.id, board.access.participant, newWriter(), 'vote-0', { [notes[0].id]: 1 })).status).toBe(409)

    // Everyone learns how many took part; each browser reads back only its own ballot.
    const readers = [facilitator, ...participants, observer]
    await Promise.all(readers.map((c) => until(c.doc, () => readVote(c.doc)?.participation.dots === 3 * voters.length)))
    expect(readVote(observer.doc)?.participation).toEqual({ voters: 6, dots: 18, present: 6 })
    expect(await ownBallot(board.id, voters[3].token, voters[3].writer)).toEqual({ voteId: 'vote-1', dots: ballots[3] })
    expect(await ownBallot(board.id, board.access.participant, newWriter())).toEqual({ voteId: 'vote-1', dots: {} })
    // Not a single ballot in anyone's board, nor in the stored board: no note id in the vote.
    for (const client of readers) {
      const vote = JSON.stringify(facilitationMap(client.doc).toJSON())
      for (const note of notes) expect(vote).not.toContain(note.id)
      expect(visibleTally(readVote(client.doc))).toBeUndefined()
    }

    // Before the reveal, the board export says nothing of the vote.
    const exported = async (format: 'md' | 'json') => (await apiFetch(suite.relay, `/api/boards/${board.id}/export?format=${format}`)).text()
    expect(await exported('md')).not.toContain('Punktabfrage')

    // Only the facilitator reveals; then the same ranking everywhere.
    const reveal = (token: string) =>
      apiFetch(suite.relay, revealPath(board.id), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ voteId: 'vote-1' }) })
    expect((await reveal(board.access.participant)).status).toBe(403)
    expect((await reveal(board.access.facilitator)).status).toBe(204)
    await Promise.all(readers.map((c) => until(c.doc, () => readVote(c.doc)?.state === 'revealed')))
    const tallies = readers.map((c) => visibleTally(readVote(c.doc))!.map(({ shapeId, count }) => [shapeId, count]))
    for (const t of tallies) expect(t).toEqual(tallies[0])
    expect(Object.fromEntries(tallies[0])).toEqual(Object.fromEntries(expected))
    expect(tallies[0].reduce((sum, [, count]) => sum + (count as number), 0)).toBe(3 * voters.length)
    // The relay keeps which notes the vote was about (those in scope at the reveal, dots or not):
    // notes written later never join it.
    expect([...(readVote(observer.doc)!.notes ?? [])].sort()).toEqual(notes.map((n) => n.id).sort())
    // The board export carries the result: the same ranking, with the notes' texts.
    const ranking = JSON.parse(await exported('json')).votes[0].ranking as Array<{ rank: number; note: string; dots: number }>
    const textOfId = new Map<string, string>(notes.map((n, i) => [n.id, `Idee ${i + 1}`]))
    expect(ranking.map((r) => [r.note, r.dots])).toEqual(visibleTally(readVote(facilitator.doc))!.map((e) => [textOfId.get(e.shapeId), e.count]))
    const markdown = await exported('md')
    expect(markdown).toContain('## Punktabfrage')
    expect(markdown).toContain('Bereich: Vorlage: Zukunftskonferenz · Punkte pro Person: 3 · 18 Punkte von 6 Personen')
    expect(markdown).toContain(`| 1 | ${ranking[0].note} | ${ranking[0].dots} |`)
    // Voting is over: no more ballots, and the ballots themselves are gone.
    expect((await putBallot(board.id, voters[1].token, voters[1].writer, 'vote-1', {})).status).toBe(409)

    // After a restart the stored board holds the same counts; no writer secret was ever stored.
    for (const client of everyone) client.provider.disconnect()
    await suite.relay.kill()
    const database = readFileSync(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'))
    for (const voter of voters) expect(database.includes(voter.writer)).toBe(false)
    suite.relay = await startRelay({ dataDir: suite.relay.dataDir })
    const late = await connect(board.id, board.access.facilitator)
    expect(readVote(late.doc)).toMatchObject({ state: 'revealed', participation: { voters: 6, dots: 18 } })
    expect(readVote(late.doc)?.results).toEqual(Object.fromEntries(expected))
    expect(await ownBallot(board.id, voters[3].token, voters[3].writer)).toEqual({ voteId: 'vote-1', dots: {} })
  })

  it('takes the ballots of a room sharing one link, bounds the ballots of that link, and lets the facilitator see more ballots than people', async () => {
    const board = await createBoard(suite.relay, 'Plenum mit QR-Code')
    const facilitator = await connect(board.id, board.access.facilitator, newWriter())
    const note = noteAt(0, 0, 'Idee')
    putRecords(facilitator.doc, [note])
    // Twenty people scanned the same QR code: one participant link, twenty browsers.
    const people = Array.from({ length: 20 }, () => newWriter())
    const browsers = await Promise.all(people.map((writer) => connect(board.id, board.access.participant, writer)))
    await showUp(facilitator, [facilitator, ...browsers])
    startVote(facilitator.doc, { id: 'vote-qr', dotsPerPerson: 1, scope: { kind: 'board' }, startedAt: Date.now() })
    await Promise.all(browsers.map((b) => until(b.doc, () => readVote(b.doc)?.id === 'vote-qr')))
    const answers = await Promise.all(people.map((writer) => putBallot(board.id, board.access.participant, writer, 'vote-qr', { [note.id]: 1 })))
    expect(answers.map((a) => a.status)).toEqual(people.map(() => 204))
    await until(facilitator.doc, () => readVote(facilitator.doc)?.participation.voters === 20)
    expect(readVote(facilitator.doc)?.participation).toEqual({ voters: 20, dots: 20, present: 21 })
    expect(moreBallotsThanPresent(readVote(facilitator.doc))).toBe(false)

    // One of them casts ballot after ballot with fresh writer secrets.
    const statuses: number[] = []
    let refusal: unknown
    for (let i = 0; i < 60; i++) {
      const answer = await putBallot(board.id, board.access.participant, newWriter(), 'vote-qr', { [note.id]: 1 })
      statuses.push(answer.status)
      if (answer.status !== 204) refusal = await answer.json()
    }
    // Twice the people on that link: twenty more got in, then no more.
    expect(statuses.filter((s) => s === 204)).toHaveLength(20)
    expect(statuses.slice(20).every((s) => s === 403)).toBe(true)
    expect(refusal).toEqual({ error: 'this link has cast more ballots in this vote than there are people on the board with it' })
    // The facilitator sees it; whoever voted before still changes their ballot.
    await until(facilitator.doc, () => readVote(facilitator.doc)?.participation.voters === 40)
    expect(moreBallotsThanPresent(readVote(facilitator.doc))).toBe(true)
    expect((await putBallot(board.id, board.access.participant, people[0], 'vote-qr', {})).status).toBe(204)
    expect((await putBallot(board.id, board.access.participant, people[0], 'vote-qr', { [note.id]: 1 })).status).toBe(204)
  })

  it('counts people by the browsers that show up on the board, not by sockets: idle sockets with made-up writer secrets raise no cap and hide no surplus', async () => {
    const board = await createBoard(suite.relay, 'Leere Sockets')
    const facilitator = await connect(board.id, board.access.facilitator, newWriter())
    const note = noteAt(0, 0, 'Idee')
    putRecords(facilitator.doc, [note])
    const honest = newWriter()
    const person = await connect(board.id, board.access.participant, honest)
    await showUp(facilitator, [facilitator, person])
    // Thirty sockets of the participant link, each with a writer secret of its own, that say nothing.
    const idle = Array.from({ length: 30 }, () => newWriter())
    const sockets = await Promise.all(
      idle.map(async (writer) => {
        const url = `${suite.relay.wsUrl}/${board.id}?${tokenQueryParam}=${encodeURIComponent(board.access.participant)}&${writerQueryParam}=${writer}`
        const socket = new WebSocket(url)
        socket.on('error', () => {})
        // In the room once the relay asks for its state.
        await new Promise<void>((resolve) => socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 0 && resolve()))
        return socket
      }),
    )
    startVote(facilitator.doc, { id: 'vote-idle', dotsPerPerson: 1, scope: { kind: 'board' }, startedAt: Date.now() })
    await until(person.doc, () => readVote(person.doc)?.id === 'vote-idle')
    const statuses: number[] = []
    for (const writer of [honest, ...idle, newWriter()]) {
      statuses.push((await putBallot(board.id, board.access.participant, writer, 'vote-idle', { [note.id]: 1 })).status)
    }
    // One person on the participant link: ten more ballots at most, as for anyone who lost their secret.
    expect(statuses.filter((s) => s === 204)).toHaveLength(11)
    await until(facilitator.doc, () => readVote(facilitator.doc)?.participation.voters === 11)
    expect(readVote(facilitator.doc)?.participation).toMatchObject({ voters: 11, present: 2 })
    expect(moreBallotsThanPresent(readVote(facilitator.doc))).toBe(true)
    for (const socket of sockets) socket.terminate()
  })

  it('the wall presenting during a vote is nobody among those present: the count and the warning stay as they are', async () => {
    const board = await createBoard(suite.relay, 'Präsentiert')
    const facilitatorWriter = newWriter()
    const facilitator = await connect(board.id, board.access.facilitator, facilitatorWriter)
    const note = noteAt(0, 0, 'Idee')
    putRecords(facilitator.doc, [note])
    const writers = [newWriter(), newWriter()]
    // The second participant's client claims to be a wall: only a facilitator's link may be one.
    const claimsWall = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.participant, writer: writers[1], params: { [wallParam.name]: wallParam.value } })
    await whenSynced(claimsWall)
    const participants = [await connect(board.id, board.access.participant, writers[0]), claimsWall]
    await showUp(facilitator, [facilitator, ...participants])
    // The projector laptop, with the facilitator's link and a browser of its own, as the client
    // opens it: no awareness state from the start (`connectBoard`, shownAs 'nobody').
    const wall = connectClient(suite.relay, board.id, new Y.Doc(), {
      token: board.access.facilitator,
      writer: newWriter(),
      params: { [presencePatchParam.name]: presencePatchParam.value, [wallParam.name]: wallParam.value },
    })
    wall.provider.awareness.setLocalState(null)
    try {
      await whenSynced(wall)
      startVote(facilitator.doc, { id: 'vote-wall', dotsPerPerson: 1, scope: { kind: 'board' }, startedAt: Date.now() })
      await Promise.all(participants.map((p) => until(p.doc, () => readVote(p.doc)?.id === 'vote-wall')))
      // It presents: a slide's summon, with its role and nothing else (`createFacilitation`).
      const summon = { id: 'slide-1', bounds: { x: 0, y: 0, w: 1600, h: 900 }, pageId: 'page:page', at: Date.now() }
      wall.provider.awareness.setLocalState({ [workshopField]: { role: 'facilitator' }, [summonField]: summon })
      await new Promise<void>((resolve) => {
        const seen = () => facilitator.provider.awareness.getStates().get(wall.doc.clientID)?.[summonField] !== undefined && resolve()
        facilitator.provider.awareness.on('change', seen)
        seen()
      })
      // Everyone in the room votes: three people, three ballots.
      const voters = [{ token: board.access.facilitator, writer: facilitatorWriter }, ...writers.map((writer) => ({ token: board.access.participant, writer }))]
      for (const voter of voters) expect((await putBallot(board.id, voter.token, voter.writer, 'vote-wall', { [note.id]: 1 })).status).toBe(204)
      await until(facilitator.doc, () => readVote(facilitator.doc)?.participation.voters === 3)
      expect(readVote(facilitator.doc)?.participation).toMatchObject({ voters: 3, present: 3 })
      expect(moreBallotsThanPresent(readVote(facilitator.doc))).toBe(false)
    } finally {
      wall.destroy()
      claimsWall.destroy()
    }
  })

  it('keeps every revealed vote: two votes, both in the Dokumentation (PDF too); a reveal past the record’s bound is refused', async () => {
    const board = await createBoard(suite.relay, 'Zwei Abfragen')
    const facilitator = await connect(board.id, board.access.facilitator)
    const participant = await connect(board.id, board.access.participant)
    const [first, second] = [noteAt(0, 0, 'Erste Idee'), noteAt(300, 0, 'Zweite Idee')]
    putRecords(facilitator.doc, [first, second])
    const reveal = (voteId: string) =>
      apiFetch(suite.relay, revealPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ voteId }) })
    const vote = async (id: string, ballots: Ballot[], question?: string) => {
      startVote(facilitator.doc, { id, dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: Date.now(), question })
      // The relay has the vote once another client has it from the relay.
      await until(participant.doc, () => readVote(participant.doc)?.id === id)
      for (const dots of ballots) expect((await putBallot(board.id, board.access.participant, newWriter(), id, dots)).status).toBe(204)
      return reveal(id)
    }
    expect((await vote('v1', [{ [first.id]: 2, [second.id]: 1 }, { [first.id]: 1 }], 'Was packen wir zuerst an?')).status).toBe(204)
    expect((await vote('v2', [{ [second.id]: 3 }])).status).toBe(204)
    await until(participant.doc, () => readVote(participant.doc)?.state === 'revealed')
    expect(readVotes(participant.doc).map((v) => [v.id, v.question, v.participation, v.results])).toEqual([
      ['v1', 'Was packen wir zuerst an?', { voters: 2, dots: 4 }, { [first.id]: 3, [second.id]: 1 }],
      ['v2', undefined, { voters: 1, dots: 3 }, { [second.id]: 3 }],
    ])
    const report = (format: 'md' | 'pdf') => apiFetch(suite.relay, reportPath(board.id, format, 'de', '2026-11-26'))
    const markdown = await (await report('md')).text()
    expect(markdown.match(/^## Punktabfrage.*$/gm)).toEqual(['## Punktabfrage 1: Was packen wir zuerst an?', '## Punktabfrage 2'])
    expect(markdown).toContain('Punkte pro Person: 3 · 4 Punkte von 2 Personen')
    if (!skipPdfTests) {
      const text = pdfText(new Uint8Array(await (await report('pdf')).arrayBuffer()))
      expect(text).toMatch(/Punktabfrage 1: Was packen wir zuerst an\?[\s\S]*Punktabfrage 2/)
      expect(text).toContain('3 Punkte von 1 Person')
    }

    // Full: a reveal the record could not keep is refused, and the vote stays open.
    for (let i = 3; i <= maxKeptVotes; i++) expect((await vote(`v${i}`, [])).status).toBe(204)
    const refused = await vote('one-too-many', [{ [first.id]: 1 }])
    expect(refused.status).toBe(409)
    expect(readVote(facilitator.doc)?.state).toBe('open')
    // The facilitator deletes an earlier result from the record: now it is revealed.
    forgetVote(facilitator.doc, 'v3')
    await until(participant.doc, () => !readVotes(participant.doc).some((v) => v.id === 'v3'))
    expect((await reveal('one-too-many')).status).toBe(204)
    await until(participant.doc, () => readVotes(participant.doc).some((v) => v.id === 'one-too-many'))
    expect(readVotes(participant.doc)).toHaveLength(maxKeptVotes)
  })

  it('deletes the ballots of a vote the facilitator aborts', async () => {
    const board = await createBoard(suite.relay, 'Abgebrochen')
    const facilitator = await connect(board.id, board.access.facilitator)
    const note = noteAt(0, 0, 'Idee')
    putRecords(facilitator.doc, [note])
    startVote(facilitator.doc, { id: 'vote-x', dotsPerPerson: 2, scope: { kind: 'board' }, startedAt: Date.now() })
    const writer = newWriter()
    // The relay's room must have the vote before the ballot arrives.
    await expect.poll(async () => (await putBallot(board.id, board.access.participant, writer, 'vote-x', { [note.id]: 2 })).status).toBe(204)
    const stored = () => {
      const db = new Database(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE board_id = ?').get(board.id) as { n: number }).n
      } finally {
        db.close()
      }
    }
    expect(stored()).toBe(1)
    facilitationMap(facilitator.doc).delete('vote')
    await expect.poll(stored).toBe(0)
  })
  it('reveals a vote whose scope holds a note with a long id, dotted or not (any participant may write one)', async () => {
    const board = await createBoard(suite.relay, 'Lange Kennung', { template: 'planspiel' })
    const facilitator = await connect(board.id, board.access.facilitator)
    const participant = await connect(board.id, board.access.participant)
    const long = noteAt(0, 0, 'Idee', `shape:${'x'.repeat(250)}` as TLShapeId)
    putRecords(participant.doc, [long, noteAt(300, 0, 'Andere Idee')])
    await until(facilitator.doc, () => shapesOf(facilitator.doc).some((s) => s.id === long.id))
    startVote(facilitator.doc, { id: 'vote-long', dotsPerPerson: 1, scope: { kind: 'board' }, startedAt: Date.now() })
    await until(participant.doc, () => readVote(participant.doc)?.id === 'vote-long')
    // A dot on it, too: accepted or refused, the reveal must not fail over it.
    await putBallot(board.id, board.access.participant, newWriter(), 'vote-long', { [long.id]: 1 })
    const reveal = () =>
      apiFetch(suite.relay, revealPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ voteId: 'vote-long' }) })
    expect((await reveal()).status).toBe(204)
    await until(participant.doc, () => readVote(participant.doc)?.state === 'revealed')
  })
  // RULE countedBallotsFit (votesApi.ts): a vote started again under the same id with fewer dots
  // keeps the earlier ballots in storage; they count not at all, and the reveal is no server error.
  it('reveals a vote started again under its id with fewer dots: the earlier ballots that no longer fit are not counted', async () => {
    const board = await createBoard(suite.relay, 'Weniger Punkte')
    const facilitator = await connect(board.id, board.access.facilitator)
    const note = noteAt(0, 0, 'Idee')
    putRecords(facilitator.doc, [note])
    startVote(facilitator.doc, { id: 'vote-again', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: Date.now() })
    await expect.poll(async () => (await putBallot(board.id, board.access.participant, newWriter(), 'vote-again', { [note.id]: 3 })).status).toBe(204)
    startVote(facilitator.doc, { id: 'vote-again', dotsPerPerson: 1, scope: { kind: 'board' }, startedAt: Date.now() })
    await expect.poll(async () => (await putBallot(board.id, board.access.participant, newWriter(), 'vote-again', { [note.id]: 2 })).status).toBe(400)
    expect((await putBallot(board.id, board.access.participant, newWriter(), 'vote-again', { [note.id]: 1 })).status).toBe(204)
    const reveal = await apiFetch(suite.relay, revealPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ voteId: 'vote-again' }) })
    expect(reveal.status).toBe(204)
    await until(facilitator.doc, () => readVote(facilitator.doc)?.state === 'revealed')
    expect(readVotes(facilitator.doc).map((v) => [v.results, v.participation])).toEqual([[{ [note.id]: 1 }, { voters: 1, dots: 1 }]])
  })

  it('keeps a board that was nearly full openable after the reveal', async () => {
    const env = { MAX_BOARD_BYTES: String(300 * 1024) }
    const relay = await startRelay({ env })
    try {
      const board = await createBoard(relay, 'Fast voll', { template: 'planspiel' })
      const connectAs = async (token: string) => {
        const client = connectClient(relay, board.id, new Y.Doc(), { token })
        await whenSynced(client)
        return client
      }
      const facilitator = await connectAs(board.access.facilitator)
      startVote(facilitator.doc, { id: 'vote-full', dotsPerPerson: 1, scope: { kind: 'board' }, startedAt: Date.now() })
      // Participants write notes (ids as long as a vote counts) while the vote is open, until less
      // than 20 kB is left: room for anything but a list of all their ids.
      const stored = () => {
        const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
        try {
          const sum = (table: string) => (db.prepare(`SELECT COALESCE(SUM(length(data)), 0) AS n FROM ${table} WHERE board_id = ?`).get(board.id) as { n: number }).n
          return sum('snapshots') + sum('updates')
        } finally {
          db.close()
        }
      }
      const participant = await connectAs(board.access.participant)
      for (let batch = 0; stored() < 280 * 1024; batch++) {
        const notes = Array.from({ length: 10 }, (_, i) => noteAt(i * 250, batch * 250, 'x', `shape:${batch}-${i}-${'n'.repeat(180)}` as TLShapeId))
        putRecords(participant.doc, notes)
        await until(facilitator.doc, () => shapesOf(facilitator.doc).some((s) => s.id === notes[9].id))
      }
      participant.destroy()
      const reveal = await apiFetch(relay, revealPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ voteId: 'vote-full' }) })
      expect(reveal.status).toBe(204)
      facilitator.destroy()
      await relay.kill()
      const restarted = await startRelay({ dataDir: relay.dataDir, env })
      try {
        expect((await apiFetch(restarted, `/api/boards/${board.id}/export?format=json`)).status).toBe(200)
      } finally {
        await restarted.kill()
      }
    } finally {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
  })
  it('„Einverstanden?“: each Haus answers in the open through the relay, only the facilitator closes, and the Beschluss with every Haus’ answer is in the Dokumentation', async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe November', { template: 'steuerungsgruppe' })
    const [leitung, jugendamt, caritas] = [newWriter(), newWriter(), newWriter()]
    const facilitator = await connect(board.id, board.access.facilitator, leitung)
    const participant = await connect(board.id, board.access.participant, jugendamt)
    const other = await connect(board.id, board.access.participant, caritas)
    const observer = await connect(board.id, board.access.observer, newWriter())
    // The draft in the first row of the Steuerungsgruppe's „Beschlüsse“.
    const { x, y } = cellCentre(shapesOf(facilitator.doc), cellKey('beschluesse', 'd1', 'beschluss'))
    const draft = noteAt(x, y, 'Gemeinsame Sprechstunde ab März')
    putRecords(facilitator.doc, [draft])
    startRound(facilitator.doc, { id: 'r1', note: draft.id, question: 'Gemeinsame Sprechstunde ab März', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: Date.now() })
    await Promise.all([participant, other, observer].map((c) => until(c.doc, () => readRound(c.doc)?.id === 'r1')))

    const answer = (token: string, writer: string, given: Answer, roundId = 'r1') =>
      apiFetch(suite.relay, roundAnswerPath(board.id), {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [writerHeader]: writer },
        body: JSON.stringify({ roundId, ...given }),
      })
    const close = (token: string) =>
      apiFetch(suite.relay, roundClosePath(board.id), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ roundId: 'r1', day: '2026-11-28' }) })
    /** Waits until `client`'s socket has carried everything written before (its awareness comes after), so a write the relay dropped is known dropped. */
    const handled = async (client: TestClient, mark: number) => {
      client.provider.awareness.setLocalStateField('marker', mark)
      await expect.poll(() => facilitator.provider.awareness.getStates().get(client.doc.clientID)?.marker, { timeout: hang(5000) }).toBe(mark)
    }
    const roundMap = (client: TestClient) => facilitationMap(client.doc).get(facilitationKeys.zustimmung) as Y.Map<unknown>
    /** A socket of its own writes straight into the round: the relay refuses the update and closes that socket. */
    const refusedWrite = async (token: string, writer: string, write: (round: Y.Map<unknown>) => void) => {
      const client = await connect(board.id, token, writer)
      const closed = new Promise<number | undefined>((resolve) => client.provider.once('connection-close', (event) => resolve(event?.code)))
      write(roundMap(client))
      const code = await closed
      client.provider.disconnect()
      return code
    }

    expect((await answer(board.access.participant, jugendamt, { name: 'Frau Özdemir', haus: 'Jugendamt', antwort: 'nein' })).status).toBe(204)
    // Visible to everyone as it comes in, the observer too; a second answer of hers replaces her first.
    await until(observer.doc, () => Object.values(readRound(observer.doc)?.answers ?? {}).some((a) => a.name === 'Frau Özdemir'))
    expect((await answer(board.access.participant, jugendamt, { name: 'Frau Özdemir', haus: 'Jugendamt', antwort: 'ja' })).status).toBe(204)
    expect((await answer(board.access.participant, caritas, { name: 'Herr Sommer', haus: 'Caritas', antwort: 'ruecksprache' })).status).toBe(204)
    expect((await answer(board.access.facilitator, leitung, { name: 'Herr Łukasz', haus: 'Jobcenter', antwort: 'ja' })).status).toBe(204)
    // A link to look answers not at all; an answer to another round is refused.
    expect((await answer(board.access.observer, newWriter(), { name: 'Gast', haus: 'Landkreis', antwort: 'nein' })).status).toBe(403)
    expect((await answer(board.access.participant, jugendamt, { name: 'Frau Özdemir', haus: 'Jugendamt', antwort: 'nein' }, 'r0')).status).toBe(409)
    // Written straight into the document, the relay drops them: the observer's answer, a participant's answer for another, her closing the round.
    roundMap(observer).set('answers', { x: { name: 'Gast', haus: 'Landkreis', antwort: 'nein' } })
    await handled(observer, 1)
    const forAnother = (round: Y.Map<unknown>) => round.set('answers', { ...readRound(participant.doc)!.answers, someoneElse: { name: 'Frau Kern', haus: 'Landkreis', antwort: 'nein' } })
    expect(await refusedWrite(board.access.participant, jugendamt, forAnother)).toBe(CloseCode.notAllowed)
    expect(await refusedWrite(board.access.participant, jugendamt, (round) => round.set('state', 'closed'))).toBe(CloseCode.notAllowed)
    // Nor does she close it by asking the relay.
    expect((await close(board.access.participant)).status).toBe(403)
    await until(other.doc, () => Object.keys(readRound(other.doc)?.answers ?? {}).length === 3)
    const byHaus = () => Object.values(readRound(other.doc)!.answers).map((a) => [a.haus, a.antwort]).sort()
    expect(byHaus()).toEqual([['Caritas', 'ruecksprache'], ['Jobcenter', 'ja'], ['Jugendamt', 'ja']])
    expect(readRound(other.doc)?.state).toBe('open')

    expect((await close(board.access.facilitator)).status).toBe(204)
    await until(other.doc, () => readRound(other.doc)?.state === 'closed')
    expect(readRound(other.doc)?.outcome).toBe('vorbehaltlich')
    const marked = readBeschluesse(facilitationMap(other.doc).get(facilitationKeys.beschluesse))
    expect(beschlussTerms(marked, draft.id)).toMatchObject({ gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich' })
    expect(readRounds(other.doc).map((r) => r.haeuser)).toEqual([[{ haus: 'Caritas', antwort: 'ruecksprache' }, { haus: 'Jobcenter', antwort: 'ja' }, { haus: 'Jugendamt', antwort: 'ja' }]])
    // Closed, it changes no more: no answer, no second close, not opened again.
    expect((await answer(board.access.participant, jugendamt, { name: 'Frau Özdemir', haus: 'Jugendamt', antwort: 'nein' })).status).toBe(409)
    expect((await close(board.access.facilitator)).status).toBe(409)
    expect(await refusedWrite(board.access.facilitator, leitung, (round) => round.set('state', 'open'))).toBe(CloseCode.notAllowed)
    const late = await connect(board.id, board.access.participant)
    expect(readRound(late.doc)?.state).toBe('closed')
    expect(byHaus()).toEqual([['Caritas', 'ruecksprache'], ['Jobcenter', 'ja'], ['Jugendamt', 'ja']])

    const markdown = await (await apiFetch(suite.relay, reportPath(board.id, 'md', 'de', '2026-11-28'))).text()
    const beschluesse = markdown.slice(markdown.indexOf('## Beschlüsse'))
    expect(beschluesse).toContain('Gemeinsame Sprechstunde ab März')
    expect(beschluesse).toContain('Einverstanden? am 28.11.2026: Ja – Jobcenter, Jugendamt; Rücksprache im Haus – Caritas')
    // The Haus that consults at home is an open item of its own.
    expect(markdown).toMatch(/## Ausstehende Zustimmungen der Häuser[\s\S]*\| Caritas \| Gemeinsame Sprechstunde ab März \| 28\.11\.2026 \|/)
  })
  it('„Einverstanden?“ takes as many Häuser as a Beschluss names, no more: closing it keeps every Beschluss of the board readable', async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Dezember', { template: 'steuerungsgruppe' })
    const facilitator = await connect(board.id, board.access.facilitator, newWriter())
    const reader = await connect(board.id, board.access.participant, newWriter())
    const { x, y } = cellCentre(shapesOf(facilitator.doc), cellKey('beschluesse', 'd1', 'beschluss'))
    const earlier = noteAt(x, y - 40, 'Sprechstunde im Jobcenter')
    const draft = noteAt(x, y, 'Gemeinsamer Flyer')
    putRecords(facilitator.doc, [earlier, draft])
    beschluesseEntry.set(facilitator.doc, { notes: [earlier.id], terms: { [earlier.id]: { gremium: 'steuerungsgruppe', bindewirkung: 'gilt' } } })
    startRound(facilitator.doc, { id: 'viele', note: draft.id, question: 'Gemeinsamer Flyer', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: Date.now() })
    await until(reader.doc, () => readRound(reader.doc)?.id === 'viele' && readBeschluesse(facilitationMap(reader.doc).get(facilitationKeys.beschluesse)).notes.length === 1)
    // One participant link, a browser secret per answer: as many Häuser as a Beschluss waits for, one of them consulting at home.
    const answer = (haus: string, antwort: string) =>
      apiFetch(suite.relay, roundAnswerPath(board.id), {
        method: 'PUT',
        headers: { authorization: `Bearer ${board.access.participant}`, 'content-type': 'application/json', [writerHeader]: newWriter() },
        body: JSON.stringify({ roundId: 'viele', name: `Person aus ${haus}`, haus, antwort }),
      })
    for (let i = 0; i < maxHaeuser; i++) expect((await answer(`Träger ${i}`, i === 0 ? 'ruecksprache' : 'ja')).status).toBe(204)
    // One Haus more is refused; one more person of a Haus that answered is not.
    expect((await answer(`Träger ${maxHaeuser}`, 'ja')).status).toBe(409)
    expect((await answer('Träger 1', 'ja')).status).toBe(204)
    const closed = await apiFetch(suite.relay, roundClosePath(board.id), {
      method: 'POST',
      headers: { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roundId: 'viele', day: '2026-12-03' }),
    })
    expect(closed.status).toBe(204)
    await until(reader.doc, () => readRound(reader.doc)?.state === 'closed')
    // The board's earlier Beschluss and the round's own are both read, the round's waiting for every Haus that answered.
    await until(reader.doc, () => readBeschluesse(facilitationMap(reader.doc).get(facilitationKeys.beschluesse)).notes.length === 2)
    const marked = readBeschluesse(facilitationMap(reader.doc).get(facilitationKeys.beschluesse))
    expect(marked.notes).toEqual([earlier.id, draft.id])
    expect(beschlussTerms(marked, draft.id)).toMatchObject({ gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich' })
    expect(beschlussTerms(marked, draft.id).haeuser).toHaveLength(maxHaeuser)
  })
  it('„Einverstanden?“ has the last word on its proposal: marked before and refused, it is no Beschluss; on a board of as many Beschlüsse as it keeps, an agreed round is refused unclosed', async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Januar', { template: 'steuerungsgruppe' })
    const facilitator = await connect(board.id, board.access.facilitator, newWriter())
    const { x, y } = cellCentre(shapesOf(facilitator.doc), cellKey('beschluesse', 'd1', 'beschluss'))
    const draft = noteAt(x, y, 'Gemeinsamer Flyer')
    putRecords(facilitator.doc, [draft])
    beschluesseEntry.set(facilitator.doc, { notes: [draft.id], terms: { [draft.id]: { gremium: 'steuerungsgruppe', bindewirkung: 'gilt' } } })
    const ask = async (roundId: string, answers: Array<[string, string]>) => {
      startRound(facilitator.doc, { id: roundId, note: draft.id, question: 'Gemeinsamer Flyer', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: Date.now() })
      await expect.poll(async () => (await apiFetch(suite.relay, roundAnswerPath(board.id), {
        method: 'PUT',
        headers: { authorization: `Bearer ${board.access.participant}`, 'content-type': 'application/json', [writerHeader]: newWriter() },
        body: JSON.stringify({ roundId, name: 'Frau Kern', haus: answers[0]![0], antwort: answers[0]![1] }),
      })).status, { timeout: hang(5000) }).toBe(204)
      for (const [haus, antwort] of answers.slice(1)) {
        const answered = await apiFetch(suite.relay, roundAnswerPath(board.id), {
          method: 'PUT',
          headers: { authorization: `Bearer ${board.access.participant}`, 'content-type': 'application/json', [writerHeader]: newWriter() },
          body: JSON.stringify({ roundId, name: `Person aus ${haus}`, haus, antwort }),
        })
        expect(answered.status).toBe(204)
      }
      return apiFetch(suite.relay, roundClosePath(board.id), {
        method: 'POST',
        headers: { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ roundId, day: '2027-01-14' }),
      })
    }
    const markedNow = () => readBeschluesse(facilitationMap(facilitator.doc).get(facilitationKeys.beschluesse))
    expect((await ask('nein', [['Jobcenter', 'ja'], ['Jugendamt', 'nein']])).status).toBe(204)
    await until(facilitator.doc, () => readRound(facilitator.doc)?.state === 'closed' && markedNow().notes.length === 0)
    const markdown = await (await apiFetch(suite.relay, reportPath(board.id, 'md', 'de', '2027-01-14'))).text()
    // Its row in the template's table stays as written; the Dokumentation's Beschlüsse list none.
    const beschluesse = markdown.slice(markdown.indexOf('## Beschlüsse'), markdown.indexOf('\n## ', markdown.indexOf('## Beschlüsse') + 1))
    expect(beschluesse).toContain('Keine')
    expect(beschluesse).not.toContain('Gemeinsamer Flyer')

    // As many Beschlüsse as a board keeps: a round that agrees cannot add its own, and says so before it closes.
    const others = Array.from({ length: maxBeschluesse }, (_, i) => `shape:voll${i}`)
    beschluesseEntry.set(facilitator.doc, { notes: others })
    await until(facilitator.doc, () => markedNow().notes.length === maxBeschluesse)
    const full = await ask('ja', [['Jobcenter', 'ja']])
    expect(full.status).toBe(409)
    expect(await full.text()).toMatch(/Beschlüsse/)
    expect(readRound(facilitator.doc)?.state).toBe('open')
    expect(markedNow().notes).toEqual(others)

    // Each answer is written into the board: one address sends at most so many a minute.
    const writer = newWriter()
    const again = () =>
      apiFetch(suite.relay, roundAnswerPath(board.id), {
        method: 'PUT',
        headers: { authorization: `Bearer ${board.access.participant}`, 'content-type': 'application/json', [writerHeader]: writer },
        body: JSON.stringify({ roundId: 'ja', name: 'Frau Kern', haus: 'Jobcenter', antwort: 'ja' }),
      })
    let answered = 0
    let refused: Response | undefined
    while (!refused && answered <= roundAnswersPerMinute) {
      const response = await again()
      if (response.status === 429) refused = response
      else expect(response.status).toBe(204)
      answered++
    }
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})
