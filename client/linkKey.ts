/**
 * The key of a link (the token after „#“ in `/b/<id>#<token>`, `/n/<id>#<token>`,
 * `/n/<id>/pack#<token>`) leaves the address bar as soon as the page has read it: this tab keeps it
 * in sessionStorage under the page it opens, and the address is replaced by one without it
 * (`history.replaceState`). So nothing that reads `location.href` later (tldraw's licence check
 * sends it to tldraw's CDN for some keys, error reports, a printed page's footer, a screenshot of
 * the address bar) nor the tab's history carries the key; a reload in this tab still finds it, and
 * a tab on another board keeps its own. The CSP (`server/http/clientApp.ts`) stays the second wall.
 *
 * A fragment that only names a network (`#n.<networkId>`, no secret: `shared/networkCredential.ts`)
 * stays in the address, so a copy of it still opens the board where this browser knows the network.
 */
import { useEffect } from 'react'
import { networkFromFragment } from '../shared/addresses.ts'
import { routeFor } from './routes.ts'

type Address = Pick<Location, 'pathname' | 'search' | 'hash'>
type Session = Pick<Storage, 'getItem' | 'setItem'>

const storageKey = (pathname: string) => `netzwerkstatt:link-key:${pathname.replace(/\/+$/, '')}`
/** Where sessionStorage is refused (a locked-down browser): this page still opens, a reload does not. */
const inMemory = new Map<string, string>()

/** Whether a key may arrive on this page: a board, a network's Fahrplan, a pack link. */
const takesKey = (pathname: string) => ['board', 'network', 'pack'].includes(routeFor(pathname).page)

/** Keeps the address's fragment for this tab and takes it out of the address (all but `#n.<id>`). */
export function takeLinkKey(address: Address, session: Session, replace: (url: string) => void): void {
  if (address.hash === '' || !takesKey(address.pathname)) return
  const key = storageKey(address.pathname)
  try {
    session.setItem(key, address.hash)
  } catch {
    // Storage refused: a copy in memory serves this page.
    inMemory.set(key, address.hash)
  }
  if (!networkFromFragment(address.hash)) replace(`${address.pathname}${address.search}`)
}

/** The fragment this tab's link to the page had (`#<token>`, `#n.<id>`), or '' if it had none. */
export function linkFragment(address: Pick<Address, 'pathname'>, session: Session): string {
  const key = storageKey(address.pathname)
  try {
    return session.getItem(key) ?? inMemory.get(key) ?? ''
  } catch {
    return inMemory.get(key) ?? ''
  }
}

const refused: Session = {
  getItem: () => {
    throw new Error('no sessionStorage')
  },
  setItem: () => {
    throw new Error('no sessionStorage')
  },
}
/** Even reading `window.sessionStorage` throws where storage is switched off. */
function tabStorage(): Session {
  try {
    return window.sessionStorage
  } catch {
    return refused
  }
}

const here = () => takeLinkKey(window.location, tabStorage(), (url) => history.replaceState(history.state, '', url))

/** The current page's link fragment, kept by `takeLinkKeyOnLoad`. */
export const pageLinkFragment = () => linkFragment(window.location, tabStorage())

/**
 * Another link pasted into this tab's address bar changes only the fragment (no new page): the
 * new key is kept and taken out as on load, then `onChange` gets the page's link fragment.
 */
export function onLinkKeyChange(onChange: (fragment: string) => void): () => void {
  const listener = () => {
    here()
    onChange(pageLinkFragment())
  }
  window.addEventListener('hashchange', listener)
  return () => window.removeEventListener('hashchange', listener)
}

/**
 * For a page that opens with a link's key: another link pasted into this tab opens the page anew
 * with it, also from a page that said the key was missing or refused.
 */
export function useOpenAnewOnNewLink(): void {
  useEffect(() => {
    const openedWith = pageLinkFragment()
    return onLinkKeyChange((fragment) => {
      if (fragment !== '' && fragment !== openedWith) window.location.reload()
    })
  }, [])
}

/**
 * Moves this page to another of the app's addresses without loading it anew (a join code's board):
 * a key in `url` is kept for the tab and leaves the address at once, as on load.
 */
export function replaceAddress(url: string): void {
  history.replaceState(null, '', url)
  here()
}

/** Called first thing on load (`main.tsx`), before any other module can read the address. */
export function takeLinkKeyOnLoad(): void {
  here()
  // Also before, or without, a page that listens (`useOpenAnewOnNewLink`): the key never stays.
  window.addEventListener('hashchange', here)
}
