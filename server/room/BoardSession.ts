/**
 * A client's place on a board: what it sends goes to the board's room, whether that room is in
 * this process or in the relay process that holds the board (`cluster/Cluster.ts`).
 */
import type { Room, RoomClient } from './Room.ts'
import type { Rooms } from './Rooms.ts'
import type { EarlyAsker } from './earlyAnswers.ts'

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
 * when it arrives. With `early`, the client's first frame, a request for the board, may be
 * answered before (`earlyAnswers.ts`): when it comes, or once the board is readable.
 */
export class PendingSession {
  private session: BoardSession | null = null
  private waiting: Uint8Array[] = []
  private waitingBytes = 0
  private left = false
  private received = 0
  /** The client's first frame, while it waits unanswered at the head of `waiting`. */
  private first: Uint8Array | null = null
  private readonly unwatch: () => void

  constructor(
    private readonly maxWaitingBytes: number,
    private readonly handlers: { tooMuchWaiting(bytes: number): void; failed(error: unknown): void },
    private readonly early?: EarlyAsker,
  ) {
    this.unwatch = early?.watch(() => this.answerFirst()) ?? (() => {})
  }

  join(session: BoardSession): void {
    this.unwatch()
    this.first = null
    if (this.left) return session.leave()
    this.session = session
    for (const frame of this.waiting.splice(0)) this.deliver(frame)
  }

  receive(frame: Uint8Array): void {
    if (this.session) return this.deliver(frame)
    if (this.left) return
    if (this.received++ === 0 && this.early?.answer(frame)) return this.unwatch()
    this.waitingBytes += frame.byteLength
    if (this.waitingBytes > this.maxWaitingBytes) return this.handlers.tooMuchWaiting(this.waitingBytes)
    if (this.received === 1) this.first = frame
    this.waiting.push(frame)
  }

  leave(): void {
    this.unwatch()
    if (this.left) return
    this.left = true
    this.waiting = []
    this.first = null
    this.session?.leave()
  }

  /** The board became readable: the first frame, if it still waits, may be answered now. */
  private answerFirst(): void {
    const first = this.first
    if (!first || this.session || this.left || this.waiting[0] !== first || !this.early?.answer(first)) return
    this.first = null
    this.unwatch()
    this.waiting.shift()
    this.waitingBytes -= first.byteLength
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
