/**
 * What a Zettel in an answer cell says: a "yes" (a tick, initials, a date) or a "no" written as
 * a Zettel ("nein", "fehlt noch", "–"). Read by gates (a confirmation) and by open items (done).
 */

/**
 * Words that say no, not yet or don't know, wherever they stand in the Zettel ("Einverständnis
 * fehlt", "steht noch aus"): a confirmation releases a case, so a doubt anywhere keeps it held.
 * An "x" is not among them: in German forms an x is a tick.
 */
const noWords = [
  'nein', 'nicht', 'kein\\p{L}*', 'fehl\\p{L}*', 'noch', 'offen', 'ausstehend', 'unklar', 'ungeklärt', 'unsicher',
  'vielleicht', 'eventuell', 'evtl', 'abgelehnt', 'widerrufen', 'zurückgezogen', 'verweigert',
  'no', 'not', 'missing', 'open', 'pending', 'unclear', 'maybe', 'declined', 'refused', 'withdrawn',
]
const no = new RegExp(`(?<![\\p{L}\\p{N}])(?:${noWords.join('|')})(?![\\p{L}\\p{N}])|\\?|^\\s*[-–—]+\\s*$`, 'iu')

/** Whether a Zettel says no (or not yet, or is unsure) rather than confirming. */
export const saysNo = (text: string): boolean => no.test(text)
