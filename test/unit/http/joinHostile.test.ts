/**
 * The join path tried as a hostile client and as a careless proxy would, against the relay's app
 * in this process (issue 63, point 5): bodies of every wrong kind, codes typed or pasted oddly,
 * many guesses from one subscriber's network or behind a proxy that passes the client's own
 * X-Forwarded-For on, an expired code, a deleted board's code, old `/j/<code>` links with a query,
 * a tail or percent-encoding. No answer, log line or audit row carries a code; every answer of the
 * redeem route is no-store. The ordinary ways in: join.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { JoinCode } from '../../../shared/access.ts'
import { joinRedeemPath, JoinTarget, type CreatedBoard } from '../../../shared/api.ts'
import { formatJoinCode, joinCodeLifetimeDays } from '../../../shared/joinCode.ts'
import { joinMissesPerHour } from '../../../server/http/joinApi.ts'
import { apiFetch, createBoard } from '../../helpers/clients.ts'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'
import { storedAudit } from '../../helpers/relay.ts'

describe('the join path, tried as a hostile client', () => {
  let relay: InProcessRelay
  beforeAll(async () => {
    // Debug: the request log is written. TRUST_PROXY: the careless proxy's test speaks through 127.0.0.1.
    relay = await inProcessRelay({ env: { LOG_LEVEL: 'debug', TRUST_PROXY: '127.0.0.1' } })
  })
  afterAll(() => relay.close())
  afterEach(() => void vi.useRealTimers())

  /** Every code made here, to look for in everything the relay said. */
  const codes: string[] = []
  /** Every answer's status line, headers and body (but the /j/ redirects' Location, checked on its own). */
  const answers: string[] = []
  const keep = async (response: Response) => {
    const headers = [...response.headers].filter(([name]) => name !== 'location')
    answers.push(`${response.status} ${JSON.stringify(headers)} ${await response.clone().text()}`)
    return response
  }

  async function boardWithCode(): Promise<{ board: CreatedBoard; code: string }> {
    const board = await createBoard(relay, 'Fallkonferenz Nord')
    const made = await apiFetch(relay, `/api/boards/${board.id}/join-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'participant', token: board.access.participant }),
    })
    const { code } = JoinCode.parse(await made.json())
    codes.push(code)
    return { board, code }
  }

  /** A redeem request as a client might send it; from its own address unless told. */
  const redeem = (body: BodyInit | null, options: { type?: string | null; from?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.type !== null) headers['content-type'] = options.type ?? 'application/json'
    return relay.request(joinRedeemPath, { method: 'POST', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) }, { from: options.from }).then(keep)
  }
  const redeemCode = (code: string, from?: string) => redeem(JSON.stringify({ code }), { from })

  it('refuses bodies of the wrong type, not JSON, of the wrong shape or too long, before trying a code, and caches none of it', async () => {
    const { code, board } = await boardWithCode()
    const from = '198.51.100.40'
    const right = JSON.stringify({ code })
    const tried: Array<[string, Promise<Response>, number]> = [
      ['no content type', redeem(right, { type: null, from }), 415],
      ['text/plain (a form on another site)', redeem(right, { type: 'text/plain', from }), 415],
      ['a form', redeem(`code=${code}`, { type: 'application/x-www-form-urlencoded', from }), 415],
      ['another JSON type', redeem(right, { type: 'application/merge-patch+json', from }), 415],
      ['not JSON', redeem(`{code: ${code}`, { from }), 400],
      ['JSON, not an object', redeem(JSON.stringify(code), { from }), 400],
      ['a number', redeem(JSON.stringify({ code: 42 }), { from }), 400],
      ['a list', redeem(JSON.stringify({ code: [code] }), { from }), 400],
      ['no code', redeem(JSON.stringify({ kode: code }), { from }), 400],
      ['a code longer than any', redeem(JSON.stringify({ code: code.repeat(6) }), { from }), 400],
      ['over 1 KB', redeem(JSON.stringify({ code, pad: 'x'.repeat(2000) }), { from }), 413],
      ['over 1 KB, with no length', redeem(streamOf(JSON.stringify({ code, pad: 'x'.repeat(64_000) })), { from }), 413],
    ]
    for (const [what, answer, status] of tried) {
      const response = await answer
      expect(response.status, what).toBe(status)
      expect(response.headers.get('cache-control'), what).toBe('no-store')
      expect(await response.text(), what).not.toContain(board.access.participant)
    }
    // None of them counted as a guess: the address still has its whole budget.
    for (let i = 0; i < joinMissesPerHour - 1; i++) expect((await redeemCode('ZZZZ-ZZZZ-ZZZZ', from)).status).toBe(404)
    // Its media type's case and parameters are the client's own.
    const spelled = await redeem(right, { type: 'Application/JSON; charset=UTF-8', from })
    expect(spelled.status).toBe(200)
    expect(spelled.headers.get('cache-control')).toBe('no-store')
    expect(JoinTarget.parse(await spelled.json()).token).toBe(board.access.participant)
  })

  it('reads a code as it is pasted from a handout, any case, dash or invisible hyphen (all kinds: joinCode.test.ts)', async () => {
    const { code, board } = await boardWithCode()
    const [a, b, c] = formatJoinCode(code).split('-')
    for (const typed of [`${a}–${b}–${c}`, `${a}\u00ad${b}\u00ad${c}`, ` ${a} ${b}\u00a0${c}\n`.toLowerCase()]) {
      const response = await redeemCode(typed, '198.51.100.41')
      expect(response.status, JSON.stringify(typed)).toBe(200)
      expect(JoinTarget.parse(await response.json()).token).toBe(board.access.participant)
    }
    // Percent-encoding is an address's: in the body it is no code (the join page decodes the fragment).
    expect((await redeemCode(`${a}%2D${b}%2D${c}`, '198.51.100.41')).status).toBe(404)
  })

  it('counts wrong guesses per subscriber network: a fresh IPv6 address each time is still the same /64', async () => {
    const { code } = await boardWithCode()
    const statuses: number[] = []
    for (let i = 1; i <= joinMissesPerHour + 5; i++) statuses.push((await redeemCode('ZZZZ-ZZZZ-ZZZZ', `2001:db8:63:5::${i.toString(16)}`)).status)
    expect(statuses.filter((s) => s === 404)).toHaveLength(joinMissesPerHour)
    expect(statuses.slice(joinMissesPerHour).every((s) => s === 429)).toBe(true)
    expect((await redeemCode(code, '2001:db8:63:5:aaaa::1')).status).toBe(429)
    // The next network's people are not held up by it.
    expect((await redeemCode(code, '2001:db8:63:6::1')).status).toBe(200)
  })

  it('counts wrong guesses behind a proxy that passes the client’s own X-Forwarded-For on by the address the proxy saw', async () => {
    const { code } = await boardWithCode()
    const through = (claimed: string, guess: string) =>
      redeem(JSON.stringify({ code: guess }), { headers: { 'x-forwarded-for': `${claimed}, 203.0.113.77` } })
    const statuses: number[] = []
    for (let i = 1; i <= joinMissesPerHour + 5; i++) statuses.push((await through(`192.0.2.${i}`, 'ZZZZ-ZZZZ-ZZZZ')).status)
    expect(statuses.filter((s) => s === 404)).toHaveLength(joinMissesPerHour)
    expect((await through('192.0.2.200', code)).status).toBe(429)
  })

  it('gives nothing for an expired code or a deleted board’s, and tells both apart from no code in nothing', async () => {
    const expired = await boardWithCode()
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (joinCodeLifetimeDays * 24 + 1) * 60 * 60_000 })
    const late = await redeemCode(expired.code, '198.51.100.42')
    vi.useRealTimers()
    expect(late.status).toBe(404)

    const deleted = await boardWithCode()
    expect((await apiFetch(relay, `/api/boards/${deleted.board.id}`, { method: 'DELETE' })).status).toBeLessThan(300)
    const gone = await redeemCode(deleted.code, '198.51.100.42')
    expect(gone.status).toBe(404)
    const never = await redeemCode('ZZZZ-ZZZZ-ZZZY', '198.51.100.42')
    expect(await late.text()).toBe(await never.clone().text())
    expect(await gone.text()).toBe(await never.text())
    for (const response of [late, gone, never]) expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('redeems a code in no address: not by GET, not in the path, not in a query', async () => {
    const { code, board } = await boardWithCode()
    for (const [method, path] of [
      ['GET', `${joinRedeemPath}?code=${code}`],
      ['GET', `${joinRedeemPath}/${code}`],
      ['POST', `${joinRedeemPath}/${code}`],
      ['POST', `${joinRedeemPath}?code=${code}`],
    ]) {
      const response = await relay.request(path, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) }).then(keep)
      expect(response.status, `${method} ${path}`).not.toBe(200)
      expect(await response.text()).not.toContain(board.access.participant)
    }
    // A page on another site gets no leave to send the JSON.
    const preflight = await relay.request(joinRedeemPath, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    }).then(keep)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('sends old /j/ links on to /j#<code> and nowhere else, whatever they carry', async () => {
    const { code } = await boardWithCode()
    const printed = formatJoinCode(code)
    const old = async (path: string, method = 'GET') => keep(await relay.request(path, { method, redirect: 'manual' }))
    for (const [path, method] of [
      [`/j/${printed}`, 'HEAD'],
      [`/j/${printed}?utm_source=flyer&token=x`, 'GET'],
      [`/j/${printed.replace(/-/g, '%2D')}`, 'GET'],
      [`/j/${printed.replace(/-/g, '%2d').toLowerCase()}`, 'GET'],
    ]) {
      const response = await old(path, method)
      expect(response.status, `${method} ${path}`).toBe(303)
      // As the link spelled it (the join page reads any case).
      expect(response.headers.get('location')?.replace(/#.*/, (fragment) => fragment.toUpperCase())).toBe(`/j#${printed}`)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(await response.text()).toBe('')
    }
    // A slash after the code (a mail program's or a link shortener's): the same link.
    const slashed = await old(`/j/${printed}/`)
    expect(slashed.status).toBe(303)
    expect(slashed.headers.get('location')).toBe(`/j#${printed}`)
    // A tail after it is no link of ours: not found, the code in nothing the relay says or logs (below).
    expect((await old(`/j/${printed}/extra`)).status).toBe(404)
    // What is no code leads to the join page, which says so, or to nothing: never to another address.
    for (const path of ['/j/%ZZ', `/j/${'A'.repeat(2000)}`, '/j/%2F%2Felsewhere.example']) {
      const response = await old(path)
      expect(response.status, path).toBe(303)
      expect(response.headers.get('location'), path).toMatch(/^\/j#[A-Za-z0-9%_.~-]*$/)
    }
    for (const path of ['/j//elsewhere.example', '/j/\\elsewhere.example', '/j/%0d%0aLocation:%20https:%2F%2Felsewhere.example']) {
      const response = await old(path)
      expect(response.headers.get('location') ?? '/j#', path).toMatch(/^\/j#[A-Za-z0-9%_.~-]*$/)
    }
  })

  it('writes no code into any answer, log line or audit row', () => {
    expect(codes.length).toBeGreaterThan(5)
    const said = [...answers, ...relay.logs, ...storedAudit(relay).map((row) => JSON.stringify(row))].map((text) => text.toUpperCase())
    for (const code of codes) {
      // Whole, printed, or two of its three groups together.
      const [a, b, c] = formatJoinCode(code).split('-')
      const forms = [code, formatJoinCode(code), a + b, b + c, `${a}-${b}`, `${b}-${c}`]
      for (const form of forms) expect(said.filter((text) => text.includes(form)), form).toEqual([])
    }
    // The request log was written, by route.
    expect(relay.logs.some((line) => line.includes('"route":"/j/:code"'))).toBe(true)
  })
})

/** A body sent in chunks, without a Content-Length. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.slice(at, at + 4096))
      controller.close()
    },
  })
}
