/**
 * Advisory lock keys. The schema lock is one bigint ("nwst" "schm" in ASCII); per-board locks
 * use the two-int form (class, hashtext(board id)), a key space of its own.
 */
export const schemaLock = '7959957810389936237' // 0x6e7773747363686d
export const lockClass = { updates: 1, ballots: 2, privateNotes: 3, owners: 4, processes: 5 } as const

/** Session advisory lock held by the one relay process of a database ("nwst" "rely"). */
export const relayLockKey = '7959957810373291129' // 0x6e77737472656c79

/** Transaction lock around each append to the audit trail's hash chain ("nwst" "audt"): one writer at a time, never a fork. */
export const auditLock = '7959957810089124980' // 0x6e77737461756474
