import { describe, expect, it } from 'vitest'
import { decideEditorGate, isTldrawDevelopmentHost } from '../../client/licenceGate.ts'

const at = (url: string) => {
  const { protocol, hostname } = new URL(url)
  return { protocol, hostname }
}

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
      expect(decideEditorGate(at(url), null), url).toEqual({ mount: true })
    }
  })

  it('refuses to mount tldraw on public https without a key', () => {
    for (const url of ['https://board.example.org/', 'https://192.168.1.20/', 'https://app.localhost/']) {
      expect(decideEditorGate(at(url), null), url).toEqual({ mount: false, reason: 'licence-key-required' })
      expect(decideEditorGate(at(url), '  '), url).toMatchObject({ mount: false })
    }
  })

  it('mounts tldraw on public https when the server has a key', () => {
    expect(decideEditorGate(at('https://board.example.org/'), 'tldraw-abc.def')).toEqual({ mount: true })
  })

  it('treats *.localhost as production even over http, like tldraw in a production build', () => {
    expect(isTldrawDevelopmentHost(at('http://tauri.localhost/'))).toBe(false)
    expect(isTldrawDevelopmentHost(at('http://localhost/'))).toBe(true)
  })
})
