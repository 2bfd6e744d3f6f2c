/**
 * A board that holds a case is a case board, whole (`docs/datenschutz.md`): a call-back Zettel
 * beside the Fallkonferenz, the conference's Protokoll, a note on another page and the board's
 * title are as much the case as its cells. While any case on the board is held, every other text
 * is held with it; once every case is released, each text that reads as a name is held alone, by
 * the case's own rule (`caseNames.ts`). The template's gate (`fallkonferenzHold.ts`) says which.
 */
import type { ExportGate, InstanceView } from '../templates/definition.ts'
import { isCaseTemplate } from '../templates/caseBoards.ts'
import { nameLike, type KnownNames } from '../templates/caseNames.ts'
import { holdWords, nameLikeNotes, namesCount } from '../templates/fallkonferenzHold.ts'
import { pick, type Locale } from '../locale.ts'

/** No case on the board; a case held (its confirmations not all recorded); every case released. */
export type CaseBoard = 'none' | 'held' | 'released'

export const caseBoardWords = {
  companion: {
    de: 'Dieses Board hält eine Fallkonferenz, deren Bestätigungen noch nicht alle festgehalten sind; bis dahin bleibt alles darauf auf dem Board',
    en: 'This board holds a case conference whose confirmations are not all recorded yet; until they are, everything on it stays on the board',
  },
  boardTitle: { de: 'Board mit Fallkonferenz', en: 'Board with a case conference' },
  /** In place of a name typed about the board (a document's, a page's). */
  nameHeld: { de: 'Name zurückgehalten', en: 'name held back' },
  formName: { de: 'eine Angabe der Vorlage sieht wie ein Name aus', en: 'an entry of the template looks like a name' },
  /** A text on the board that is no Zettel: a frame's or an arrow's label, a text or a shape's label, a page's name. */
  labelOne: { de: '{n} Beschriftung, die wie ein Name aussieht', en: '{n} label that looks like a name' },
  labelOther: { de: '{n} Beschriftungen, die wie ein Name aussehen', en: '{n} labels that look like a name' },
  /** A drawing or an image in a picture of a released case board (`pictureHold.ts`). */
  uncheckedOne: { de: '{n} Zeichnung oder Bild – auf einem Board mit Fallkonferenz nicht auf Namen prüfbar', en: '{n} drawing or image – cannot be checked for names on a board with a case conference' },
  uncheckedOther: { de: '{n} Zeichnungen oder Bilder – auf einem Board mit Fallkonferenz nicht auf Namen prüfbar', en: '{n} drawings or images – cannot be checked for names on a board with a case conference' },
}

/** What the board's case gates say of the board as a whole. */
export function caseBoardState(templates: ReadonlyArray<{ template: string; gate?: ExportGate }>): CaseBoard {
  const cases = templates.filter((t) => isCaseTemplate(t.template))
  if (cases.length === 0) return 'none'
  return cases.some((t) => (t.gate?.sections.length ?? 0) > 0) ? 'held' : 'released'
}

/** A free text (a Zettel outside every template, the board's title) as a case board may show it. */
export const freeTextHeld = (text: string, state: CaseBoard, known: KnownNames): boolean =>
  state === 'held' || (state === 'released' && !!nameLike(text, known, 'case'))

/** A name typed about a case board (a document's, a page's) as it may leave it. */
export const nameShown = (name: string, state: CaseBoard, known: KnownNames, locale: Locale): string =>
  freeTextHeld(name, state, known) ? caseBoardWords.nameHeld[locale] : name

/** The board's title as it may leave a case board; the title unchanged elsewhere. */
export const boardTitleShown = (title: string, state: CaseBoard, known: KnownNames, locale: Locale): string =>
  freeTextHeld(title, state, known) ? caseBoardWords.boardTitle[locale] : title

/**
 * The gate of another template on a case board (a Protokoll beside the Fallkonferenz): all of it
 * while the case is held, its name-like Zettel once released; its own gate where it has one.
 */
export function companionGate(view: InstanceView, state: CaseBoard, locale: Locale, own: ExportGate | undefined): ExportGate | undefined {
  if (state === 'none' || isCaseTemplate(view.instance.template)) return own
  const sections = [...new Set([...(own?.sections ?? []), ...view.cells.map((cell) => cell.ref.section)])]
  const name = pick(view.instance.definition.title, locale)
  if (state === 'held') {
    return { ...own, sections, reason: { label: pick(holdWords.namesHeld, locale), value: `${caseBoardWords.companion[locale]}.` }, title: name, facts: [], comments: true }
  }
  const notes = [...(own?.notes ?? []), ...nameLikeNotes(view, sections, [])]
  const titleIsName = !!nameLike(view.textOf(view.instance.title) ?? '', view.known, 'case')
  // Its facts come from options typed in its form (a Gremium, a topic): read by the same rule.
  const facts = own?.facts ?? view.instance.definition.exportFacts?.(view.instance.options, locale) ?? []
  const shownFacts = facts.filter((fact) => !nameLike(fact.value, view.known, 'case'))
  const factsHeld = shownFacts.length < facts.length
  if (notes.length === 0 && !titleIsName && !factsHeld) return own
  const parts = [...(notes.length > 0 ? [namesCount(notes.length, locale)] : []), ...(titleIsName || factsHeld ? [caseBoardWords.formName[locale]] : [])]
  return {
    sections: own?.sections ?? [],
    ...own,
    notes,
    reason: own?.reason ?? { label: pick(holdWords.namesHeld, locale), value: `${parts.join('; ')}.` },
    facts: shownFacts,
    ...(titleIsName ? { title: name } : {}),
  }
}
