import { describe, expect, it } from 'vitest'
import { decideEditorGate, isTldrawDevelopmentHost, warnsOfLicenceEnd } from '../../client/licenceGate.ts'
import { licenceTexts } from '../../client/licenceTexts.ts'
import type { LicenceReading } from '../../shared/tldrawLicence.ts'

const at = (url: string) => {
  const { protocol, hostname } = new URL(url)
  return { protocol, hostname }
}
const now = new Date('2026-11-26T11:00:00Z')
const read = (expiry: string, hosts = ['board.example.org']): LicenceReading => ({ state: 'read', id: 'x', kind: 'annual', hosts, expiry, watermark: false, native: false })
const config = (tldrawLicence: LicenceReading, key: string | null = 'tldraw-/abc.def') => ({ tldrawLicenseKey: key, tldrawLicence })

describe('licence gate', () => {
  it('mounts tldraw without a key where tldraw itself counts as development', () => {
    for (const url of [
      'http://192.168.1.20:8787/b/x',
      'http://whiteboard.lan/',
      'http://localhost:8787/',
      'https://localhost/',
      'https://127.0.0.1:8443/',
      'https://[::1]/',
    ]) {
      expect(decideEditorGate(at(url), config({ state: 'none' }, null), now), url).toMatchObject({ mount: true })
    }
  })

  it('refuses to mount tldraw on public https without a key', () => {
    for (const url of ['https://board.example.org/', 'https://192.168.1.20/', 'https://app.localhost/']) {
      expect(decideEditorGate(at(url), config({ state: 'none' }, null), now), url).toMatchObject({ mount: false, reason: 'missing' })
      expect(decideEditorGate(at(url), config({ state: 'none' }, '  '), now), url).toMatchObject({ mount: false })
    }
  })

  it('mounts tldraw on public https with a key the relay read as valid there', () => {
    expect(decideEditorGate(at('https://board.example.org/'), config(read('2027-06-01')), now)).toMatchObject({ mount: true, verdict: { verdict: 'licensed' } })
  })

  it('does not mount tldraw with a key tldraw would reject, and says why', () => {
    expect(decideEditorGate(at('https://board.example.org/'), config(read('2026-09-01')), now)).toMatchObject({ mount: false, reason: 'expired' })
    expect(decideEditorGate(at('https://other.example.org/'), config(read('2027-06-01')), now)).toMatchObject({ mount: false, reason: 'wrong-host' })
    expect(decideEditorGate(at('https://board.example.org/'), config({ state: 'unreadable', problem: 'signature' }), now)).toMatchObject({ mount: false, reason: 'not-signed' })
    expect(decideEditorGate(at('http://localhost:8787/'), config(read('2026-09-01')), now)).toMatchObject({ mount: false, reason: 'expired' })
  })

  it('mounts with a key a config cached before the relay read keys carries, and leaves it to the run-time watch', () => {
    expect(decideEditorGate(at('https://board.example.org/'), { tldrawLicenseKey: 'tldraw-/abc.def' }, now)).toMatchObject({ mount: true })
  })

  it('treats *.localhost as production even over http, like tldraw in a production build', () => {
    expect(isTldrawDevelopmentHost(at('http://tauri.localhost/'))).toBe(false)
    expect(isTldrawDevelopmentHost(at('http://localhost/'))).toBe(true)
  })

  it('warns the facilitator at her own screen that the canvas stops soon, and nobody else', () => {
    // The warning itself, on a facilitator's page: test/browser/tldrawLicence.test.ts.
    expect(warnsOfLicenceEnd('facilitator', false)).toBe(true)
    expect(warnsOfLicenceEnd('participant', false), 'a participant').toBe(false)
    expect(warnsOfLicenceEnd('observer', false), 'the read-only link').toBe(false)
    expect(warnsOfLicenceEnd('facilitator', true), 'the wall (?beamer=1)').toBe(false)
  })
})

describe('licence texts', () => {
  // The English page names both hosts in Chromium (test/browser/tldrawLicence.test.ts); the German words here.
  it('names the host the key is for and the address it was opened at, in German too', () => {
    const facts = { expiry: '', hosts: 'netzwerkstatt.localhost', host: 'andere.localhost' }
    expect(licenceTexts.de.why['wrong-host'](facts)).toContain('gilt für netzwerkstatt.localhost, nicht für diese Adresse (andere.localhost)')
    expect(licenceTexts.en.why['wrong-host'](facts)).toContain('is for netzwerkstatt.localhost, not for this address (andere.localhost)')
  })
})
