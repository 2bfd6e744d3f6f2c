/**
 * A time an entry stamps as the relay's (`slide.setAt`, `focus.at`): clients write their estimate
 * of the relay's clock, which may run a little ahead. One far ahead is no such estimate: a slide
 * stamped a year on would keep the wall on it whatever „Alle zu mir“ comes later.
 */

/** How far ahead of the relay's clock a client's estimate may run. */
export const relayTimeLeewayMs = 60_000

/** Why a relay time is refused at relay time `now`; null when it is not. */
export const futureStampRefusal = (at: number, now: number): string | null =>
  at > now + relayTimeLeewayMs ? 'a relay time ahead of the relay’s clock' : null

/** An entry's `refusesValue` for the relay time `stamp` reads from its value. */
export const stampNotAhead =
  <Value>(stamp: (value: Value) => number) =>
  (_stored: unknown, value: unknown, now: number): string | null =>
    futureStampRefusal(stamp(value as Value), now)
