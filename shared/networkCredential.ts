/**
 * How a network's links open what they may (`networkApi.ts` says why the network opens its boards
 * this way). Two kinds of network link, each a 32-character token of its own:
 * - the network link (`/n/<id>#<token>`), the coordinator's: opens the Fahrplan and, presented as
 *   a *network credential* `<networkId>.<token>` in place of a board token, every board of the
 *   network as its facilitator, internal boards included;
 * - the pack link (`/n/<id>/pack#<token>`), the Steuerungsgruppe's: downloads the released pack
 *   (`GET /api/networks/:id/pack`) and nothing else.
 * The Fahrplan opens a board as `/b/<board>#n.<networkId>`: no secret in it, so a copied address
 * opens nothing; the board page takes the network link this browser keeps (`knownNetworks.ts`).
 */
import { z } from 'zod'
import { boardPath, networkCredentialPattern, tokenPattern } from './addresses.ts'

// The credential's shape is zod-free in `addresses.ts`, for a phone's list; re-exported here.
export { networkFromFragment, networkIdPattern, networkCredentialPattern, networkCredential, parseNetworkCredential } from './addresses.ts'

/** A board opened from the Fahrplan: the fragment names the network, never a token. */
export const networkBoardHref = (boardId: string, networkId: string) => `${boardPath(boardId)}#n.${networkId}`

export const packLinkPath = (networkId: string) => `/n/${networkId}/pack`
export const packLink = (networkId: string, token: string) => `${packLinkPath(networkId)}#${token}`

/** `POST /api/networks/:id/link` (network link): a fresh network link; the old one opens nothing from now on. */
export const networkLinkRenewPath = (networkId: string) => `/api/networks/${networkId}/link`
/** `GET` (network link): the current pack link, made on first asking; `POST`: a fresh one, the old refused from now on. */
export const packLinkApiPath = (networkId: string) => `/api/networks/${networkId}/pack-link`

export const isBoardOrNetworkToken = (text: string) => tokenPattern.test(text) || networkCredentialPattern.test(text)

/** `POST /api/networks/:id/link`: the new network link, readable this once (and by whoever holds it). */
export const RenewedNetworkLink = z.object({ token: z.string(), link: z.string() })
export type RenewedNetworkLink = z.infer<typeof RenewedNetworkLink>

/** `GET`/`POST /api/networks/:id/pack-link`: the pack link, or none made yet. */
export const PackLinkView = z.object({ token: z.string().nullable(), link: z.string().nullable() })
export type PackLinkView = z.infer<typeof PackLinkView>
