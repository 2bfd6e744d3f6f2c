/**
 * Bytes of sync answers (the board a joining client receives) per client address and minute,
 * across all boards of the relay. Each socket gets few answers (`Room.ts`), but reconnecting is
 * free: without this, a loop of reconnecting sockets would have the relay encode and send the
 * board again and again. A whole office behind one NAT shares an address, so the budget is
 * generous; it stops loops, not people.
 *
 * An answer is allowed while the address has budget left and then counted in full, so one answer
 * may take the address beyond the budget: the relay cannot know an answer's size before encoding
 * it. Counts are kept per fixed window and dropped when it turns, so memory holds only the
 * addresses of the current minute.
 */
export class SyncBudget {
  private windowStart: number
  private readonly spent = new Map<string, number>()

  constructor(
    private readonly bytesPerWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now()
  }

  /** Whether the address may be sent another answer in this window. */
  allows(address: string): boolean {
    this.turn()
    return (this.spent.get(address) ?? 0) < this.bytesPerWindow
  }

  /** Counts an answer sent to the address. */
  spend(address: string, bytes: number): void {
    this.turn()
    this.spent.set(address, (this.spent.get(address) ?? 0) + bytes)
  }

  private turn(): void {
    const now = this.now()
    if (now - this.windowStart < this.windowMs) return
    this.windowStart = now
    this.spent.clear()
  }
}
