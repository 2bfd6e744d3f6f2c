/**
 * Bedarfsanalyse after L 5.1 (Tab. 1) and R's Bedarfslagen: for whom the needs are analysed (a
 * target group, as a fact of the export), the needs grouped by R's five areas, and the needs the
 * handbooks name that the first version left out (housing, maintenance, material security).
 */
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { build, keyOf, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Bedarfe' }

describe('Bedarfsanalyse', () => {
  it.each(['de', 'en'] as const)('is valid and free of overlaps (%s)', (locale) => {
    const { plan, shapes } = build('bedarfsanalyse', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
  })

  it('names its target group above the needs, and in the export', () => {
    const { shapes } = build('bedarfsanalyse', { targetGroup: 'Alleinerziehende mit Kindern unter drei Jahren' })
    expect(shapeText(shapes.find((s) => keyOf(s) === 'targetGroup')!)).toBe('Zielgruppe: Alleinerziehende mit Kindern unter drei Jahren')
    expect(exportBoard(board, shapes).templates[0].facts).toEqual([{ label: 'Zielgruppe', value: 'Alleinerziehende mit Kindern unter drei Jahren' }])
    // Boards stored before the option parse, with a target group to fill in.
    const old = build('bedarfsanalyse', { individual: ['Schulden'], structural: ['Kita'] })
    expect(shapeText(old.shapes.find((s) => keyOf(s) === 'targetGroup')!)).toBe('Zielgruppe: Alleinerziehende')
  })

  it('starts with housing, maintenance and material security among the individual needs', () => {
    const { plan } = build('bedarfsanalyse', {})
    const { individual } = plan.options as { individual: string[] }
    expect(individual).toEqual(expect.arrayContaining(['Wohnen', 'Unterhalt, Vorschuss', 'Materielle Sicherung']))
  })

  it('shows R’s five areas on the rows: Arbeit, Gesundheit, Soziale Integration, Qualifikation, Kinderbetreuung', () => {
    const { shapes } = build('bedarfsanalyse', {})
    // A cell's label is the text of its shape, in its top-left corner.
    const groups = new Set(shapes.filter((s) => scaffoldMeta(s)?.kind === 'cell').map((s) => shapeText(s)))
    for (const group of ['Arbeit', 'Gesundheit', 'Soziale Integration', 'Qualifikation', 'Kinderbetreuung']) expect(groups).toContain(group)
    expect(shapeText(shapes.find((s) => keyOf(s) === 'individuell:cell:i0:schon')!)).toBe('Arbeit')
  })

  it('keeps stored boards’ own needs as they were', () => {
    const { plan } = build('bedarfsanalyse', { individual: ['Schulden'], structural: ['Kita'] })
    expect(plan.options).toMatchObject({ individual: ['Schulden'], structural: ['Kita'] })
  })

  // L 5.1 Tab. 1 asks who works on a need today: the project itself, partners already involved,
  // further partners; R's Bedarfslagen in R's own terms, with the items the first rows left out.
  it('asks, as L’s Tabelle 1, who works on a need today, and names L as its source', () => {
    const { shapes } = build('bedarfsanalyse', {})
    expect(shapeText(shapes.find((s) => keyOf(s) === 'individuell:head:schon')!)).toContain('Wer bearbeitet das heute?')
    expect(shapeText(shapes.find((s) => keyOf(s) === 'individuell:head:partner')!)).toContain('Welche Partner schon?')
    expect(shapeText(shapes.find((s) => keyOf(s) === 'intro')!)).toContain('Leitfaden')
    const en = build('bedarfsanalyse', {}, 'en').shapes
    expect(shapeText(en.find((s) => keyOf(s) === 'individuell:head:schon')!)).toContain('Who works on it today?')
  })

  it('starts with R’s Bedarfslagen the first rows left out (household, job preparation, parenting, childcare quality), each under its area', () => {
    const { plan, shapes } = build('bedarfsanalyse', {})
    const { individual, structural } = plan.options as { individual: string[]; structural: string[] }
    expect(individual).toEqual(expect.arrayContaining(['Schulden, Haushalt', 'Berufsvorbereitung', 'Spracherwerb']))
    expect(structural).toEqual(expect.arrayContaining(['Kinderbetreuung: Qualität', 'Unterstützung bei der Erziehung']))
    const areaOfRow = (section: string, row: string) => shapeText(shapes.find((s) => keyOf(s) === `${section}:cell:${row}:schon`)!)
    expect(areaOfRow('individuell', `i${individual.indexOf('Schulden, Haushalt')}`)).toBe('Soziale Integration')
    expect(areaOfRow('individuell', `i${individual.indexOf('Berufsvorbereitung')}`)).toBe('Qualifikation')
    expect(areaOfRow('strukturell', `s${structural.indexOf('Unterstützung bei der Erziehung')}`)).toBe('Kinderbetreuung')
    expect(areaOfRow('strukturell', `s${structural.indexOf('Kinderbetreuung: Qualität')}`)).toBe('Kinderbetreuung')
    const en = build('bedarfsanalyse', {}, 'en').plan.options as { individual: string[]; structural: string[] }
    expect([...en.individual, ...en.structural]).toEqual(expect.arrayContaining(['Debts, household', 'Job preparation', 'Support with parenting', 'Childcare: quality']))
  })
})
