/**
 * The board's one list of partner organisations: every organisation any template on the board
 * names (a Beteiligtenanalyse's partners, a Planspiel's or a service chain's organisations, a
 * network map's actors), each once, in the order the board first names them. Kept in the
 * templates themselves, so it cannot drift from what the board shows; offered to every new
 * template and every "add an organisation".
 */
const partnerFields = ['partners', 'organisations', 'actors'] as const

/** The organisations one template's options name. */
export function partnersOf(options: unknown): string[] {
  const o = (options ?? {}) as Record<string, unknown>
  return partnerFields.flatMap((field) => (Array.isArray(o[field]) ? o[field].filter((v): v is string => typeof v === 'string') : []))
}

const key = (name: string) => name.trim().toLocaleLowerCase('de')

/** Names once each (ignoring case and surrounding space), first spelling kept. */
export function uniqueNames(names: Iterable<string>): string[] {
  const seen = new Map<string, string>()
  for (const name of names) if (name.trim() && !seen.has(key(name))) seen.set(key(name), name.trim())
  return [...seen.values()]
}

/** Every organisation the board's templates name, in board order (`instances` sorted by the caller). */
export const boardPartners = (instances: Iterable<{ options: unknown }>): string[] =>
  uniqueNames([...instances].flatMap((instance) => partnersOf(instance.options)))

/** Board partners a template does not name yet. */
export const missingPartners = (board: readonly string[], options: unknown): string[] => {
  const named = new Set(partnersOf(options).map(key))
  return board.filter((name) => !named.has(key(name)))
}
