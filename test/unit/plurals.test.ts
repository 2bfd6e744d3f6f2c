/**
 * Counted words, said right for one: every German (and English) message with a `{count}` either
 * has a form for one beside it, or puts the number where any number reads (after a colon, in
 * brackets, "Teil 2 von {count}"). A note is a "Zettel" everywhere, in the export too, and the
 * report's line says "1 Person".
 */
import { describe, expect, it } from 'vitest'
import { format, plural, type Messages } from '../../client/i18n.ts'
import { catalogs } from '../../client/messages/catalogs.ts'
import { dotsLeftWords } from '../../client/beitragen/ownBallot.ts'
import { exportBoard, renderMarkdown } from '../../shared/results/export.ts'
import { reportLine, workshopReport } from '../../shared/results/report.ts'
import { build, noteAt } from './templates/helpers.ts'

type Key = keyof Messages

/** Messages with a count whose form for one is not simply named `…One` beside it. */
const irregularOnes: Partial<Record<Key, Key>> = {
  notesProtectedText: 'notesProtectedOne',
  // One person on the board is you.
  peopleCount: 'peopleCountAlone',
  voteNotesWithout: 'voteNoteWithout',
}

/** Every counted message and its form for one (`plural()` picks between them): `x`/`xOne`, `xOther`/`xOne`, and the irregular ones. */
const oneForms: Partial<Record<Key, Key>> = { ...irregularOnes }
for (const key of Object.keys(catalogs.de) as Key[]) {
  const one = `${key.replace(/Other$/, '')}One` as Key
  if (!key.endsWith('One') && catalogs.de[key].includes('{count}') && one in catalogs.de) oneForms[key] = one
}

/** Messages whose number stands apart from any noun, so that "1" reads as well as "3". */
const standingApart: Key[] = ['handoversAdded', 'printPart', 'attendeesTaken', 'carried', 'carriedToPage', 'carriedFromBoard', 'smallGroupsDrawn', 'voteScopeSelection', 'voteMyDots']
/**
 * Messages never shown for one: the page choice opens only for a document of more than 20 pages
 * (`askAbovePages`), and refuses more than 50; a Fahrplan phase offers all its boards only when
 * it has more than it lists (`PhaseSection.tsx`: four at least).
 */
const neverOne: Key[] = ['documentPagesText', 'documentPagesMissing', 'documentPagesTooMany', 'phaseShowAll', 'phaseShowingLatest']

const plurals = {
  de: /\b1 (Personen|Punkte|Formen|Tage|Fälle|Schnittstellen|Kleingruppen|weitere Zettel|Zettel wurden)(?![a-zäöü])/,
  en: /\b1 (people|dots|shapes|days|cases|notes|more notes|hand-overs|groups)\b/,
}

describe('counted words', () => {
  it('every message with a count has a form for one, or its number stands apart', () => {
    const ones = new Set(Object.values(oneForms))
    const counted = (Object.keys(catalogs.de) as Key[]).filter((key) => catalogs.de[key].includes('{count}') && !ones.has(key))
    expect(counted.filter((key) => !(key in oneForms) && !standingApart.includes(key) && !neverOne.includes(key))).toEqual([])
  })

  it.each(['de', 'en'] as const)('says it right for one (%s)', (locale) => {
    for (const [other, one] of Object.entries(oneForms) as [Key, Key][]) {
      const said = plural(locale, 1, { one: catalogs[locale][one], other: catalogs[locale][other] })
      expect(said, one).not.toMatch(plurals[locale])
      expect(format(catalogs[locale][other], { count: 3 }), other).toContain('3')
    }
    for (const key of standingApart) {
      const message = catalogs[locale][key]
      expect(message, key).toMatch(/(: |\(|von |of )\{count\}/)
      expect(format(message, { count: 1 }), key).not.toMatch(plurals[locale])
    }
  })

  it.each(['de', 'en'] as const)('says „no dots left“ in words, not „0 Punkte“ (%s)', (locale) => {
    const said = (left: number) => dotsLeftWords(left, locale, catalogs[locale])
    expect(said(0)).not.toMatch(/\b0\b/)
    expect(said(0)).toBe(locale === 'de' ? 'Sie haben keine Punkte mehr.' : 'You have no dots left.')
    expect(said(1)).toBe(locale === 'de' ? 'Sie haben noch 1 Punkt.' : 'You have 1 dot left.')
    expect(said(3)).toContain('3')
    // A zero form is only a choice for zero: without one, zero takes the plural rules' form.
    expect(plural(locale, 0, { one: 'one', other: '{count} other' })).toBe('0 other')
    expect(plural(locale, 0, { zero: 'none', one: 'one', other: '{count} other' })).toBe('none')
  })

  it('says "Zettel" in the export: the notes column and the notes outside every cell', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter'] })
    const board = { id: 'b', title: 'Netzwerk' }
    const records = [...shapes, noteAt(-3000, -3000, 'Parkplatz')]
    const data = exportBoard(board, records)
    const candidates = data.templates[0].tables.find((t) => t.title === 'Genannt, noch zu prüfen')!
    expect(candidates.columns).toEqual(['Beteiligte', 'Organisationen'])
    const markdown = renderMarkdown(data, 'de')
    expect(markdown).toContain('Weitere Zettel')
    expect(markdown).not.toMatch(/Notiz/)
    // A section of single cells without columns (Planspiel roles) says "Zettel" above the notes.
    const roles = exportBoard(board, build('planspiel', {}).shapes).templates[0].tables.find((t) => t.title === 'Rollen')
    expect(roles?.columns.at(-1)).toBe('Zettel')
  })

  it('the report says "1 Person" and "1 person" for one contributor', () => {
    const { shapes } = build('protokoll', {})
    const note = { ...noteAt(0, 0, 'x'), meta: { author: 'a' } }
    const report = workshopReport(exportBoard({ id: 'b', title: 'B' }, [...shapes, note]), [...shapes, note], '2026-11-24')
    expect(report.contributors).toBe(1)
    expect(reportLine(report, 'de')).toMatch(/: 1 Person$/)
    expect(reportLine(report, 'en')).toMatch(/: 1 person$/)
  })
})
