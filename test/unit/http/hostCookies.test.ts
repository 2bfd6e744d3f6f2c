/**
 * Cookie names under an https PUBLIC_URL: `__Host-` (Secure, Path=/, no Domain), so no other host
 * of the domain and no plain-http page can set or shadow them; plain names on http (a laptop). A
 * browser signed in before the switch keeps its sign-in, and loses the old cookie at sign-out.
 * Over the relay's app in this process, signed in with the creator password.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'
import { visitor } from '../../helpers/signedInVisitor.ts'
import { makeDataDir, removeDataDir } from '../../helpers/relay.ts'
import { quickPasswordHash } from '../../helpers/creatorCookie.ts'

const password = 'Netzwerk-Gründung 2026'

describe('sign-in cookies', () => {
  const relays: InProcessRelay[] = []
  const dataDirs: string[] = []
  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.close({ keepDataDir: true })
    for (const dir of dataDirs.splice(0)) removeDataDir(dir)
  })
  const start = async (publicUrl: string, dataDir: string) => {
    const relay = await inProcessRelay({
      dataDir,
      env: { LOG_LEVEL: 'warn', TRUST_PROXY: '127.0.0.1', CREATOR_PASSWORD_HASH: await quickPasswordHash(password), PUBLIC_URL: publicUrl },
    })
    relays.push(relay)
    return relay
  }
  const newDataDir = () => {
    const dir = makeDataDir()
    dataDirs.push(dir)
    return dir
  }

  it('carry the __Host- prefix under https, with Secure, Path=/ and no Domain', async () => {
    const relay = await start('https://netzwerkstatt.example.org', newDataDir())
    const creator = visitor(relay, '198.51.100.30')
    const signedIn = await creator.signIn(password)
    expect(signedIn.status).toBe(204)
    const set = signedIn.headers.getSetCookie().filter((line) => !/max-age=0/i.test(line))
    expect(set.map((line) => line.split('=')[0]).sort()).toEqual(['__Host-nws_creator', '__Host-nws_device'])
    for (const line of set) {
      expect(line).toMatch(/; Secure/)
      expect(line).toMatch(/; Path=\/(;|$)/)
      expect(line).not.toMatch(/Domain=/i)
    }
    expect(await creator.status()).toMatchObject({ mayCreate: true, session: { provider: false } })
  })

  it('stay plain on http, where a browser would refuse the prefix', async () => {
    const relay = await start('http://netzwerkstatt.test', newDataDir())
    const creator = visitor(relay, '198.51.100.31')
    expect((await creator.signIn(password)).status).toBe(204)
    expect([...creator.cookies.keys()].sort()).toEqual(['nws_creator', 'nws_device'])
  })

  it('keep a sign-in made before the server went https, and clear its old cookie at sign-out', async () => {
    const dataDir = newDataDir()
    const before = await start('http://netzwerkstatt.example.org', dataDir)
    const creator = visitor(before, '198.51.100.32')
    expect((await creator.signIn(password)).status).toBe(204)
    await before.close({ keepDataDir: true })

    const after = await start('https://netzwerkstatt.example.org', dataDir)
    const same = visitor(after, '198.51.100.32')
    same.cookies.set('nws_creator', creator.cookies.get('nws_creator')!)
    expect(await same.status()).toMatchObject({ mayCreate: true })
    const signedOut = await same.request('/api/auth/sign-out', { method: 'POST' })
    expect(signedOut.status).toBe(204)
    expect(signedOut.headers.getSetCookie().some((line) => /^nws_creator=;.*Max-Age=0/i.test(line))).toBe(true)
    expect(same.cookies.size).toBe(0)
    expect(await same.status()).toMatchObject({ mayCreate: false })
  })
})
