/**
 * Join codes against the relay's app in this process: the facilitator makes one for a link it holds, anyone with the
 * code gets that link, a new code or a replaced link ends the old code, the database holds
 * neither the code nor the link in the clear, and lookups are limited per address.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JoinCode } from '../../../shared/access.ts'
import { joinRedeemPath, JoinTarget } from '../../../shared/api.ts'
import { formatJoinCode } from '../../../shared/joinCode.ts'
import { apiFetch, createBoard } from '../../helpers/clients.ts'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'
import { storedAudit } from '../../helpers/relay.ts'
import { joinMissesPerHour } from '../../../server/http/joinApi.ts'

describe('join codes', () => {
  let relay: InProcessRelay
  beforeAll(async () => {
    relay = await inProcessRelay({ env: { LOG_LEVEL: 'info' } })
  })
  afterAll(() => relay.close())

  const makeCode = (boardId: string, body: unknown, asToken?: string) =>
    apiFetch(relay, `/api/boards/${boardId}/join-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(asToken ? { authorization: `Bearer ${asToken}` } : {}) },
      body: JSON.stringify(body),
    })
  // The code travels in the body, where no proxy's access log sees it.
  const lookUp = (code: string) => relay.request(joinRedeemPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })

  it('hands whoever has the code the link it stands for, however they type it', async () => {
    const board = await createBoard(relay, 'Planspiel')
    const made = await makeCode(board.id, { role: 'participant', token: board.access.participant })
    expect(made.status).toBe(201)
    const { code, role, expiresAt } = JoinCode.parse(await made.json())
    expect(role).toBe('participant')
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/)
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 6 * 24 * 60 * 60_000)

    // As printed, in lower case with spaces, with O for 0: the same code.
    for (const typed of [formatJoinCode(code), ` ${formatJoinCode(code).toLowerCase().replace(/-/g, ' ')} `, code.replace(/0/g, 'O')]) {
      const target = JoinTarget.parse(await (await lookUp(typed)).json())
      expect(target).toEqual({ boardId: board.id, role: 'participant', token: board.access.participant })
    }
    const observerCode = JoinCode.parse(await (await makeCode(board.id, { role: 'observer', token: board.access.observer })).json()).code
    expect(JoinTarget.parse(await (await lookUp(observerCode)).json()).token).toBe(board.access.observer)
    expect((await lookUp('AAAA-BBBB-CCCC')).status).toBe(404)
    expect((await lookUp('kein code')).status).toBe(404)
  })

  it('is redeemed only from the body: the code in an address gets nothing', async () => {
    const board = await createBoard(relay)
    const { code } = JoinCode.parse(await (await makeCode(board.id, { role: 'participant', token: board.access.participant })).json())
    const byPath = await relay.request(`/api/join/${code}`)
    expect(byPath.ok).toBe(false)
    expect(await byPath.text()).not.toContain(board.access.participant)
    expect((await lookUp(code)).status).toBe(200)
  })

  it('is made only by the facilitator, only for a link it holds, never for the facilitator link', async () => {
    const board = await createBoard(relay)
    expect((await makeCode(board.id, { role: 'participant', token: board.access.participant }, board.access.participant)).status).toBe(403)
    expect((await makeCode(board.id, { role: 'participant', token: board.access.observer })).status).toBe(400)
    expect((await makeCode(board.id, { role: 'facilitator', token: board.access.facilitator })).status).toBe(400)
    expect((await makeCode(board.id, { role: 'participant', token: 'x'.repeat(32) })).status).toBe(400)
  })

  it('ends with a new code or a replaced link, and the database keeps neither code nor link readable', async () => {
    const board = await createBoard(relay)
    const first = JoinCode.parse(await (await makeCode(board.id, { role: 'participant', token: board.access.participant })).json()).code
    const second = JoinCode.parse(await (await makeCode(board.id, { role: 'participant', token: board.access.participant })).json()).code
    expect((await lookUp(first)).status).toBe(404)
    expect((await lookUp(second)).status).toBe(200)

    const bytes = readdirSync(relay.dataDir).map((name) => readFileSync(join(relay.dataDir, name)))
    for (const secret of [second, board.access.participant]) expect(bytes.some((b) => b.includes(secret))).toBe(false)

    const rotated = await (await apiFetch(relay, `/api/boards/${board.id}/links/participant`, { method: 'POST' })).json()
    expect((await lookUp(second)).status).toBe(404)
    const fresh = JoinCode.parse(await (await makeCode(board.id, { role: 'participant', token: rotated.token })).json()).code
    expect(JoinTarget.parse(await (await lookUp(fresh)).json()).token).toBe(rotated.token)
  })

  it('limits lookups per address, so codes cannot be tried through', async () => {
    const statuses: number[] = []
    // Up to two windows' worth, in case the minute turns while we try.
    for (let i = 0; i < 1300 && !statuses.includes(429); i++) statuses.push((await lookUp('ZZZZ-ZZZZ-ZZZZ')).status)
    expect(statuses.at(-1)).toBe(429)
    // The hour's wrong codes, less those the tests above tried from the same address.
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(joinMissesPerHour - 10)
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(joinMissesPerHour)
  })
})

describe('wrong join codes', () => {
  let relay: InProcessRelay
  beforeAll(async () => {
    // TRUST_PROXY: each test speaks from its own address (X-Forwarded-For).
    relay = await inProcessRelay({ env: { LOG_LEVEL: 'info', TRUST_PROXY: '127.0.0.1' } })
  })
  afterAll(() => relay.close())
  const lookUpFrom = (address: string, code: string) =>
    relay.request(joinRedeemPath, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ code }) })

  it('are budgeted per address: past the budget the address tries no code, and the audit trail keeps one row per wrong code up to it and one for the rest', async () => {
    const board = await createBoard(relay, 'Planspiel')
    const made = await apiFetch(relay, `/api/boards/${board.id}/join-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'participant', token: board.access.participant }),
    })
    const { code } = JoinCode.parse(await made.json())
    const statuses: number[] = []
    for (let i = 0; i < joinMissesPerHour + 40; i++) statuses.push((await lookUpFrom('198.51.100.23', 'ZZZZ-ZZZZ-ZZZZ')).status)
    expect(statuses.filter((s) => s === 404)).toHaveLength(joinMissesPerHour)
    expect(statuses.slice(joinMissesPerHour).every((s) => s === 429)).toBe(true)
    // Even the right code: the guesser learns nothing more this hour. Another address joins.
    expect((await lookUpFrom('198.51.100.23', code)).status).toBe(429)
    expect((await lookUpFrom('198.51.100.24', code)).status).toBe(200)
    const rows = storedAudit(relay).map((row) => row.action)
    expect(rows.filter((action) => action === 'join-code-failed')).toHaveLength(joinMissesPerHour)
    expect(rows.filter((action) => action === 'join-codes-refused')).toHaveLength(1)
  })
})

describe('old join links', () => {
  let oldRelay: InProcessRelay
  // At debug level: the relay's request log is written then.
  beforeAll(async () => {
    oldRelay = await inProcessRelay({ env: { LOG_LEVEL: 'debug' } })
  })
  afterAll(() => oldRelay.close())

  it('sends an old /j/<code> link on to /j#<code> once, the code kept out of the relay’s log and any referrer', async () => {
    const board = await createBoard(oldRelay)
    const { code } = JoinCode.parse(await (
        await apiFetch(oldRelay, `/api/boards/${board.id}/join-code`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'participant', token: board.access.participant }),
        })
      ).json())
    const printed = formatJoinCode(code)
    const logged = oldRelay.logs.length
    const old = await oldRelay.request(`/j/${printed}`, { redirect: 'manual' })
    expect(old.status).toBe(303)
    expect(old.headers.get('location')).toBe(`/j#${printed}`)
    expect(old.headers.get('referrer-policy')).toBe('no-referrer')
    expect(old.headers.get('cache-control')).toBe('no-store')
    const lines = oldRelay.logs.slice(logged)
    expect(lines.some((line) => line.includes('/j/'))).toBe(true)
    for (const secret of [code, printed]) expect(lines.some((line) => line.includes(secret))).toBe(false)
    // Where it leads: the join page, which reads the code from the fragment the browser never sends.
    const page = await oldRelay.request('/j')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
  })
})
