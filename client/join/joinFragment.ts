/**
 * The code of a join link (`/j#<code>`, `shared/joinCode.ts` joinPath): it comes in the fragment,
 * which the browser sends to no server, and leaves the address as soon as the page has read it, so
 * neither the tab's history nor a screenshot of the address bar keeps it.
 */
type Address = Pick<Location, 'pathname' | 'search' | 'hash'>

/** What this page read, for the renders after the address lost it. */
let taken = ''

/** The code in the address's fragment ('' if none), taken out of the address at once. */
export function takeJoinFragment(address: Address, replace: (url: string) => void): string {
  if (address.hash.length > 1) {
    try {
      taken = decodeURIComponent(address.hash.slice(1))
    } catch {
      // Not even percent-decodable: the join page refuses it as no code.
      taken = address.hash.slice(1)
    }
    replace(`${address.pathname}${address.search}`)
  }
  return taken
}

/**
 * Calls `arrived` with each code that comes in the fragment while the join page is open (typed or
 * pasted into the address bar, or a second scan opening this tab: a change of the fragment alone
 * loads no page), taking it out of the address as on load. Returns the stop.
 */
export function watchJoinFragment(
  tab: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { location: Address },
  replace: (url: string) => void,
  arrived: (code: string) => void,
): () => void {
  const changed = () => {
    // Taking a code out changes the fragment too (in some browsers an event of its own): nothing new then.
    if (tab.location.hash.length > 1) arrived(takeJoinFragment(tab.location, replace))
  }
  tab.addEventListener('hashchange', changed)
  return () => tab.removeEventListener('hashchange', changed)
}
