/**
 * A relay that others reach: HOST beyond loopback on plain HTTP with no proxy named says so at
 * start, and `/metrics` then answers only with METRICS_TOKEN; on a laptop's loopback it stays
 * open. Read from each relay's own log and its answers (relays in the test's process).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

const token = 'ein-metriken-token-0123456789'
const metrics = (relay: Relay, headers: Record<string, string> = {}) => fetch(`${relay.httpUrl}/metrics`, { headers })
const warnings = (relay: Relay) =>
  relay.logs.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string }
      return entry.level === 'warn' && entry.msg ? [entry.msg] : []
    } catch {
      return []
    }
  })

describe('a relay others reach', () => {
  // Relays of the file's own: the subject is each one's settings and its start log.
  const relays: Relay[] = []
  const start = async (env: Record<string, string>) => {
    const relay = await startRelay({ env: { LOG_LEVEL: 'info', ...env } })
    relays.push(relay)
    return relay
  }
  afterAll(async () => {
    for (const relay of relays) {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
  })

  it('warns at start on plain HTTP beyond loopback, and keeps /metrics shut without METRICS_TOKEN', async () => {
    const relay = await start({ HOST: '0.0.0.0' })
    const said = warnings(relay)
    expect(said.some((msg) => /^HOST=0\.0\.0\.0 serves plain HTTP beyond this machine.*PUBLIC_URL=https:\/\/.*TRUST_PROXY/.test(msg))).toBe(true)
    expect(said.some((msg) => /\/metrics answers 401 to everyone.*METRICS_TOKEN/.test(msg))).toBe(true)
    const refused = await metrics(relay)
    expect(refused.status).toBe(401)
    expect((await refused.json()).error).toMatch(/set METRICS_TOKEN/)
  })

  it('answers /metrics beyond loopback only with the token', async () => {
    const relay = await start({ HOST: '0.0.0.0', METRICS_TOKEN: token })
    expect(warnings(relay).some((msg) => msg.includes('/metrics'))).toBe(false)
    expect((await metrics(relay)).status).toBe(401)
    expect((await metrics(relay, { authorization: 'Bearer falsch-falsch-falsch' })).status).toBe(401)
    const answered = await metrics(relay, { authorization: `Bearer ${token}` })
    expect(answered.status).toBe(200)
    expect(await answered.text()).toMatch(/^netzwerkstatt_rooms /m)
  })

  it('says nothing behind an HTTPS proxy it was told of, and /metrics still needs the token there', async () => {
    const relay = await start({ HOST: '0.0.0.0', PUBLIC_URL: 'https://netzwerkstatt.example.org', TRUST_PROXY: '127.0.0.1' })
    expect(warnings(relay).some((msg) => msg.includes('plain HTTP'))).toBe(false)
    expect((await metrics(relay)).status).toBe(401)
  })

  it('stays quiet on a laptop’s loopback, where /metrics is open to this machine', async () => {
    const relay = await start({})
    expect(warnings(relay)).toEqual([])
    expect((await metrics(relay)).status).toBe(200)
  })

  it('keeps /metrics shut on loopback once a proxy passes requests on (TRUST_PROXY named, or a proxy header on the request)', async () => {
    // A same-host nginx in front of HOST=127.0.0.1 without PUBLIC_URL: the world reaches /metrics through it.
    const behindProxy = await start({ TRUST_PROXY: '127.0.0.1' })
    expect((await metrics(behindProxy)).status).toBe(401)
    expect(warnings(behindProxy).some((msg) => /\/metrics answers 401 to everyone/.test(msg))).toBe(true)
    const laptop = await start({})
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via']) {
      expect((await metrics(laptop, { [header]: header === 'forwarded' ? 'for=198.51.100.7' : '198.51.100.7' })).status, header).toBe(401)
    }
    expect((await metrics(laptop)).status).toBe(200)
  })
})
