/**
 * A name the link proposes for the person (`?name=`): an Element widget's URL carries Element's
 * `$matrix_display_name` there (docs/embedding.md), so the head of department in a Matrix room is
 * asked "Wie heißen Sie?" with her name already filled in. Only proposed, never taken unasked: a
 * link with a name passed on to others would name them all. It leaves the address on load, as
 * the link's key does (`linkKey.ts`): a person's name is not for whatever reads `location.href`
 * later, and with the name gone the address keeps the search it had.
 */
export const proposedNameParam = 'name'
const maxLength = 60

type Address = Pick<Location, 'pathname' | 'search' | 'hash'>

let proposed: string | undefined

/** Keeps the address's proposed name for this page (and returns it) and takes it out of the address. */
export function takeProposedName(address: Address, replace: (url: string) => void): string | undefined {
  const params = new URLSearchParams(address.search)
  if (!params.has(proposedNameParam)) return undefined
  const name = (params.get(proposedNameParam) ?? '').trim().slice(0, maxLength)
  params.delete(proposedNameParam)
  const rest = params.toString()
  replace(`${address.pathname}${rest ? `?${rest}` : ''}${address.hash}`)
  // An Element that did not fill in its template sends the placeholder itself.
  if (!name || name.startsWith('$')) return undefined
  proposed = name
  return name
}

/** The name this page's link proposed, if any. */
export const proposedName = (): string | undefined => proposed
