/**
 * A release is a version, over a real relay: releasing saves the board as a named version the
 * release points at; the steering group's pack and a participant's Dokumentation read that
 * version, so a change after the release does not go out until the board is released again; the
 * facilitator's own Dokumentation says it changed. A client cannot name a version itself.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { keptRelease, readRelease, released, releaseEntry } from '../../shared/board/entries/release.ts'
import { CreatedNetwork, NetworkReleaseAnswer, networkBoardsPath, networkPackPath, networkReleasePath } from '../../shared/networkApi.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { contentFingerprint } from '../../shared/board/contentFingerprint.ts'
import { apiFetch, createBoard, relaySuite, until, type TestClient } from '../helpers/clients.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { releaseBoard } from '../helpers/release.ts'
import { noteAt } from '../unit/templates/helpers.ts'
import { hang } from '../helpers/hang.ts'

describe('a release is a version', () => {
  const suite = relaySuite()
  const api = (path: string, init?: RequestInit) => apiFetch(suite.relay, path, init)
  const post = (path: string, body: unknown, token?: string) =>
    api(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })

  /** A Zettel in the Protokoll's first cell whose key ends so, written by `client`, seen by `witness`. */
  async function write(client: TestClient, witness: TestClient, keyEnd: string, text: string, dy = 0) {
    const cell = recordsIn<TLShape>(client.doc).find((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)!.key.endsWith(keyEnd))!
    const { w, h } = cell.props as { w: number; h: number }
    const note = noteAt(cell.x + w / 2, cell.y + h / 2 + dy, text)
    putRecords(client.doc, [note])
    await until(witness.doc, () => witness.doc.getMap('tldraw').has(note.id))
  }

  async function minutes(title: string): Promise<{ board: CreatedBoard; facilitator: TestClient; participant: TestClient }> {
    const board = await createBoard(suite.relay, title, { template: 'protokoll', options: { topics: 1 } })
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    const participant = await suite.connect(board.id, board.access.participant)
    return { board, facilitator, participant }
  }

  const report = (board: CreatedBoard, token: string) =>
    api(`/api/boards/${board.id}/report?format=md&locale=de&day=2026-11-26`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text())

  it('saves a named version the release points at, with the fingerprint of what was released', async () => {
    const { board, facilitator, participant } = await minutes('Netzwerktreffen März')
    await write(participant, facilitator, ':thema', 'Gemeinsame Fallkonferenz ab März')
    const release = await releaseBoard(suite.relay, board, '2026-03-12', participant)
    const versions = (await (await api(`/api/boards/${board.id}/versions`, { headers: { authorization: `Bearer ${board.access.facilitator}` } })).json()) as Array<{ id: string; name: string | null }>
    expect(versions.find((v) => v.id === release.version)?.name).toBe('Freigabe 12.03.2026')
    expect(readRelease(facilitationMap(participant.doc).get(facilitationKeys.release))).toMatchObject({ released: true, day: '2026-03-12', version: release.version })
    expect(release.fingerprint).toBe(contentFingerprint(participant.doc))
  })

  it("refuses a client's release that names no version or another one, and takes withdrawal and keeping", async () => {
    const { board, facilitator, participant } = await minutes('Nur über die Relay')
    const closed = new Promise<void>((resolve) => facilitator.provider.once('connection-close', () => resolve()))
    releaseEntry.set(facilitator.doc, released('2026-03-12', 1, { version: 'AAAAAAAAAAAA', fingerprint: 'made-up' }))
    await closed
    expect(facilitationMap(participant.doc).has(facilitationKeys.release)).toBe(false)

    const release = await releaseBoard(suite.relay, board, '2026-03-12', participant)
    const again = await suite.connect(board.id, board.access.facilitator)
    await until(again.doc, () => readRelease(facilitationMap(again.doc).get(facilitationKeys.release)).released)
    // Keeping the old release changes only `kept`: taken.
    await write(again, participant, ':thema', 'Nachgetragen')
    releaseEntry.set(again.doc, keptRelease(release, contentFingerprint(again.doc)))
    await until(participant.doc, () => readRelease(facilitationMap(participant.doc).get(facilitationKeys.release)).kept !== undefined)
    expect(readRelease(facilitationMap(participant.doc).get(facilitationKeys.release)).version).toBe(release.version)
  })

  it('the pack and a participant read the released version until the board is released again', { timeout: hang(60_000) }, async () => {
    const { board, facilitator, participant } = await minutes('Steuerungsgruppe Frühjahr')
    const created = await post('/api/networks', { name: 'Netzwerk Bautzen', targetGroup: 'Alleinerziehende' })
    const net = CreatedNetwork.parse(await created.json())
    expect((await post(networkBoardsPath(net.id), { boardId: board.id, token: board.access.facilitator, phase: 'gruendung', internal: false }, net.token)).status).toBe(201)
    const pack = () => api(networkPackPath(net.id, 'md', 'de', '2026-11-26'), { headers: { authorization: `Bearer ${net.token}` } }).then((r) => r.text())

    await write(participant, facilitator, ':aufgabe', 'Räume bei Trägern anfragen')
    await releaseBoard(suite.relay, board, '2026-03-12', participant)
    await write(participant, facilitator, ':aufgabe', 'Nach der Freigabe ergänzt', 60)

    const packed = await pack()
    expect(packed).toContain('Räume bei Trägern anfragen')
    expect(packed).not.toContain('Nach der Freigabe ergänzt')
    expect(packed).toContain('Zur Weitergabe freigegeben am 12.03.2026; seither geändert')
    expect(packed).toContain('Alle enthaltenen Boards sind zur Weitergabe freigegeben')

    const theirs = await report(board, board.access.participant)
    expect(theirs).toContain('Räume bei Trägern anfragen')
    expect(theirs).not.toContain('Nach der Freigabe ergänzt')
    expect(theirs).toContain('**Zur Weitergabe freigegeben am 12.03.2026**')
    const own = await report(board, board.access.facilitator)
    expect(own).toContain('Nach der Freigabe ergänzt')
    expect(own).toContain('**Intern – geändert seit der Freigabe am 12.03.2026**')

    // Released again: a new version, and the change goes out.
    await releaseBoard(suite.relay, board, '2026-03-19', participant)
    const repacked = await pack()
    expect(repacked).toContain('Nach der Freigabe ergänzt')
    expect(repacked).not.toContain('; seither geändert')
    expect(await report(board, board.access.participant)).toContain('Nach der Freigabe ergänzt')
  })
  it('the Fahrplan releases several boards at once, each as its own release: its current state as a new version, its Verteiler kept; internal and case boards, unchanged ones and boards of no network stay as they are', { timeout: hang(60_000) }, async () => {
    const net = CreatedNetwork.parse(await (await post('/api/networks', { name: 'Netzwerk Zittau', targetGroup: 'Alleinerziehende' })).json())
    const add = async (board: CreatedBoard, internal = false) =>
      expect((await post(networkBoardsPath(net.id), { boardId: board.id, token: board.access.facilitator, phase: 'gruendung', internal }, net.token)).status).toBe(201)
    const fresh = await minutes('Steuerungsgruppe Juni')
    await write(fresh.participant, fresh.facilitator, ':aufgabe', 'Träger anschreiben')
    const changed = await minutes('Steuerungsgruppe Mai')
    expect((await post(`/api/boards/${changed.board.id}/release`, { day: '2026-05-12', verteiler: ['Steuerungsgruppe'] }, changed.board.access.facilitator)).status).toBe(201)
    await write(changed.participant, changed.facilitator, ':aufgabe', 'Nach der Freigabe im Mai ergänzt')
    const asReleased = await minutes('Steuerungsgruppe April')
    await write(asReleased.participant, asReleased.facilitator, ':aufgabe', 'Protokoll verschicken')
    await releaseBoard(suite.relay, asReleased.board, '2026-04-14', asReleased.participant)
    const internal = await minutes('Beteiligtenanalyse intern')
    await write(internal.participant, internal.facilitator, ':aufgabe', 'Nur für die Koordination')
    const caseBoard = await createBoard(suite.relay, 'Fall Familie K.', { template: 'fallkonferenz' })
    // The coming meeting's board, made in advance: its template, no Zettel yet.
    const coming = await createBoard(suite.relay, 'Steuerungsgruppe März', { template: 'steuerungsgruppe' })
    const elsewhere = await createBoard(suite.relay, 'In keinem Netzwerk')
    for (const board of [fresh.board, changed.board, asReleased.board, caseBoard, coming]) await add(board)
    await add(internal.board, true)
    const named = async (board: CreatedBoard) =>
      ((await (await api(`/api/boards/${board.id}/versions`, { headers: { authorization: `Bearer ${board.access.facilitator}` } })).json()) as Array<{ name: string | null }>).filter((v) => v.name !== null).length
    const namedBefore = await named(asReleased.board)

    const asked = [fresh.board, changed.board, asReleased.board, internal.board, caseBoard, coming, elsewhere].map((b) => b.id)
    const release = (token: string) => post(networkReleasePath(net.id), { day: '2026-11-26', locale: 'de', boards: asked }, token)
    expect((await release(fresh.board.access.participant)).status).toBe(401)
    const response = await release(net.token)
    expect(response.status).toBe(200)
    const outcomes = Object.fromEntries(NetworkReleaseAnswer.parse(await response.json()).boards.map((b) => [b.id, b.outcome]))
    expect(outcomes).toEqual({
      [fresh.board.id]: 'released',
      [changed.board.id]: 'released',
      [asReleased.board.id]: 'unchanged',
      [internal.board.id]: 'internal',
      [caseBoard.id]: 'case',
      [coming.id]: 'empty',
      [elsewhere.id]: 'not-in-network',
    })
    const releaseOf = async (client: TestClient) => {
      await until(client.doc, () => readRelease(facilitationMap(client.doc).get(facilitationKeys.release)).day === '2026-11-26')
      return readRelease(facilitationMap(client.doc).get(facilitationKeys.release))
    }
    // Each as its own release makes it: a named version of the board as it stands, with that content's fingerprint.
    const made = await releaseOf(fresh.participant)
    expect(made.fingerprint).toBe(contentFingerprint(fresh.participant.doc))
    const versions = (await (await api(`/api/boards/${fresh.board.id}/versions`, { headers: { authorization: `Bearer ${fresh.board.access.facilitator}` } })).json()) as Array<{ id: string; name: string | null }>
    expect(versions.find((v) => v.id === made.version)?.name).toBe('Freigabe 26.11.2026')
    // Released again with the Verteiler it had.
    expect(await releaseOf(changed.participant)).toMatchObject({ verteiler: ['Steuerungsgruppe'] })
    expect(await named(asReleased.board)).toBe(namedBefore)
    expect(readRelease(facilitationMap(internal.participant.doc).get(facilitationKeys.release)).released).toBe(false)
    const caseReader = await suite.connect(caseBoard.id, caseBoard.access.facilitator)
    expect(readRelease(facilitationMap(caseReader.doc).get(facilitationKeys.release)).released).toBe(false)
    const packed = await (await api(networkPackPath(net.id, 'md', 'de', '2026-11-26'), { headers: { authorization: `Bearer ${net.token}` } })).text()
    expect(packed).toContain('Träger anschreiben')
    expect(packed).toContain('Nach der Freigabe im Mai ergänzt')
    expect(packed).not.toContain('Nur für die Koordination')
    // The coming meeting's board stays out of the pack, counted (the internal and case boards are counted as internal).
    expect(packed).toContain('1 Board noch nicht freigegeben, nicht enthalten.')
  })

  it('names its Verteiler and the rule it rests on: kept with the release, printed in the Dokumentation; a client cannot change them', async () => {
    const { board, facilitator, participant } = await minutes('Netzwerktreffen Mai')
    const rule = 'Netzwerkregeln · Öffentlichkeitsarbeit: erst nach Freigabe durch die Steuerungsgruppe'
    const bad = await post(`/api/boards/${board.id}/release`, { day: '2026-05-12', verteiler: Array.from({ length: 41 }, (_, i) => `Träger ${i}`), rule }, board.access.facilitator)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/Verteiler/)
    const response = await post(`/api/boards/${board.id}/release`, { day: '2026-05-12', verteiler: ['Steuerungsgruppe', ' Träger des Netzwerks '], rule }, board.access.facilitator)
    expect(response.status).toBe(201)
    await until(participant.doc, () => readRelease(facilitationMap(participant.doc).get(facilitationKeys.release)).released)
    const release = readRelease(facilitationMap(participant.doc).get(facilitationKeys.release))
    expect(release).toMatchObject({ verteiler: ['Steuerungsgruppe', 'Träger des Netzwerks'], rule })
    const md = await report(board, board.access.participant)
    expect(md).toContain('**Verteiler:** Steuerungsgruppe, Träger des Netzwerks')
    expect(md).toContain(`**Grundlage der Freigabe:** ${rule}`)
    // The release names them as the relay wrote them: a client's other Verteiler is refused.
    const closed = new Promise<void>((resolve) => facilitator.provider.once('connection-close', () => resolve()))
    releaseEntry.set(facilitator.doc, { ...release, verteiler: ['Presse'] })
    await closed
    const third = await suite.connect(board.id, board.access.participant)
    expect(readRelease(facilitationMap(third.doc).get(facilitationKeys.release)).verteiler).toEqual(['Steuerungsgruppe', 'Träger des Netzwerks'])
  })

  it("releases what the facilitator wrote just before, also when the release's request overtakes the writing (the request says how far the facilitator has written)", async () => {
    const { board, facilitator, participant } = await minutes('Kopf, dann Freigabe')
    // The facilitator's last writing is still on its way when the release goes out: the socket is held back.
    facilitator.provider.disconnect()
    const cell = recordsIn<TLShape>(facilitator.doc).find((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)!.key.endsWith(':thema'))!
    putRecords(facilitator.doc, [noteAt(cell.x + 10, cell.y + 10, 'Noch unterwegs')])
    const written = { client: facilitator.doc.clientID, clock: Y.getState(facilitator.doc.store, facilitator.doc.clientID) }
    const request = post(`/api/boards/${board.id}/release`, { day: '2026-03-12', written }, board.access.facilitator)
    facilitator.provider.connect()
    const response = await request
    expect(response.status).toBe(201)
    const release = (await response.json()) as { fingerprint: string }
    await until(participant.doc, () => recordsIn<TLShape>(participant.doc).some((s) => s.type === 'note'))
    // Released with the Zettel: the Dokumentation does not say „geändert seit der Freigabe“.
    expect(release.fingerprint).toBe(contentFingerprint(participant.doc))
    // A `written` of the wrong shape is named as such.
    const wrong = await post(`/api/boards/${board.id}/release`, { day: '2026-03-12', written: { client: -1, clock: 1.5 } }, board.access.facilitator)
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as { error: string }).error).toContain('"written"')
  })
})
