/**
 * The board's facilitator token as a network keeps it, sealed under the network link's token
 * (`seal.ts`). It no longer opens anything (a network credential does, `access.ts`): it is the
 * proof that the board's facilitator put the board into the network, and lets the network's
 * holder read the board's participant and read-only links kept for facilitators (`keptLinks.ts`)
 * while it is the board's current facilitator link.
 */
import { parseNetworkCredential } from '../../shared/networkCredential.ts'
import { roleForToken, type LinkStorage } from './access.ts'
import { unsealForNetwork } from './networkBoardSeal.ts'

export { sealForNetwork, unsealForNetwork } from './networkBoardSeal.ts'

/**
 * The secret the board's kept links are sealed under, for a caller already checked as the board's
 * facilitator: its own token, or for a network credential the facilitator token the network keeps,
 * while it is the current one; undefined when the network's copy is older (renewed since).
 */
export async function facilitatorSecret(storage: LinkStorage, boardId: string, token: string): Promise<string | undefined> {
  const network = parseNetworkCredential(token)
  if (!network) return token
  const record = await storage.networkBoard(network.networkId, boardId)
  const kept = record && unsealForNetwork(network.token, network.networkId, boardId, record.sealedToken)
  return kept && (await roleForToken(storage, boardId, kept)) === 'facilitator' ? kept : undefined
}
