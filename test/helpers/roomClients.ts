/** A room client for unit tests: records what the room sends, instead of wrapping a socket. */
import type { Role } from '../../shared/access.ts'
import type { RoomClient } from '../../server/room/Room.ts'

export class RecordingConnection implements RoomClient {
  readonly awarenessClientIds = new Set<number>()
  readonly sent: Uint8Array[] = []
  closedWith: number | null = null
  closedBecause: string | null = null
  constructor(
    readonly id: number,
    readonly role: Role = 'participant',
    readonly link: string = role,
    readonly author: string | null = null,
    readonly address = '',
  ) {}
  get isOpen() {
    return this.closedWith === null
  }
  send(message: Uint8Array) {
    this.sent.push(message)
  }
  close(code: number, reason: string) {
    if (this.closedWith !== null) return
    this.closedWith = code
    this.closedBecause = reason
  }
}

