/**
 * The network digest by e-mail (`server/digest/`), against a real SMTP server process: a
 * coordinator signs in through the provider (which gives her address), asks for the digest on
 * her network, others write on a board, and the mail that arrives names the board and how many
 * Zettel are new, with the Fahrplan's address and nothing else: no token, nothing written on the
 * board. A board that requires sign-in is never read for the mail (a mail carries no sign-in):
 * it is only counted, without its title. Asked for, it stays asked for; a device without the
 * sign-in is told to sign in (the Fahrplan's switch: `test/browser/networkDigest.test.ts`).
 * Without SMTP_URL the relay offers no digest and sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardSignInPath, CreatedBoard } from '../../shared/api.ts'
import { CreatedNetwork, networkBoardsPath } from '../../shared/networkApi.ts'
import { DigestState, networkDigestPath } from '../../shared/networkBetween.ts'
import { connectClient, relaySuite, untilHeld, whenSynced } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { creatorSignInEnv, startTestIssuer, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { removeDataDir, startRelay, waitForLogAfter, type Relay } from '../helpers/relay.ts'
import { visitor, type Visitor } from '../helpers/signedInVisitor.ts'
import { readMail, startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts'
import { hang } from '../helpers/hang.ts'

const publicUrl = 'https://netzwerkstatt.example'
const json = (method: string, body: unknown, token: string): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
})

describe('the network digest by e-mail', () => {
  let issuer: TestIssuer
  let smtp: SmtpSink
  let relay: Relay

  beforeAll(async () => {
    issuer = await startTestIssuer()
    issuer.signInAs({ subject: 'kim-koordination', name: 'Kim Koordination', email: 'kim@example.org' })
    smtp = await startSmtpSink()
    // A digest every three seconds: the test awaits the mail, it does not sleep for it.
    relay = await startRelay({ env: {
        ...(await creatorSignInEnv(issuer, 'Netzwerk-Gründung 2026', publicUrl)),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Netzwerkstatt <netzwerkstatt@example.org>',
        DIGEST_EVERY_DAYS: String(3 / 86_400),
      },
    })
  })
  afterAll(async () => {
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
    await smtp?.close()
    await issuer?.close()
  })

  async function signedIn(): Promise<Visitor> {
    const kim = visitor(relay.httpUrl, '198.51.100.7')
    expect((await kim.throughProvider()).status).toBe(302)
    return kim
  }

  it('sends a signed-in member who asked for it the titles and counts of what changed, with a link that opens nothing by itself', { timeout: hang(90_000) }, async () => {
    const kim = await signedIn()
    const created = await kim.request('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Netzwerk Frühe Hilfen Süd' }) })
    expect(created.status).toBe(201)
    const network = CreatedNetwork.parse(await created.json())
    const board = CreatedBoard.parse(await (await kim.create('Netzwerktreffen Juni')).json())
    const added = await kim.request(networkBoardsPath(network.id), json('POST', { boardId: board.id, token: board.access.facilitator, phase: 'gruendung', internal: false }, network.token))
    expect(added.status).toBe(201)

    const state = async (response: Response) => {
      expect(response.status).toBe(200)
      return DigestState.parse(await response.json())
    }
    expect(await state(await kim.request(networkDigestPath(network.id), { headers: { authorization: `Bearer ${network.token}` } }))).toEqual({
      available: true,
      everyDays: 3 / 86_400,
      signedIn: true,
      email: 'kim@example.org',
      subscribed: false,
    })
    // Not without the network's link, nor without a sign-in.
    expect((await kim.request(networkDigestPath(network.id), json('PUT', { locale: 'de' }, board.access.facilitator))).status).toBe(401)
    expect((await visitor(relay.httpUrl, '198.51.100.8').request(networkDigestPath(network.id), json('PUT', { locale: 'de' }, network.token))).status).toBe(401)
    expect(await state(await kim.request(networkDigestPath(network.id), json('PUT', { locale: 'de' }, network.token)))).toMatchObject({ subscribed: true })
    // Kept by the relay: asked again (the Fahrplan reloaded), still on; a device without the sign-in is told to sign in.
    expect(await state(await kim.request(networkDigestPath(network.id), { headers: { authorization: `Bearer ${network.token}` } }))).toMatchObject({ signedIn: true, subscribed: true })
    expect(await state(await visitor(relay.httpUrl, '198.51.100.8').request(networkDigestPath(network.id), { headers: { authorization: `Bearer ${network.token}` } }))).toMatchObject({ signedIn: false, subscribed: false })

    // A board added since, which requires sign-in: new in the network, but the mail must not read it.
    const closed = CreatedBoard.parse(await (await kim.create('Fallkonferenz Familie K.')).json())
    const switched = await kim.request(boardSignInPath(closed.id), json('PUT', { required: true }, closed.access.facilitator))
    expect(switched.status).toBe(200)
    const addedClosed = await kim.request(networkBoardsPath(network.id), json('POST', { boardId: closed.id, token: closed.access.facilitator, phase: 'gruendung', internal: false }, network.token))
    expect(addedClosed.status).toBe(201)

    // Others write two Zettel between meetings.
    const secret = 'Frau Özdemir zieht im Juli weg'
    const writer = connectClient(relay, board.id, new Y.Doc(), { token: board.access.participant })
    const reader = connectClient(relay, board.id, new Y.Doc(), { token: board.access.participant })
    try {
      await whenSynced(writer)
      const notes = [noteAt(0, 0, secret), noteAt(300, 0, 'Neue Räume ab August')]
      putRecords(writer.doc, notes)
      await whenSynced(reader)
      await untilHeld(reader.doc, notes)
    } finally {
      writer.destroy()
      reader.destroy()
    }

    const received = await smtp.nextMail(60_000)
    expect(received.to).toEqual(['kim@example.org'])
    const mail = readMail(received.raw)
    expect(mail.headers.get('subject')).toMatch(/^„Netzwerk Frühe Hilfen Süd“: was sich seit dem \d\d\.\d\d\.\d{4} getan hat$/)
    expect(mail.headers.get('from')).toBe('Netzwerkstatt <netzwerkstatt@example.org>')
    expect(mail.text).toContain('- Netzwerktreffen Juni: 2 neue Zettel\n')
    // The board that requires sign-in: counted, neither named nor read.
    expect(mail.text).toContain('1 Board, das eine Anmeldung verlangt, ist hier nicht aufgeführt; nichts daraus erscheint hier.\n')
    expect(mail.text).not.toContain('Fallkonferenz')
    expect(mail.text).toContain(`Zum Fahrplan: ${publicUrl}/n/${network.id}\n`)
    // Titles and counts only: no token, nothing written on the board.
    for (const never of [network.token, board.access.facilitator, board.access.participant, closed.access.facilitator, secret, 'Neue Räume']) expect(received.raw).not.toContain(never)
    expect(mail.text).not.toContain('#')

    // Stopped: the state says so, and the next period sends nothing.
    expect(await state(await kim.request(networkDigestPath(network.id), { method: 'DELETE', headers: { authorization: `Bearer ${network.token}` } }))).toMatchObject({ subscribed: false })
  })
})

describe('the digest under SIGN_IN_POLICY=required for the facilitator link', () => {
  let issuer: TestIssuer
  let smtp: SmtpSink
  let relay: Relay

  beforeAll(async () => {
    issuer = await startTestIssuer()
    issuer.signInAs({ subject: 'kim-koordination', name: 'Kim Koordination', email: 'kim@example.org' })
    smtp = await startSmtpSink()
    relay = await startRelay({ env: {
        ...(await creatorSignInEnv(issuer, 'Netzwerk-Gründung 2026', publicUrl)),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Netzwerkstatt <netzwerkstatt@example.org>',
        // A digest every second: the test awaits two rounds after the Zettel, and none of them may
        // send anything whenever it falls (the first test's three seconds keep its order of events).
        DIGEST_EVERY_DAYS: String(1 / 86_400),
        // The network's link opens boards as their facilitator link does: under this rule, only with a sign-in.
        SIGN_IN_POLICY: 'required',
        SIGN_IN_FOR: 'facilitator',
      },
    })
  })
  afterAll(async () => {
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
    await smtp?.close()
    await issuer?.close()
  })

  it('reads no board for the mail, so new Zettel send nothing', { timeout: hang(90_000) }, async () => {
    const kim = visitor(relay.httpUrl, '198.51.100.9')
    expect((await kim.throughProvider()).status).toBe(302)
    const network = CreatedNetwork.parse(await (await kim.request('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Netzwerk Frühe Hilfen Nord' }) })).json())
    const board = CreatedBoard.parse(await (await kim.create('Netzwerktreffen Juli')).json())
    expect((await kim.request(networkBoardsPath(network.id), json('POST', { boardId: board.id, token: board.access.facilitator, phase: 'gruendung', internal: false }, network.token))).status).toBe(201)
    expect((await kim.request(networkDigestPath(network.id), json('PUT', { locale: 'de' }, network.token))).status).toBe(200)

    // Participants need no sign-in under this rule: they write two Zettel.
    const writer = connectClient(relay, board.id, new Y.Doc(), { token: board.access.participant })
    const reader = connectClient(relay, board.id, new Y.Doc(), { token: board.access.participant })
    try {
      await whenSynced(writer)
      const notes = [noteAt(0, 0, 'Vertraulich'), noteAt(300, 0, 'Neue Räume ab August')]
      putRecords(writer.doc, notes)
      await whenSynced(reader)
      await untilHeld(reader.doc, notes)
    } finally {
      writer.destroy()
      reader.destroy()
    }

    // Two digest rounds after the Zettel (the second surely began after them): nothing new that the mail may read.
    const outcome = (e: Record<string, unknown>) => e.network === network.id && (e.msg === 'digest sent' || e.msg === 'digest skipped: nothing new')
    const lineOf = (from: number) => relay.logs.findIndex((line, i) => i >= from && line.startsWith('{') && outcome(JSON.parse(line) as Record<string, unknown>))
    const after = relay.logs.length
    const first = await waitForLogAfter(relay, after, outcome)
    const second = await waitForLogAfter(relay, lineOf(after) + 1, outcome)
    expect([first.msg, second.msg]).toEqual(['digest skipped: nothing new', 'digest skipped: nothing new'])
    expect(smtp.mails).toEqual([])
  })
})

describe('without SMTP_URL', () => {
  const suite = relaySuite()
  const { api, createNetwork } = networkCalls(() => suite.relay)

  it('offers no digest, and refuses one asked for with a reason', async () => {
    const network = await createNetwork()
    const state = DigestState.parse(await (await api(networkDigestPath(network.id), { headers: { authorization: `Bearer ${network.token}` } })).json())
    expect(state).toMatchObject({ available: false, subscribed: false })
    const refused = await api(networkDigestPath(network.id), json('PUT', { locale: 'de' }, network.token))
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('SMTP_URL')
  })
})
