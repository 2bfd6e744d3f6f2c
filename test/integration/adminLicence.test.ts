/**
 * `npm run admin -- licence`: what the operator learns about TLDRAW_LICENSE_KEY without starting
 * the relay, and the exit code a deployment check can rely on. Keys are signed with the test's own
 * key pair (TLDRAW_LICENSE_PUBLIC_KEY; `test/helpers/tldrawKeys.ts`), except the one that checks
 * the default: a key not signed by tldraw.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../helpers/admin.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { dayFrom, licenceFlags, testSigner } from '../helpers/tldrawKeys.ts'

describe('admin licence', () => {
  const signer = testSigner()
  const now = new Date()
  const dataDir = makeDataDir()
  afterAll(() => removeDataDir(dataDir))
  const licence = (key: string, extra: Record<string, string> = {}, ...args: string[]) =>
    runAdmin({ DATA_DIR: dataDir, TLDRAW_LICENSE_KEY: key, TLDRAW_LICENSE_PUBLIC_KEY: signer.publicKey, PUBLIC_URL: 'https://board.example.org', ...extra }, 'licence', ...args)

  it('says what the key is, when the canvas stops, and exits 0 while tldraw accepts it', async () => {
    const key = signer.key({ id: 'lic-42', hosts: ['board.example.org'], flags: licenceFlags.annual, expiry: dayFrom(now, 20) })
    const { code, stdout } = await licence(key)
    expect(code).toBe(0)
    expect(stdout).toContain(`annual key lic-42, dated ${dayFrom(now, 20)}, for board.example.org`)
    expect(stdout).toMatch(/tldraw accepts it at https:\/\/board\.example\.org; the canvas works until \d{4}-\d\d-\d\d \(5[01] days\)/)
    expect(stdout).not.toContain(key.split('.')[1])
    const json = JSON.parse((await licence(key, {}, '--json')).stdout)
    expect(json).toMatchObject({ publicUrl: 'https://board.example.org', reading: { state: 'read', kind: 'annual' }, verdict: { verdict: 'licensed' }, callsHome: false })
  })

  it('exits 1 on an expired key, one for another host and one tldraw did not sign', async () => {
    const expired = await licence(signer.key({ hosts: ['board.example.org'], flags: licenceFlags.evaluation, expiry: dayFrom(now, -1) }))
    expect(expired.code).toBe(1)
    expect(expired.stdout).toContain('tldraw REJECTS it at https://board.example.org (expired)')
    expect(expired.stdout).toContain('asks its CDN for a tracking image')
    const elsewhere = await licence(signer.key({ hosts: ['other.example.org'], flags: licenceFlags.annual, expiry: dayFrom(now, 200) }))
    expect(elsewhere.code).toBe(1)
    expect(elsewhere.stdout).toContain('(wrong-host)')
    const unsigned = await runAdmin({ DATA_DIR: dataDir, TLDRAW_LICENSE_KEY: signer.key({ hosts: ['*'], flags: licenceFlags.annual, expiry: dayFrom(now, 200) }), PUBLIC_URL: 'https://board.example.org' }, 'licence')
    expect(unsigned.code).toBe(1)
    expect(unsigned.stdout).toContain('not signed by tldraw')
  })

  it('refuses an unknown argument with exit 2', async () => {
    const { code, stderr } = await licence('', {}, '--jsn')
    expect(code).toBe(2)
    expect(stderr).toContain('licence [--json]')
  })
})
