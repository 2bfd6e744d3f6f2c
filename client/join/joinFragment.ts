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
