/**
 * Answering the „Einverstanden?“ round, as the canvas's panel and the phone's list both do it
 * (`client/facilitation/zustimmungAnswering.ts`): the Haus one answers for comes from the name or
 * is typed once (then the name carries it), one's own answer is found under one's author id, the
 * answers are shown by Haus, and a closed round's outcome reads as the panel says it.
 */
import { describe, expect, it } from 'vitest'
import type { Round } from '../../shared/board/entries/zustimmung.ts'
import { answerer, outcomeText, roundSeen } from '../../client/facilitation/zustimmungAnswering.ts'
import { organisationIn } from '../../client/nameChoice.ts'

const round = (over: Partial<Round> = {}): Round => ({
  id: 'r1',
  note: 'shape:vorschlag',
  question: 'Gemeinsame Sprechstunde ab März',
  gremium: 'steuerungsgruppe',
  bindewirkung: 'gilt',
  state: 'open',
  startedAt: 0,
  answers: {},
  outcome: undefined,
  ...over,
})

describe('who answers for which Haus', () => {
  it('answers for the Haus the name carries, under the name without it, and keeps the name', () => {
    expect(answerer('Anna Krüger (Jobcenter)', 'Jugendamt')).toEqual({ haus: 'Jobcenter', name: 'Anna Krüger', renamed: undefined })
  })

  it('answers for a typed Haus when the name carries none, and the name carries it from then on', () => {
    expect(answerer('Fröhlicher Igel', ' Jugendamt ')).toEqual({ haus: 'Jugendamt', name: 'Fröhlicher Igel', renamed: 'Fröhlicher Igel (Jugendamt)' })
  })

  it('names the Haus itself when the person has no name, and answers nothing without a Haus', () => {
    const nameless = answerer('', 'Caritas')
    expect(nameless).toMatchObject({ haus: 'Caritas', name: 'Caritas' })
    expect(organisationIn(nameless!.renamed!)).toBe('Caritas')
    expect(answerer('Anna Krüger', '   ')).toBeUndefined()
  })
})

describe('the round as one person sees it', () => {
  const answers = {
    anna: { name: 'Anna Krüger', haus: 'Jobcenter', antwort: 'ja' },
    ben: { name: 'Ben Ott', haus: 'Jugendamt', antwort: 'ruecksprache' },
    cem: { name: 'Cem Aydın', haus: 'jobcenter ', antwort: 'nein' },
  } as const

  it('marks her own answer, finds her Haus in her name, and counts the answers by Haus', () => {
    const seen = roundSeen(round({ answers }), 'ben', 'Ben Ott (Jugendamt)')
    expect(seen).toMatchObject({ open: true, mine: 'ruecksprache', ownHaus: 'Jugendamt' })
    expect(seen.haeuser).toEqual([
      { haus: 'Jobcenter', antwort: 'ruecksprache', names: ['Anna Krüger', 'Cem Aydın'], uneinig: true },
      { haus: 'Jugendamt', antwort: 'ruecksprache', names: ['Ben Ott'] },
    ])
  })

  it('has no answer of hers before she gave one, and no Haus her name does not carry', () => {
    expect(roundSeen(round({ answers }), 'dora', 'Dora')).toMatchObject({ mine: undefined, ownHaus: '' })
  })

  it('says what a closed round came to, naming the Häuser that consult at home', () => {
    expect(outcomeText(round({ state: 'closed', outcome: 'beschlossen' }))).toBe('Beschlossen.')
    expect(outcomeText(round({ state: 'closed', outcome: 'nicht-beschlossen' }))).toBe('Nicht beschlossen.')
    const consulting = round({ state: 'closed', outcome: 'vorbehaltlich', answers: { anna: answers.anna, ben: answers.ben } })
    expect(outcomeText(consulting)).toBe('Beschlossen vorbehaltlich der Zustimmung der Häuser, die im Haus Rücksprache halten: Jugendamt.')
  })
})
