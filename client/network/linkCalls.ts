/** The network's links from the page (`shared/networkCredential.ts`): renewed with the network link, as `Authorization: Bearer`. */
import { networkLinkRenewPath, packLinkApiPath, PackLinkView, RenewedNetworkLink } from '../../shared/networkCredential.ts'
import { call } from '../api.ts'

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

export async function renewNetworkLink(id: string, token: string): Promise<RenewedNetworkLink> {
  return RenewedNetworkLink.parse(await call(networkLinkRenewPath(encodeURIComponent(id)), { method: 'POST', headers: bearer(token) }))
}

export async function fetchPackLink(id: string, token: string): Promise<PackLinkView> {
  return PackLinkView.parse(await call(packLinkApiPath(encodeURIComponent(id)), { headers: bearer(token), cache: 'no-store' }))
}

/** Makes the pack link, or renews it: the old one downloads nothing from then on. */
export async function renewPackLink(id: string, token: string): Promise<PackLinkView> {
  return PackLinkView.parse(await call(packLinkApiPath(encodeURIComponent(id)), { method: 'POST', headers: bearer(token) }))
}
