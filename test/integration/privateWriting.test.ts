/**
 * Private writing through the real relay: while a round is open, a participant's notes go over
 * HTTP to the relay and reach nobody's document, not even as bytes; a note written straight into
 * the document is refused; the facilitator cannot end the round except by revealing, and the
 * reveal writes every note, signed by its author, for everyone, and forgets the stored copies.
 */
import Database from 'better-sqlite3'
import type { TLShape } from '@tldraw/tlschema'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { privateNotesPath, privateRevealPath, writerHeader } from '../../shared/api.ts'
import { authorId } from '../../shared/author.ts'
import { readRecord } from '../../shared/board/records.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { maxPrivateNotes, privateMetaKey, readPrivateRound } from '../../shared/board/entries/private.ts'
import { isScaffoldRecord } from '../../shared/board/entries/scaffold.ts'
import { overlaps } from '../../shared/templates/geometry.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { metaKey, scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { apiFetch, createBoard, privateRelaySuite, relaySuite, type TestClient, until } from '../helpers/clients.ts'
import { noteAt, noteText, putNote, putRecords, recordsIn } from '../helpers/records.ts'
import { storedDocumentBytes } from '../helpers/relay.ts'

describe('private writing through the relay', () => {
  const suite = relaySuite()
  const connect = suite.connect
  const newWriter = () => randomBytes(24).toString('base64url')
  const json = (token: string, writer?: string) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    ...(writer ? { [writerHeader]: writer } : {}),
  })
  const putNotes = (boardId: string, token: string, writer: string | undefined, roundId: string, notes: object[]) =>
    apiFetch(suite.relay, privateNotesPath(boardId), { method: 'PUT', headers: json(token, writer), body: JSON.stringify({ roundId, notes }) })
  const ownNotes = async (boardId: string, token: string, writer: string) =>
    (await (await apiFetch(suite.relay, privateNotesPath(boardId), { headers: json(token, writer) })).json()) as { roundId: string | null; notes: { id: string }[] }
  const storedRows = (boardId: string) => {
    const db = new Database(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM private_notes WHERE board_id = ?').get(boardId) as { n: number }).n
    } finally {
      db.close()
    }
  }
  const bytesOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1')

  it('keeps notes out of every document until the reveal, then writes them for everyone, signed', async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe')
    const facilitator = await connect(board.id, board.access.facilitator)
    const other = await connect(board.id, board.access.participant)
    const writer = newWriter()
    facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-1', startedAt: 1 })
    await until(other.doc, () => readPrivateRound(facilitationMap(other.doc).get(facilitationKeys.private)) !== undefined)

    const secret = { ...noteAt(100, 100, 'Geheime Idee zur Kita'), meta: { [privateMetaKey]: 'round-1' } }
    const second = noteAt(400, 100, 'Zweite verdeckte Idee')
    expect((await putNotes(board.id, board.access.participant, writer, 'round-1', [secret, second])).status).toBe(204)
    // Everyone learns how many, nobody what.
    // Each client gets the count over its own socket: wait for both, not one.
    for (const client of [facilitator, other]) await until(client.doc, () => readPrivateRound(facilitationMap(client.doc).get(facilitationKeys.private))?.notes === 2)
    expect(readPrivateRound(facilitationMap(facilitator.doc).get(facilitationKeys.private))).toMatchObject({ writers: 1, notes: 2 })
    for (const client of [facilitator, other]) {
      expect(readRecord(client.doc, secret.id)).toBeUndefined()
      expect(bytesOf(client.doc)).not.toContain('Geheime Idee')
    }
    // Only the writer reads them back.
    expect((await ownNotes(board.id, board.access.participant, writer)).notes.map((n) => n.id)).toEqual([secret.id, second.id])
    expect((await ownNotes(board.id, board.access.participant, newWriter())).notes).toEqual([])

    // A participant's reveal is refused; the facilitator's writes the notes for everyone.
    const reveal = (token: string) => apiFetch(suite.relay, privateRevealPath(board.id), { method: 'POST', headers: json(token), body: JSON.stringify({ roundId: 'round-1' }) })
    expect((await reveal(board.access.participant)).status).toBe(403)
    const revealing = await reveal(board.access.facilitator)
    expect(revealing.status).toBe(200)
    expect(await revealing.json()).toEqual({ revealed: 2, leftOut: 0, waiting: 0 })
    await until(other.doc, () => readRecord(other.doc, secret.id) !== undefined)
    const revealed = readRecord(other.doc, secret.id)!
    expect(revealed.meta).toEqual({ author: authorId(writer, board.id) })
    expect(readRecord(other.doc, second.id)).toBeDefined()
    expect(facilitationMap(other.doc).has(facilitationKeys.private)).toBe(false)
    expect(storedRows(board.id)).toBe(0)
    // The round is over: nothing more is taken.
    expect((await putNotes(board.id, board.access.participant, writer, 'round-1', [noteAt(0, 0, 'zu spät')])).status).toBe(409)
  })

  it('a private round of six into one cell reveals six Zettel in six slots', async () => {
    const board = await createBoard(suite.relay, 'Gründungsworkshop', { template: 'beteiligtenanalyse', locale: 'de' })
    const facilitator = await connect(board.id, board.access.facilitator)
    facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-6', startedAt: 1 })
    const other = await connect(board.id, board.access.participant)
    await until(other.doc, () => facilitationMap(other.doc).has(facilitationKeys.private))
    const cell = recordsIn(other.doc).find((shape) => scaffoldMeta(shape)?.kind === 'cell' && scaffoldMeta(shape)!.key.endsWith(':status'))!
    const { w, h } = cell.props as { w: number; h: number }
    const cellBox = { x: cell.x, y: cell.y, w, h }

    // Six browsers, none seeing the others' notes, each put theirs where the pointer was: the middle of the cell.
    const notes = Array.from({ length: 6 }, (_, i) => noteAt(cell.x + w / 2, cell.y + h / 2, `Idee ${i + 1}`))
    for (const note of notes) expect((await putNotes(board.id, board.access.participant, newWriter(), 'round-6', [note])).status).toBe(204)
    const revealing = await apiFetch(suite.relay, privateRevealPath(board.id), {
      method: 'POST',
      headers: json(board.access.facilitator),
      body: JSON.stringify({ roundId: 'round-6' }),
    })
    expect(await revealing.json()).toEqual({ revealed: 6, leftOut: 0, waiting: 0 })
    await until(other.doc, () => notes.every((note) => readRecord(other.doc, note.id) !== undefined))

    const boxes = notes.map((note) => {
      const revealed = readRecord(other.doc, note.id) as unknown as TLShape
      const { scale, growY } = revealed.props as { scale: number; growY: number }
      return { x: revealed.x, y: revealed.y, w: 200 * scale, h: (200 + growY) * scale }
    })
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(cellBox.x)
      expect(box.y).toBeGreaterThanOrEqual(cellBox.y)
      expect(box.x + box.w).toBeLessThanOrEqual(cellBox.x + cellBox.w)
      expect(box.y + box.h).toBeLessThanOrEqual(cellBox.y + cellBox.h)
    }
    const overlapping = boxes.flatMap((a, i) => boxes.flatMap((b, j) => (j > i && overlaps(a, b) ? [`${i + 1} and ${j + 1}`] : [])))
    expect(overlapping, 'no two revealed Zettel on one spot').toEqual([])
  })

  it('reveals a private note dressed as template scaffold as a plain note, and leaves out what no participant could write', async () => {
    const board = await createBoard(suite.relay, 'Zukunftswerkstatt')
    const facilitator = await connect(board.id, board.access.facilitator)
    facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-3', startedAt: 1 })
    const participant = await connect(board.id, board.access.participant)
    await until(participant.doc, () => facilitationMap(participant.doc).has(facilitationKeys.private))

    // A hostile browser sends a note carrying the meta of a template cell.
    const writer = newWriter()
    const dressed = {
      ...noteAt(100, 100, 'Ich bin Gerüst'),
      meta: { [privateMetaKey]: 'round-3', [metaKey]: { template: 'protokoll', instance: 'p1', kind: 'cell', key: 'tops:cell:top1:thema' } },
    }
    expect((await putNotes(board.id, board.access.participant, writer, 'round-3', [dressed])).status).toBe(204)
    // What an earlier relay may have stored: a rectangle, which is no note of a round, and a note tldraw would not take.
    const rectangle = { ...noteAt(0, 0, 'kein Zettel'), id: 'shape:rect', type: 'geo' }
    const invalid = { ...noteAt(0, 0, 'kaputt'), id: 'shape:invalid', x: 'links' }
    const db = new Database(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'))
    try {
      db.prepare('INSERT INTO private_notes (board_id, round_id, author, notes) VALUES (?, ?, ?, ?)').run(
        board.id,
        'round-3',
        authorId(newWriter(), board.id),
        JSON.stringify([rectangle, invalid]),
      )
    } finally {
      db.close()
    }

    const revealing = await apiFetch(suite.relay, privateRevealPath(board.id), {
      method: 'POST',
      headers: json(board.access.facilitator),
      body: JSON.stringify({ roundId: 'round-3' }),
    })
    expect(revealing.status).toBe(200)
    expect(await revealing.json()).toEqual({ revealed: 1, leftOut: 2, waiting: 0 })
    await until(participant.doc, () => readRecord(participant.doc, dressed.id) !== undefined)
    const revealed = readRecord(participant.doc, dressed.id)!
    expect(isScaffoldRecord(revealed as { meta?: unknown })).toBe(false)
    expect(revealed.meta).toEqual({ author: authorId(writer, board.id) })
    // Read where the reveal has arrived: the left-out notes would have come with it.
    expect(readRecord(participant.doc, rectangle.id)).toBeUndefined()
    expect(readRecord(participant.doc, invalid.id)).toBeUndefined()
    expect(storedRows(board.id)).toBe(0)

    // It is the writer's note like any other: the participant moves it, and stays connected.
    putRecords(participant.doc, [{ ...revealed, x: 900 }])
    await until(facilitator.doc, () => readRecord(facilitator.doc, dressed.id)?.x === 900)
    expect(participant.provider.wsconnected).toBe(true)
  })

  it('refuses a note written into the document during the round, ending the round by hand, and what is no note', async () => {
    const board = await createBoard(suite.relay, 'Planspiel')
    const facilitator = await connect(board.id, board.access.facilitator)
    facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-2', startedAt: 1 })
    const participant = await connect(board.id, board.access.participant)
    await until(participant.doc, () => facilitationMap(participant.doc).has(facilitationKeys.private))

    const closed = (client: TestClient) =>
      new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))
    let closing = closed(participant)
    putRecords(participant.doc, [noteAt(0, 0, 'offen geschrieben')])
    expect(await closing).toBe(CloseCode.notAllowed)
    closing = closed(facilitator)
    facilitationMap(facilitator.doc).delete(facilitationKeys.private)
    expect(await closing).toBe(CloseCode.notAllowed)

    const writer = newWriter()
    const rectangle = { ...noteAt(0, 0, 'x'), type: 'geo' }
    const tooMany = Array.from({ length: maxPrivateNotes + 1 }, (_, i) => noteAt(i * 10, 0, `n${i}`))
    const bad: Array<[string, Promise<Response>]> = [
      ['no writer secret', putNotes(board.id, board.access.participant, undefined, 'round-2', [noteAt(0, 0, 'a')])],
      ['a rectangle', putNotes(board.id, board.access.participant, writer, 'round-2', [rectangle])],
      ['an invalid note', putNotes(board.id, board.access.participant, writer, 'round-2', [{ ...noteAt(0, 0, 'a'), x: 'links' }])],
      ['too many notes', putNotes(board.id, board.access.participant, writer, 'round-2', tooMany)],
      ['the read-only link', putNotes(board.id, board.access.observer, writer, 'round-2', [noteAt(0, 0, 'a')])],
      ['another round', putNotes(board.id, board.access.participant, writer, 'round-x', [noteAt(0, 0, 'a')])],
    ]
    for (const [what, response] of bad) expect((await response).status, what).toBeOneOf([400, 403, 409])
    expect(storedRows(board.id)).toBe(0)
  })
})

describe('the reveal is the relay’s own write, and a write like any other', () => {
  const maxBoardBytes = 150_000
  const suite = privateRelaySuite({ MAX_BOARD_BYTES: String(maxBoardBytes) })
  const json = (token: string, writer?: string) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    ...(writer ? { [writerHeader]: writer } : {}),
  })
  const putNotes = (boardId: string, token: string, writer: string, roundId: string, notes: object[]) =>
    apiFetch(suite.relay, privateNotesPath(boardId), { method: 'PUT', headers: json(token, writer), body: JSON.stringify({ roundId, notes }) })

  it('reveals a round filled up to the board’s room whole: the round is weighed in the bytes its reveal writes', async () => {
    const board = await createBoard(suite.relay, 'Volle Runde')
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-to-the-brim', startedAt: 1 })
    const participant = await suite.connect(board.id, board.access.participant)
    await until(participant.doc, () => facilitationMap(participant.doc).has(facilitationKeys.private))

    // Made-up writers, each with many short notes (the most Yjs bytes per JSON byte), until the relay says the board has no room.
    let accepted = 0
    for (let w = 0; ; w++) {
      const notes = Array.from({ length: 40 }, (_, i) => noteAt(i * 10, w * 10, `${w}·${i}`))
      const put = await putNotes(board.id, board.access.participant, randomBytes(24).toString('base64url'), 'round-to-the-brim', notes)
      if (put.status === 507) break
      expect(put.status).toBe(204)
      accepted += notes.length
    }
    expect(accepted).toBeGreaterThan(0)

    const reveal = await apiFetch(suite.relay, privateRevealPath(board.id), {
      method: 'POST',
      headers: json(board.access.facilitator),
      body: JSON.stringify({ roundId: 'round-to-the-brim' }),
    })
    expect(reveal.status).toBe(200)
    expect(await reveal.json()).toMatchObject({ revealed: accepted, leftOut: 0 })
    await until(participant.doc, () => recordsIn(participant.doc).filter((r) => r.type === 'note').length === accepted)
  })

  it('reveals what the board still has room for and keeps the rest private in the open round; with no room at all it refuses and changes nothing', async () => {
    const board = await createBoard(suite.relay, 'Großgruppe')
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-full', startedAt: 1 })
    const participant = await suite.connect(board.id, board.access.participant)
    await until(participant.doc, () => facilitationMap(participant.doc).has(facilitationKeys.private))

    // Two people write privately while the board has room: 100 KB of notes.
    const writers = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')]
    for (const [w, writer] of writers.entries()) {
      const notes = Array.from({ length: 10 }, (_, i) => noteAt(i * 250, w * 250, `${w}-${i} ${'p'.repeat(5000)}`))
      expect((await putNotes(board.id, board.access.participant, writer, 'round-full', notes)).status).toBe(204)
    }
    // Meanwhile the facilitator fills the board in the open: it has room for some of the notes only.
    for (let i = 0; i < 10; i++) putNote(facilitator.doc, `open-${i}`, 'o'.repeat(6000))
    await until(participant.doc, () => noteText(participant.doc, 'open-9') !== undefined)
    expect(storedDocumentBytes(suite.relay, board.id)).toBeLessThan(maxBoardBytes)

    const reveal = () =>
      apiFetch(suite.relay, privateRevealPath(board.id), { method: 'POST', headers: json(board.access.facilitator), body: JSON.stringify({ roundId: 'round-full' }) })
    const first = await reveal()
    expect(first.status).toBe(200)
    const outcome = (await first.json()) as { revealed: number; leftOut: number; waiting: number }
    expect(outcome.revealed).toBeGreaterThan(1)
    expect(outcome.waiting).toBeGreaterThan(0)
    expect(outcome.revealed + outcome.waiting).toBe(20)
    // Taken in turns: each writer's first notes are on the board.
    const shown = () => recordsIn(participant.doc).flatMap((r) => (r.type === 'note' && !r.id.includes('open-') ? [noteText(participant.doc, r.id.slice('shape:'.length)) ?? ''] : []))
    await until(participant.doc, () => shown().length === outcome.revealed)
    expect(shown().some((text) => text.startsWith('0-0 ')) && shown().some((text) => text.startsWith('1-0 '))).toBe(true)
    // The rest is still private, each with its writer, and the round open with them.
    const kept = async () => {
      let notes = 0
      for (const writer of writers) notes += ((await (await apiFetch(suite.relay, privateNotesPath(board.id), { headers: json(board.access.participant, writer) })).json()) as { notes: unknown[] }).notes.length
      return notes
    }
    expect(await kept()).toBe(outcome.waiting)
    await until(facilitator.doc, () => readPrivateRound(facilitationMap(facilitator.doc).get(facilitationKeys.private))?.notes === outcome.waiting)

    // No room for even one more: refused with a clear answer, nothing changed.
    const before = storedDocumentBytes(suite.relay, board.id)
    const second = await reveal()
    expect(second.status).toBe(507)
    const { error } = (await second.json()) as { error: string }
    expect(error).toContain('Board ist voll')
    expect(error).toContain('board is full')
    // (The relay may compact the board looking for room: stored bytes then shrink, the records stay.)
    expect(storedDocumentBytes(suite.relay, board.id)).toBeLessThanOrEqual(before)
    expect(facilitationMap(facilitator.doc).has(facilitationKeys.private)).toBe(true)
    expect(await kept()).toBe(outcome.waiting)
    // And it opens for a newcomer.
    const newcomer = await suite.connect(board.id, board.access.observer)
    expect(recordsIn(newcomer.doc).map((r) => r.id).sort()).toEqual(recordsIn(facilitator.doc).map((r) => r.id).sort())
    expect(facilitationMap(newcomer.doc).has(facilitationKeys.private)).toBe(true)
  })
})

describe('private notes have a budget per round', () => {
  const suite = privateRelaySuite({ MAX_PRIVATE_WRITERS_PER_ROUND: '3', MAX_PRIVATE_BYTES_PER_WRITER: '20000' })
  const json = (token: string, writer: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', [writerHeader]: writer })
  const putNotes = (boardId: string, token: string, writer: string, roundId: string, notes: object[]) =>
    apiFetch(suite.relay, privateNotesPath(boardId), { method: 'PUT', headers: json(token, writer), body: JSON.stringify({ roundId, notes }) })

  it('takes notes from as many writers and as many bytes per writer as set, and says so past them', async () => {
    const board = await createBoard(suite.relay, 'Plenum')
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    facilitationMap(facilitator.doc).set(facilitationKeys.private, { id: 'round-b', startedAt: 1 })
    const participant = await suite.connect(board.id, board.access.participant)
    await until(participant.doc, () => facilitationMap(participant.doc).has(facilitationKeys.private))
    const writers = Array.from({ length: 4 }, () => randomBytes(24).toString('base64url'))

    for (const writer of writers.slice(0, 3)) expect((await putNotes(board.id, board.access.participant, writer, 'round-b', [noteAt(0, 0, 'Idee')])).status).toBe(204)
    // A fourth made-up writer is one too many; those who wrote may still change their notes.
    const fourth = await putNotes(board.id, board.access.participant, writers[3], 'round-b', [noteAt(0, 0, 'noch eine')])
    expect(fourth.status).toBe(429)
    expect(((await fourth.json()) as { error: string }).error).toMatch(/Runde.*round/s)
    expect((await putNotes(board.id, board.access.participant, writers[0], 'round-b', [noteAt(0, 0, 'Idee'), noteAt(300, 0, 'zweite')])).status).toBe(204)

    // More bytes than one writer may keep in a round.
    const long = Array.from({ length: 5 }, (_, i) => noteAt(i * 300, 0, 'l'.repeat(5000)))
    expect((await putNotes(board.id, board.access.participant, writers[1], 'round-b', long)).status).toBe(413)
    // A writer who takes their notes back makes room for another.
    expect((await putNotes(board.id, board.access.participant, writers[2], 'round-b', [])).status).toBe(204)
    expect((await putNotes(board.id, board.access.participant, writers[3], 'round-b', [noteAt(0, 0, 'jetzt')])).status).toBe(204)
    await until(facilitator.doc, () => readPrivateRound(facilitationMap(facilitator.doc).get(facilitationKeys.private))?.notes === 4)
    expect(readPrivateRound(facilitationMap(facilitator.doc).get(facilitationKeys.private))).toMatchObject({ writers: 3, notes: 4 })
  })
})
