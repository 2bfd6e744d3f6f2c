/**
 * A client's place on a board: what it sends goes to the board's room, whether that room is in
 * this process or in the relay process that holds the board (`cluster/Cluster.ts`).
 */
import type { Room, RoomClient } from './Room.ts'
import type { Rooms } from './Rooms.ts'

export interface BoardSession {
  receive(frame: Uint8Array): void
  leave(): void
}

export const roomSession = (rooms: Rooms, room: Room, client: RoomClient): BoardSession => ({
  receive: (frame) => room.receive(client, frame),
  leave: () => rooms.leave(room, client),
})

/**
 * Frames that come while the board is being opened wait here, up to `maxWaitingBytes`, and are
 * handled in order once the session is there. A client that leaves meanwhile leaves at once
 * when it arrives.
 */
export class PendingSession {
  private session: BoardSession | null = null
  private waiting: Uint8Array[] = []
  private waitingBytes = 0
  private left = false

  constructor(
    private readonly maxWaitingBytes: number,
    private readonly handlers: { tooMuchWaiting(bytes: number): void; failed(error: unknown): void },
  ) {}

  join(session: BoardSession): void {
    if (this.left) return session.leave()
    this.session = session
    for (const frame of this.waiting.splice(0)) this.deliver(frame)
  }

  receive(frame: Uint8Array): void {
    if (this.session) return this.deliver(frame)
    if (this.left) return
    this.waitingBytes += frame.byteLength
    if (this.waitingBytes > this.maxWaitingBytes) return this.handlers.tooMuchWaiting(this.waitingBytes)
    this.waiting.push(frame)
  }

  leave(): void {
    if (this.left) return
    this.left = true
    this.waiting = []
    this.session?.leave()
  }

  private deliver(frame: Uint8Array): void {
    try {
      this.session!.receive(frame)
    } catch (error) {
      // The room handles its own failures; this keeps anything else from ending the process.
      this.handlers.failed(error)
    }
  }
}
