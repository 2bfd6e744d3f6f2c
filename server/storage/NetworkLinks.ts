/**
 * A network's links beyond its creation (`shared/networkCredential.ts`): the network link renewed
 * (its hash replaced, the boards' sealed facilitator tokens and the pack link sealed anew under the
 * new token, in one step), and the pack link: its hash, and its token sealed under the network
 * link's so that the coordinator can show it on any device. The database alone opens nothing.
 */

export interface ResealedBoard {
  boardId: string
  sealedToken: Uint8Array
}

export interface StoredPackLink {
  tokenHash: string
  /** The pack link's token, sealed under the network link's token. */
  sealedToken: Uint8Array
}

export interface NetworkLinks {
  /**
   * Replaces the network link's hash if it is still `oldHash` (two renewals at once: one wins),
   * with the boards' sealed tokens sealed under the new link; false if not replaced.
   */
  renewNetworkToken(networkId: string, oldHash: string, newHash: string, resealed: readonly ResealedBoard[], resealedPack?: Uint8Array): Promise<boolean>
  /** The board's facilitator token as the network keeps it, sealed anew (the facilitator link was renewed through the network). */
  resealNetworkBoard(networkId: string, boardId: string, sealedToken: Uint8Array): Promise<void>
  /** The network's pack link; undefined if none was made yet. */
  packLinkOf(networkId: string): Promise<StoredPackLink | undefined>
  /** Sets (or replaces) the pack link; false if the network is gone. */
  setPackLink(networkId: string, link: StoredPackLink): Promise<boolean>
}
