/** Collects cleanup functions so that a whole session can be torn down with one call. */
export class Disposers {
  private readonly fns: Array<() => void> = []
  private disposed = false

  add(fn: () => void): void {
    // Something registered after teardown would otherwise leak forever.
    if (this.disposed) fn()
    else this.fns.push(fn)
  }

  get isDisposed(): boolean {
    return this.disposed
  }

  /** Runs every cleanup once, newest first; one failing cleanup does not stop the others. */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    for (const fn of this.fns.splice(0).reverse()) {
      try {
        fn()
      } catch (error) {
        console.error('cleanup failed', error)
      }
    }
  }
}
