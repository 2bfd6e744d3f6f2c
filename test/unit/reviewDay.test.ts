/**
 * The Netzwerkregeln' review day, as the network's view carries it to the Fahrplan: the Beschluss'
 * „Nächste Überprüfung“, else the earliest „Überprüfung am“ of a rule; dates as people write them.
 */
import { describe, expect, it } from 'vitest'
import { templateNoteCounts } from '../../shared/results/export.ts'
import { reviewDayIn } from '../../shared/results/reviewDay.ts'
import { build, noteInCell } from './templates/helpers.ts'

describe('the review day written on the Netzwerkregeln', () => {
  it.each<[string, string | null]>([
    ['1.3.2027', '2027-03-01'],
    ['am 01.03.27 mit allen', '2027-03-01'],
    ['2027-03-01', '2027-03-01'],
    ['03/2027', '2027-03-01'],
    ['Im März 2027', '2027-03-01'],
    ['Nov. 2026', '2026-11-01'],
    ['jährlich', null],
    ['1.3.', null],
    ['31.13.2027', null],
  ])('reads „%s“ as %s', (text, day) => {
    expect(reviewDayIn(text)).toBe(day)
  })

  it('takes the Beschluss’ next review (the latest written there) before the rules’ own dates', () => {
    const { shapes } = build('netzwerkregeln', {})
    const rules = [noteInCell(shapes, 'regeln:cell:treffen:regel', 'Alle sechs Wochen'), noteInCell(shapes, 'regeln:cell:treffen:ueberpruefung', '1.6.2027'), noteInCell(shapes, 'regeln:cell:entscheidungen:ueberpruefung', '1.4.2027')]
    const countOf = (records: unknown[]) => templateNoteCounts(records).find((t) => t.template === 'netzwerkregeln')!
    expect(countOf([...shapes, ...rules]).reviewOn).toBe('2027-04-01')
    const agreed = [noteInCell(shapes, 'beschluss:cell:beschluss:naechste', '15.1.2027'), noteInCell(shapes, 'beschluss:cell:beschluss:naechste', 'neu: 15.11.2027', 60)]
    expect(countOf([...shapes, ...rules, ...agreed]).reviewOn).toBe('2027-11-15')
    expect(countOf(shapes).reviewOn).toBeUndefined()
  })
})
