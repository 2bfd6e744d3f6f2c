import { describe, expect, it } from 'vitest'
import { linkFragment, takeLinkKey } from '../../client/linkKey.ts'

const token = 'A'.repeat(16) + 'b_-'.padEnd(16, 'c')
const networkId = 'N'.repeat(22)

/** One tab's sessionStorage. */
function tab() {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items }
}

function open(href: string, session = tab()) {
  const url = new URL(href, 'https://board.example.org')
  const replaced: string[] = []
  takeLinkKey(url, session, (next) => replaced.push(next))
  return { session, replaced, fragment: () => linkFragment(url, session) }
}

describe('the link key leaves the address', () => {
  it('takes the key out of board, network and pack addresses and keeps it for the page', () => {
    for (const path of ['/b/abcdefghijklmnopqrstuv', '/n/' + networkId, `/n/${networkId}/pack`]) {
      const page = open(`${path}?ansicht=beitragen#${token}`)
      expect(page.replaced, path).toEqual([`${path}?ansicht=beitragen`])
      expect(page.fragment(), path).toBe(`#${token}`)
      expect(JSON.stringify([...page.session.items])).not.toContain(path + '#')
    }
  })

  it('finds the key again on a reload of the cleaned address in the same tab', () => {
    const first = open(`/b/abcdefghijklmnopqrstuv#${token}`)
    const reload = open('/b/abcdefghijklmnopqrstuv', first.session)
    expect(reload.replaced).toEqual([])
    expect(reload.fragment()).toBe(`#${token}`)
  })

  it('keeps each board of a tab apart, and a new tab knows none', () => {
    const session = tab()
    open(`/b/abcdefghijklmnopqrstuv#${token}`, session)
    const other = open(`/b/mnopqrstuvwxyzABCDEFGH#${'Z'.repeat(32)}`, session)
    expect(other.fragment()).toBe(`#${'Z'.repeat(32)}`)
    expect(linkFragment({ pathname: '/b/abcdefghijklmnopqrstuv/' }, session)).toBe(`#${token}`)
    expect(open('/b/abcdefghijklmnopqrstuv').fragment()).toBe('')
  })

  it('leaves a fragment that only names a network in the address', () => {
    const page = open(`/b/abcdefghijklmnopqrstuv#n.${networkId}`)
    expect(page.replaced).toEqual([])
    expect(page.fragment()).toBe(`#n.${networkId}`)
  })

  it('touches nothing on pages no key arrives at', () => {
    expect(open(`/#${token}`).replaced).toEqual([])
    expect(open(`/j/ABCD-1234#${token}`).replaced).toEqual([])
  })

  it('still opens the page when the tab refuses storage', () => {
    const refusing = { getItem: () => { throw new Error('denied') }, setItem: () => { throw new Error('denied') } }
    const url = new URL(`https://board.example.org/b/abcdefghijklmnopqrstuv#${token}`)
    const replaced: string[] = []
    takeLinkKey(url, refusing, (next) => replaced.push(next))
    expect(replaced).toEqual(['/b/abcdefghijklmnopqrstuv'])
    expect(linkFragment(url, refusing)).toBe(`#${token}`)
  })
})
