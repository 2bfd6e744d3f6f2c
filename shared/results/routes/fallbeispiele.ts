/**
 * From Fallbeispiele (H 4.3.4–4.3.6): the invented case is what the Planspiel plays („Anhand des
 * Fallbeispiels …“), carried line by line with what each line covers into a Planspiel with its own
 * case, once the case's checks say it is invented and nobody recognisable (H 4.3.5: real people,
 * clients or staff, never recognisable); the interfaces and hand-over points a case shows are
 * hand-overs of the service chain, still to be placed.
 */
import type { CarryRoute, SourceNote } from '../carryRoute.ts'
import type { Labels } from '../../locale.ts'
import { saysNo } from '../../templates/answers.ts'
import { fallbeispieleCells as faelle, fallbeispieleCheckTitles } from '../../templates/fallbeispiele.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { planspielCells as spiel, PlanspielOptions } from '../../templates/planspiel.ts'

/** The checks a case must pass before it is played: the two H 4.3.5 says "nie" of. */
const mustPass = [faelle.checks.col.erfunden, faelle.checks.col.niemand] as const

/**
 * The check's own words, which confirm it though they hold a no („Kein realer Fall“, „keine
 * echten Namen“, „niemand erkennbar“): read as a confirmation, and taken out before the doubts are looked for.
 */
const ownWords = /kein(?:e|en|er)?\s+(?:reale[nr]?|echte[nr]?|wirkliche[nr]?)\s+(?:fall|fälle|person(?:en)?|namen?|daten|klient\p{L}*)(?![\p{L}\p{N}])|niemand\s+(?:ist\s+)?(?:zu\s+)?(?:erkennbar|erkennen)|no\s+real\s+(?:case|person|people|names?)|nobody\s+(?:is\s+)?recogni[sz]able/giu

/** A confirmation: a yes, a tick, an x, „erfunden“, or the check's own words. */
const confirms = /(?<![\p{L}\p{N}])(?:ja|yes|x|erfunden|frei erfunden|invented|made up|fictional)(?![\p{L}\p{N}])|[✓✔☑✅]/iu

/**
 * A doubt anywhere in the Zettel (H 4.3.5: not even a slightly changed real case): a no or not
 * yet (`saysNo`), or a real case behind it, changed, in part or leaning on one.
 */
const doubtWords = /(?<![\p{L}\p{N}])(?:teilweise|teils|zum teil|angelehnt|anlehnung|verändert|geändert|abgewandelt|anonymisiert|eher|leicht|real|reale[nrms]?|echt|echte[nrms]?|wirklich\p{L}*|vorlage|partly|partially|based on|inspired|changed|altered|adapted|anonymi[sz]ed|rather)(?![\p{L}\p{N}])/iu
const doubts = (text: string) => {
  const rest = text.replace(ownWords, ' ')
  return saysNo(rest) || doubtWords.test(rest)
}

/** A check confirmed: its cell holds a confirmation, and no Zettel that doubts it. */
function passed(notes: readonly SourceNote[], col: string): boolean {
  const written = notes.filter((n) => n.cell.section === faelle.checks.section && n.cell.col === col && n.text.trim())
  const confirmed = written.some((n) => confirms.test(n.text) || n.text.replace(ownWords, '') !== n.text)
  return confirmed && !written.some((n) => doubts(n.text))
}

const quoted = (labels: Labels) => ({ de: `„${labels.de}“`, en: `“${labels.en}”` })

/** Why the case may not go into this Planspiel yet; undefined: it may. */
function caseHeld(notes: readonly SourceNote[], targetOptions: unknown): Labels | undefined {
  // The card of a handbook case is the case played: a second one beside it would confuse the play.
  if (PlanspielOptions.safeParse(targetOptions ?? {}).data?.case !== 'blank') {
    return {
      de: 'Dieses Planspiel spielt einen Fall aus dem Handbuch. Für Ihren eigenen Fall fügen Sie ein Planspiel mit „Eigenes Fallbeispiel“ ein.',
      en: 'This Planspiel plays one of the handbook’s cases. For your own case, insert a Planspiel with “Your own case”.',
    }
  }
  const missing = mustPass.filter((col) => !passed(notes, col)).map((col) => quoted(fallbeispieleCheckTitles[col]))
  if (missing.length === 0) return undefined
  const list = (locale: 'de' | 'en') => missing.map((m) => m[locale]).join(locale === 'de' ? ' und ' : ' and ')
  return {
    de: `Erst prüfen: ${list('de')} unter „Prüfung vor dem Einsatz“ bestätigen – niemand darf im Fall erkennbar sein.`,
    en: `Check first: confirm ${list('en')} under “Checks before use” – nobody may be recognisable in the case.`,
  }
}

export const routes: CarryRoute[] = [
  {
    id: 'fallbeispiele-planspiel-case',
    from: 'fallbeispiele',
    to: 'planspiel',
    what: { de: 'Der erfundene Fall', en: 'The invented case' },
    // Read as the case is written, from the Lebenslage down.
    source: { section: faelle.case.section, cols: [faelle.case.col], order: faelle.case.rows },
    holds: caseHeld,
    target: () => spiel.caseZettel,
    // A line alone („Kita nur bis 14 Uhr“) needs what it covers to be read as the case.
    text: (note) => (note.cell.rowLabel ? `${note.cell.rowLabel}: ${note.text}` : note.text),
  },
  {
    id: 'fallbeispiele-handovers',
    from: 'fallbeispiele',
    to: 'dienstleistungskette',
    what: { de: 'Schnittstellen aus dem Fallbeispiel', en: 'Hand-overs the case shows' },
    source: { section: faelle.uses.section, cols: [faelle.uses.col.erkenntnis], rows: (row) => row === faelle.uses.rows.schnittstellen },
    target: () => kette.handoverOpen,
  },
]
