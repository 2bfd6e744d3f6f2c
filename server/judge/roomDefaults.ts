/**
 * What a room does when its options leave a setting out; the relay's settings (`config.ts`) take
 * their defaults from here too. Below both, and importing nothing: reading settings must not load
 * the room, Yjs or the template catalogue.
 */

/** Automatic versions: at most one per interval of editing; how many are kept, and for how many days. */
export const versionDefaults = { versionIntervalMs: 10 * 60_000, versionsKept: 30, versionMaxAgeDays: 90, maxNamedVersionsPerHour: 20 }

/**
 * Refused updates per address and minute (`RoomOptions.maxRefusalsPerMinute`). Each refusal costs
 * a fresh copy of the board for the next rehearsal (`rehearsal.ts`); past this, an address's
 * updates are turned away unrehearsed until the minute is over. An honest client meets a refusal
 * only in a rare race.
 */
export const defaultMaxRefusalsPerMinute = 5

/**
 * Writers new to a board an address may bring per day, a burst of as many (`newWriters.ts`): a
 * venue of 500 behind one NAT joins in one morning; regulars are not new.
 */
export const defaultNewWritersPerAddressPerDay = 600
