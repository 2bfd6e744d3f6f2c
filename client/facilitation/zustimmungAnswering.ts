/**
 * Answering the „Einverstanden?“ round (`shared/board/entries/zustimmung.ts`), the same on the
 * canvas's panel and the phone's list: for which Haus and under which name a person answers, and
 * what the round shows her. Without tldraw: the list's chunk carries it.
 */
import { maxHausLength, maxNameLength, type Antwort, type Round } from '../../shared/board/entries/zustimmung.ts'
import { consultingHaeuser, keptRound, tallyByHaus, type HausAnswer } from '../../shared/board/zustimmungTally.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { nameWithOrganisation, nameWithoutOrganisation, organisationIn } from '../nameChoice.ts'

export interface Answerer {
  haus: string
  /** As the answers list her („Anna Krüger“; the Haus when she has no name). */
  name: string
  /** Her name carrying the Haus she typed, to keep from now on; undefined when her name carried it already. */
  renamed: string | undefined
}

/**
 * Who answers for which Haus: the one her name carries („Anna Krüger (Jobcenter)“), else the one
 * she typed, which her name then carries (asked once). Undefined while there is none.
 */
export function answerer(name: string, typedHaus: string): Answerer | undefined {
  const own = organisationIn(name)
  const haus = (own || typedHaus).trim().slice(0, maxHausLength)
  if (!haus) return undefined
  const bare = nameWithoutOrganisation(name)
  return { haus, name: (bare || haus).slice(0, maxNameLength), renamed: own ? undefined : nameWithOrganisation(bare, haus) }
}

/** The round as one person sees it: her own answer, her Haus if her name carries one, the answers by Haus. */
export interface RoundSeen {
  open: boolean
  mine: Antwort | undefined
  ownHaus: string
  haeuser: HausAnswer[]
}

/** `author`: this browser's author id on the board (`shared/author.ts`), under which the relay keeps her answer. */
export const roundSeen = (round: Round, author: string, name: string): RoundSeen => ({
  open: round.state === 'open',
  mine: round.answers[author]?.antwort,
  ownHaus: organisationIn(name),
  haeuser: tallyByHaus(Object.values(round.answers)),
})

/** A closed round's outcome in words. */
export function outcomeText(round: Round): string {
  if (round.outcome === 'beschlossen') return t.roundOutcomeBeschlossen
  if (round.outcome === 'vorbehaltlich') return format(t.roundOutcomeVorbehaltlich, { haeuser: consultingHaeuser(keptRound(round, '')).join(', ') })
  return t.roundOutcomeNicht
}
