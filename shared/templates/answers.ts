/**
 * What a Zettel in an answer cell says: a "yes" (a tick, initials, a date) or a "no" written as
 * a Zettel ("nein", "fehlt noch", "–"). Read by gates (a confirmation) and by open items (done).
 */

/**
 * Answers that say no, not yet or don't know, read from their first word ("nein, widerrufen",
 * "kein Einverständnis"). An "x" is not among them: in German forms an x is a tick.
 */
const no = /^\s*(?:(?:nein|no|nicht|noch nicht|not|fehlt|missing|still missing|offen|open|kein\w*|abgelehnt|widerrufen|zurückgezogen|declined|refused|withdrawn)\b|\?|[-–—]+\s*$)/i

/** Whether a Zettel says no (or not yet) rather than confirming. */
export const saysNo = (text: string): boolean => no.test(text)
