/**
 * Which Teilziel of a goal system an action is for, from what the action plan says about it
 * ("Zu welchem Ziel?"): the Zukunftskonferenz's actions become the activities of that Teilziel.
 */

/** Words that say which goal a text is about: lower case, umlauts folded, short and filler words dropped. */
export function goalWords(text: string): string[] {
  const folded = text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
  return [...new Set(folded.split(/[^a-z]+/).filter((w) => w.length >= 4 && !stopWords.has(w)))]
}

const stopWords = new Set([
  'aber', 'alle', 'allen', 'auch', 'damit', 'dass', 'dein', 'denen', 'diese', 'dieser', 'dieses', 'durch', 'eine', 'einem', 'einen',
  'einer', 'eines', 'etwa', 'fuer', 'haben', 'hier', 'ihre', 'ihren', 'immer', 'jede', 'jeden', 'jeder', 'kann', 'koennen', 'mehr',
  'mit', 'nach', 'nicht', 'noch', 'oder', 'ohne', 'sein', 'sich', 'sind', 'soll', 'sollen', 'ueber', 'unser', 'unsere', 'unter',
  'viel', 'viele', 'vom', 'wenn', 'werden', 'wird', 'wollen', 'zum', 'zur', 'ziel', 'ziele', 'teilziel', 'teilziele',
  'about', 'after', 'also', 'been', 'from', 'goal', 'goals', 'have', 'into', 'more', 'must', 'other', 'over', 'should', 'some',
  'such', 'than', 'that', 'their', 'them', 'then', 'there', 'they', 'this', 'were', 'what', 'when', 'which', 'will', 'with',
  'subgoal', 'would', 'your',
])

/**
 * Two words name the same thing: equal, or the shorter (five letters or more) begins the longer,
 * or they share a stem of six letters or more and differ only in an ending ("informiert", "informieren"):
 * the shorter at most two letters past it, so that "Sprachkurs" is not a "Sprachkita".
 */
const sameWord = (a: string, b: string) => {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (short === long || (short.length >= 5 && long.startsWith(short))) return true
  let stem = 0
  while (stem < short.length && short[stem] === long[stem]) stem++
  return stem >= 6 && short.length - stem <= 2 && long.length - stem <= 3
}

/** "Projektziel", "Oberziel": the goals above the Teilziele, which have no activities of their own. */
const aboveTeilziele = /projektziel|oberziel|project goal|overall goal/i
/** "2", "TZ 2", "Teilziel 2", "Ziel 2", "Nr. 2", "sub-goal 2". */
const numbered = /^\s*(\d{1,2})\b|\b(?:teilziel|tz|ziel|sub-?goal|goal|nr\.?|no\.?)\s*(\d{1,2})\b/i

/**
 * The Teilziel a Zukunftskonferenz action is for, from what its "Zu welchem Ziel?" says: a number
 * names it outright; else the Teilziel whose notes share the most words with it, a word counting
 * the less the more Teilziele have it, not at all when every one has it ("Alleinerziehende").
 * Undefined: none, a tie (which one, the group decides), or a goal above the Teilziele: the goal
 * system's Eingang.
 */
export function matchTeilziel(said: string, teilziele: ReadonlyMap<number, readonly string[]>): number | undefined {
  if (aboveTeilziele.test(said)) return undefined
  const number = said.match(numbered)
  if (number) {
    const n = Number(number[1] ?? number[2])
    if (teilziele.has(n)) return n
  }
  const theirs = [...teilziele].map(([n, notes]) => ({ n, words: goalWords(notes.join(' ')), score: 0 }))
  for (const word of goalWords(said)) {
    const having = theirs.filter((t) => t.words.some((w) => sameWord(word, w)))
    if (having.length === theirs.length && theirs.length > 1) continue
    for (const t of having) t.score += 1 / having.length
  }
  const [best, next] = theirs.filter((t) => t.score > 0).sort((a, b) => b.score - a.score)
  return best && !(next && next.score > best.score - 1e-9) ? best.n : undefined
}
