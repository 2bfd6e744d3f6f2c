/**
 * The join screen's address from the relay's answer (`client/join/joinLink.ts`): PUBLIC_URL or the
 * LAN address where the relay names one (which it does: test/integration/sharedLinks.test.ts), the
 * page's own origin otherwise; the QR code holds the whole URL, the short link host and path; a
 * warning where only this computer reaches it. The screen itself: test/browser/join.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { joinLink } from '../../client/join/joinLink.ts'
import { takeJoinFragment, watchJoinFragment } from '../../client/join/joinFragment.ts'

const page = 'http://localhost:8787'

describe('the join screen’s address', () => {
  it('is PUBLIC_URL when the relay names it, with no warning', () => {
    expect(joinLink('6KYGVPWQXC31', { origin: 'https://board.example.org', reach: 'public' }, 'http://127.0.0.1:8787')).toEqual({
      href: 'https://board.example.org/j#6KYG-VPWQ-XC31',
      host: 'board.example.org',
      path: '/j#6KYG-VPWQ-XC31',
      short: 'board.example.org/j#6KYG-VPWQ-XC31',
      reach: null,
    })
  })

  it('is the LAN address for a page opened as localhost, saying the room’s network reaches it', () => {
    const link = joinLink('6KYGVPWQXC31', { origin: 'http://192.168.178.23:8787', reach: 'network' }, page)
    expect(link.short).toBe('192.168.178.23:8787/j#6KYG-VPWQ-XC31')
    expect(link.href).toBe(`http://${link.short}`)
    expect(link.reach).toBe('network')
  })

  it('is the page’s own address where the relay names none, with a warning when only this computer reaches it', () => {
    expect(joinLink('6KYGVPWQXC31', { origin: null, reach: 'this-computer' }, page)).toMatchObject({ short: 'localhost:8787/j#6KYG-VPWQ-XC31', reach: 'local-only' })
    expect(joinLink('6KYGVPWQXC31', null, page)).toMatchObject({ href: 'http://localhost:8787/j#6KYG-VPWQ-XC31', reach: null })
  })
})

describe('a join link opened', () => {
  it('gives the page its code and takes it out of the address at once', () => {
    const replaced: string[] = []
    const code = takeJoinFragment({ pathname: '/j', search: '', hash: '#6KYG-VPWQ-XC31' }, (url) => replaced.push(url))
    expect(code).toBe('6KYG-VPWQ-XC31')
    expect(replaced).toEqual(['/j'])
    // The renders after it, the address now without the code, still have it.
    expect(takeJoinFragment({ pathname: '/j', search: '', hash: '' }, (url) => replaced.push(url))).toBe('6KYG-VPWQ-XC31')
    expect(replaced).toEqual(['/j'])
  })

  it('gives the open page each code typed or pasted into the address bar, or scanned into this tab, and takes it out again', () => {
    const tab = Object.assign(new EventTarget(), { location: { pathname: '/j', search: '', hash: '' } })
    const replaced: string[] = []
    const codes: string[] = []
    const arrive = (hash: string) => {
      tab.location.hash = hash
      tab.dispatchEvent(new Event('hashchange'))
    }
    const stop = watchJoinFragment(tab, (url) => {
      replaced.push(url)
      tab.location.hash = ''
    }, (code) => codes.push(code))
    arrive('#K7QF-M2XA-P9TD')
    // The same code once more (after "unknown" or "unreachable"): tried again.
    arrive('#K7QF-M2XA-P9TD')
    arrive('#6kyg%20vpwq%20xc31')
    expect(codes).toEqual(['K7QF-M2XA-P9TD', 'K7QF-M2XA-P9TD', '6kyg vpwq xc31'])
    expect(replaced).toEqual(['/j', '/j', '/j'])
    // Taking the fragment out is a change too, with nothing in it: no code.
    tab.dispatchEvent(new Event('hashchange'))
    expect(codes).toHaveLength(3)
    // Gone from the page (it moved on to the board): no more.
    stop()
    arrive('#ZZZZ-ZZZZ-ZZZZ')
    expect(codes).toHaveLength(3)
  })
})
