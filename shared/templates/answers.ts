/**
 * What a Zettel in an answer cell says: a "yes" (a tick, initials, a date) or a "no" written as
 * a Zettel ("nein", "fehlt noch", "–"). Read by gates (a confirmation) and by open items (done).
 */

/** Answers that say no or not yet. An "x" is not among them: in German forms an x is a tick. */
const no = /^\s*(nein|no|nicht|noch nicht|not yet|fehlt|fehlt noch|missing|still missing|offen|open|[-–—]+)\s*[.!]?\s*$/i

/** Whether a Zettel says no (or not yet) rather than confirming. */
export const saysNo = (text: string): boolean => no.test(text)
