/**
 * A board in a frame on another site (docs/embedding.md), the parts without a browser: memory
 * stands in for storage the browser refuses (`client/storageStandIn.ts`; Chromium refuses a
 * third-party frame all of it, and even reading `window.localStorage` throws), and the name an
 * Element widget's link proposes leaves the address with the key (`client/proposedName.ts`).
 * (The frame itself, in Chromium on a second site: test/browser/embedded.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import { takeLinkKey, linkFragment } from '../../client/linkKey.ts'
import { proposedName, takeProposedName } from '../../client/proposedName.ts'
import { MemoryStorage, standInForRefusedStorage } from '../../client/storageStandIn.ts'

/** A window of a frame on another site: both storages throw on reading, as in Chromium. */
function refusingWindow() {
  const target = {}
  for (const name of ['localStorage', 'sessionStorage']) {
    Object.defineProperty(target, name, {
      configurable: true,
      get() {
        throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError')
      },
    })
  }
  return target as { localStorage: Storage; sessionStorage: Storage }
}

describe('storage a frame on another site may not use', () => {
  it('is stood in for by memory, which works as a Storage for the page', () => {
    const frame = refusingWindow()
    expect(() => frame.localStorage).toThrow()
    expect(standInForRefusedStorage(frame)).toEqual(['localStorage', 'sessionStorage'])
    frame.localStorage.setItem('netzwerkstatt:name', 'chosen')
    frame.localStorage.setItem('netzwerkstatt:ansicht', 'tafel')
    expect(frame.localStorage.getItem('netzwerkstatt:name')).toBe('chosen')
    expect(frame.localStorage.length).toBe(2)
    frame.localStorage.removeItem('netzwerkstatt:ansicht')
    expect(frame.localStorage.key(0)).toBe('netzwerkstatt:name')
    expect(frame.localStorage.getItem('netzwerkstatt:ansicht')).toBeNull()
    // Each storage its own: the tab's keys are not the browser's.
    expect(frame.sessionStorage.getItem('netzwerkstatt:name')).toBeNull()
  })

  it('is left alone where the page may read it, also when it is full (what it holds stays readable)', () => {
    const full = new MemoryStorage()
    full.setItem('netzwerkstatt:boards', '[{"id":"abc"}]')
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError')
    }
    const own = { localStorage: full, sessionStorage: new MemoryStorage() }
    expect(standInForRefusedStorage(own)).toEqual([])
    expect(own.localStorage).toBe(full)
    expect(own.localStorage.getItem('netzwerkstatt:boards')).toBe('[{"id":"abc"}]')
  })
})

describe('the name an Element widget proposes', () => {
  const take = (href: string) => {
    const url = new URL(href, 'https://board.example.org')
    const replaced: string[] = []
    const name = takeProposedName(url, (next) => replaced.push(next))
    return { name, replaced }
  }

  it('is kept for the name prompt and leaves the address, the key with it and Element’s own parameters after it', () => {
    const token = 'A'.repeat(32)
    // Element's template `…?name=$matrix_display_name#…`, filled in and given its widgetId.
    const { name, replaced } = take(`/b/abcdefghijklmnopqrstuv?name=Ronja%20Berger%20(Jugendamt)&widgetId=w1#${token}`)
    expect(name).toBe('Ronja Berger (Jugendamt)')
    expect(proposedName()).toBe('Ronja Berger (Jugendamt)')
    expect(replaced).toEqual([`/b/abcdefghijklmnopqrstuv?widgetId=w1#${token}`])
    // Then the key goes, as on every load (addressWithoutKey.ts takes both in this order).
    const session = new Map<string, string>()
    const cleaned: string[] = []
    const next = new URL(replaced[0]!, 'https://board.example.org')
    takeLinkKey(next, { getItem: (k) => session.get(k) ?? null, setItem: (k, v) => void session.set(k, v) }, (url) => cleaned.push(url))
    expect(cleaned).toEqual(['/b/abcdefghijklmnopqrstuv?widgetId=w1'])
    expect(linkFragment(next, { getItem: (k) => session.get(k) ?? null, setItem: () => {} })).toBe(`#${token}`)
  })

  it('proposes nothing for Element’s unfilled placeholder or an empty name, and still leaves the address', () => {
    expect(take('/b/abcdefghijklmnopqrstuv?name=%24matrix_display_name')).toEqual({ name: undefined, replaced: ['/b/abcdefghijklmnopqrstuv'] })
    expect(take('/b/abcdefghijklmnopqrstuv?ansicht=beitragen&name=%20')).toEqual({ name: undefined, replaced: ['/b/abcdefghijklmnopqrstuv?ansicht=beitragen'] })
    expect(take('/b/abcdefghijklmnopqrstuv?ansicht=beitragen')).toEqual({ name: undefined, replaced: [] })
  })
})
