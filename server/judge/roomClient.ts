/** A connection as a room sees it (`Room.ts`), below the room and what it calls. */
import type { Role } from '../../shared/access.ts'
import { addressGroup } from '../limits/addressGroup.ts'

/** What the room needs of a client connection. */
export interface RoomClient {
  readonly id: number
  readonly role: Role
  /** The link the client connected with; awareness ids stay with the link and browser that first held them. */
  readonly link: string
  /** The browser's author id on this board, or null (`shared/author.ts`). */
  readonly author: string | null
  /** Where it connects from, if known here: refusals and sync answers are counted by it. */
  readonly address?: string
  /** Awareness client ids this client holds; removed for everyone when it leaves. */
  readonly awarenessClientIds: Set<number>
  /** Asked for presence patches and culling by viewport (`presenceFanOut.ts`). */
  readonly presencePatches?: boolean
  /** The sign-in's name on a board that requires sign-in: others see this one, whatever the client says. */
  readonly signedInName?: string
  readonly isOpen: boolean
  /** `answer`: a sync answer to this client alone, which its socket may deflate (`Connection.ts`). */
  send(message: Uint8Array, answer?: boolean): void
  close(code: number, reason: string): void
}

/**
 * Whose share a client takes of what a room counts per address (awareness bytes, refusals, new
 * writers): its address's group (`addressGroup.ts`: an IPv6 address by its /64, as every
 * per-address limit counts it); served through another relay process, where its address stays,
 * `served`'s key instead.
 */
export const addressShare = (client: Pick<RoomClient, 'address'>, served: string): string =>
  client.address ? addressGroup(client.address) : served
