/**
 * The shapes of board and network addresses, links and credentials, without zod: the client's
 * entry reads its route and link key with these before any page runs, and zod stays off a phone's
 * first load (test/integration/phoneFirstLoad.test.ts). `access.ts` and `networkCredential.ts`
 * re-export them.
 */

/** Board ids are 22 characters of base64url (128 random bits). */
export const boardIdPattern = /^[A-Za-z0-9_-]{22}$/

/** Network ids look like board ids: 22 characters of base64url (128 random bits). */
export const networkIdPattern = boardIdPattern

/** The network a board page's fragment names (`#n.<networkId>`), if it names one. */
export function networkFromFragment(hash: string): string | undefined {
  const match = /^#?n\.([A-Za-z0-9_-]{22})$/.exec(hash)
  return match?.[1]
}

export const boardPath = (id: string) => `/b/${id}`
/** A board's capability link: the token in the fragment. */
export const boardLink = (boardId: string, token: string) => `${boardPath(boardId)}#${token}`

/** 24 random bytes (192 bits), base64url. */
export const tokenPattern = /^[A-Za-z0-9_-]{32}$/
export const tokenQueryParam = 'token'

/** The token in a board URL's fragment (`#<token>`), if it looks like one. */
export function tokenFromFragment(hash: string): string | undefined {
  const token = hash.replace(/^#/, '')
  return tokenPattern.test(token) ? token : undefined
}

/** A network id (22 characters), a dot, the network link's token: never a board token (no dot in those). */
export const networkCredentialPattern = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/

export const networkCredential = (networkId: string, token: string) => `${networkId}.${token}`

export function parseNetworkCredential(text: string | undefined): { networkId: string; token: string } | undefined {
  const match = networkCredentialPattern.exec(text ?? '')
  return match ? { networkId: match[1]!, token: match[2]! } : undefined
}
