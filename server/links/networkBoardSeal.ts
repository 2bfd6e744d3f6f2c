/**
 * A board's facilitator token as its network keeps it, sealed under the network link's token
 * (`seal.ts`): what the network holds of the board. Apart from `networkSeal.ts`, which reads
 * roles, so that `access.ts` can check a network's hold without an import circle.
 */
import { seal, unseal } from '../base/seal.ts'

const sealInfo = 'netzwerkstatt-network-board'
const sealSalt = (networkId: string, boardId: string) => `${networkId}:${boardId}`

export const sealForNetwork = (networkToken: string, networkId: string, boardId: string, facilitatorToken: string) =>
  seal(networkToken, sealSalt(networkId, boardId), sealInfo, facilitatorToken)

/** The sealed token, if `networkToken` is the one it was sealed under; undefined otherwise. */
export function unsealForNetwork(networkToken: string, networkId: string, boardId: string, sealed: Uint8Array): string | undefined {
  try {
    return unseal(networkToken, sealSalt(networkId, boardId), sealInfo, sealed)
  } catch {
    return undefined
  }
}
