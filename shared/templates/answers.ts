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

const word = (words: readonly string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu')

/** Whether a Zettel says no (or not yet, or is unsure) rather than confirming. */
export const saysNo = (text: string): boolean => no.test(text)

/**
 * Words and marks that close a task in a done column („Erledigt?“, „Erreicht?“): a yes, a tick,
 * a date (the day it was done). Anything else (a comment, „teilweise“) leaves it open.
 */
const doneWords = [
  'ja', 'jo', 'erledigt', 'fertig', 'erreicht', 'abgeschlossen', 'durchgeführt', 'umgesetzt', 'geschafft', 'ok', 'okay', 'x',
  'yes', 'done', 'finished', 'completed', 'reached',
]
const notYetWords = ['teilweise', 'teils', 'zum teil', 'begonnen', 'läuft', 'laufend', 'verschoben', 'in arbeit', 'partly', 'partially', 'started', 'ongoing', 'postponed']
const done = new RegExp(`(?<![\\p{L}\\p{N}])(?:${doneWords.join('|')})(?![\\p{L}\\p{N}])|[✓✔☑✅]|\\d{1,2}\\.\\s*\\d{1,2}\\.|\\d{4}-\\d{1,2}-\\d{1,2}`, 'iu')
const notYet = new RegExp(`(?<![\\p{L}\\p{N}])(?:${notYetWords.join('|')})(?![\\p{L}\\p{N}])`, 'iu')

/** Whether a Zettel says no, or not yet wholly („teilweise“, „verschoben“, „läuft“). */
export const saysNotYet = (text: string): boolean => saysNo(text) || notYet.test(text)

/** Whether a Zettel in a done column says the task is done. */
export const saysDone = (text: string): boolean => done.test(text) && !saysNo(text) && !notYet.test(text)

/**
 * A release mark („Spruchreif?“, „Freigegeben?“): what its prompt asks for („freigegeben am …
 * durch …“), a yes, a tick, an x or a date, as a done column reads it, or the words „freigegeben“,
 * „spruchreif“. A Zettel on its way to one is none: „in Abstimmung mit …“, „StG entscheidet am
 * 12.12.“ (a date it will be decided on), „vorbehaltlich …“.
 */
const releasedWords = word(['freigegeben', 'spruchreif', 'abgestimmt', 'genehmigt', 'released', 'approved', 'cleared'])
const pendingWords = word([
  'vorbehaltlich', 'vorbehalt', 'abstimmung', 'entscheidet', 'entscheiden', 'entscheidung', 'beschließt', 'beschliesst', 'klären', 'klärt', 'besprochen',
  'besprechen', 'vorgelegt', 'vorlegen', 'angefragt', 'anfragen', 'geplant', 'wartet', 'warten', 'sobald', 'falls', 'wenn', 'erst', 'prüft', 'prüfen', 'wird', 'soll',
  'subject to', 'pending', 'will', 'to be', 'decides', 'once', 'if', 'awaiting', 'waiting',
])
export const saysReleased = (text: string): boolean =>
  (releasedWords.test(text) || done.test(text)) && !saysNotYet(text) && !pendingWords.test(text)
