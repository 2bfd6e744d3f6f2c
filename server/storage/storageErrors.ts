/**
 * Errors of the storage backends that callers treat alike: a full store answers 507 (and the
 * relay refuses the change) instead of 500.
 */

/**
 * Whether a storage call failed because the store is full: SQLite's `SQLITE_FULL` (full disk, or
 * the MAX_DB_BYTES cap) or PostgreSQL's `disk_full` (SQLSTATE 53100, "could not extend file").
 * Looks through `cause` too, for errors wrapped on the way up.
 */
export function isStorageFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (code === 'SQLITE_FULL' || code === postgresDiskFull) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

/** PostgreSQL's SQLSTATE for a full disk (class 53, insufficient resources). */
export const postgresDiskFull = '53100'
