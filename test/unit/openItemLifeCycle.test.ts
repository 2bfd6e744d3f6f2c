/**
 * Open items with a life cycle (issue 44), on a network's first three months
 * (`test/helpers/networkQuarter.ts`): the steering group's pack lists each open task once, no done
 * task as open (ticked off in its „Erledigt?“ column on either copy, a milestone reached, a
 * Zielsystem activity a Statusbericht reports done), the rule reviews of one day as one item,
 * and what the last pack listed as open that is done now. „Bald fällig“ drops done items too.
 */
import { describe, expect, it } from 'vitest'
import { steeringPack, steeringPackMarkdown } from '../../shared/results/steeringPack.ts'
import { dueAndDone, dueOnce } from '../../shared/results/boardBetween.ts'
import { saysDone } from '../../shared/templates/answers.ts'
import { quarterBoards, quarterPacks } from '../helpers/networkQuarter.ts'

const network = { name: 'Netzwerk Alleinerziehende Nord', targetGroup: 'Alleinerziehende' }
const texts = (items: ReadonlyArray<{ what: readonly string[] }>) => items.map((item) => item.what.join(' · '))
/** How many items name this task. */
const count = (items: ReadonlyArray<{ what: readonly string[] }>, task: string) => texts(items).filter((t) => t.includes(task)).length

describe('the pack of a network with three months of meetings', () => {
  const first = steeringPack({ network, boards: quarterBoards(quarterPacks.first.day) }, quarterPacks.first.day, 'de')
  const previous = { day: first.date, open: first.openKeys }
  const second = steeringPack({ network, boards: quarterBoards(quarterPacks.second.day) }, quarterPacks.second.day, 'de', previous)

  it('lists each open task once, and nothing else', () => {
    for (const [pack, plan] of [
      [first, quarterPacks.first],
      [second, quarterPacks.second],
    ] as const) {
      for (const task of plan.open) expect(count(pack.openItems, task), `${pack.date}: ${task}`).toBe(1)
      expect(pack.openItems, texts(pack.openItems).join('\n')).toHaveLength(plan.open.length)
    }
  })

  it('lists no done task as open: ticked off on either copy, reached, or reported done by a Statusbericht', () => {
    for (const task of [...quarterPacks.second.closedSince, ...quarterPacks.doneBefore]) expect(count(second.openItems, task), task).toBe(0)
    for (const task of quarterPacks.doneBefore) expect(count(first.openItems, task), task).toBe(0)
  })

  it('makes the reviews of the rules on one day one item, with the rules it reviews', () => {
    const reviews = second.openItems.filter((item) => item.what.some((w) => w.includes('Zweidrittelmehrheit')))
    expect(reviews).toHaveLength(1)
    expect(reviews[0].what.join(' ')).toContain('Protokoll binnen einer Woche an alle')
    expect(reviews[0].when).toEqual(['01.12.2026'])
  })

  it('lists what the last pack had open and is done now, with what closed it', () => {
    expect(second.closedSince.map((t) => t.what.join(' ')).sort()).toEqual([...quarterPacks.second.closedSince].sort())
    const markdown = steeringPackMarkdown(second, 'de')
    const done = markdown.split('## Erledigt seit den Unterlagen vom 08.10.2026')[1]?.split('\n## ')[0] ?? ''
    for (const task of quarterPacks.second.closedSince) expect(done).toContain(task)
    expect(done).toContain('Steuerungsgruppe 25. November')
    expect(markdown.split('## Offene Punkte')[1].split('\n## ')[0]).not.toContain('Wegweiser drucken')
    // The first pack has nothing to compare with, and says so.
    expect(steeringPackMarkdown(first, 'de')).toContain('Dies sind die ersten Unterlagen dieses Netzwerks')
  })

  it('names a carried task that is still open where it was carried last, once', () => {
    const room = second.openItems.filter((item) => item.what.includes('Raum für den Fachtag suchen'))
    // The Protokoll's „Wer und bis wann?“ read as both (issue 61).
    expect(room.map((item) => [item.board, item.who, item.when])).toEqual([['Gesamtnetzwerk 4. November', ['Jobcenter'], ['10.12.']]])
  })
})

describe('„Bald fällig“ on the Fahrplan', () => {
  it('names no task done on another board or reported done by a Statusbericht', () => {
    const day = '2026-11-26'
    const boards = quarterBoards(day).map((board) => ({
      boardId: board.id,
      title: board.title,
      seen: '',
      firstSeen: true,
      notes: 0,
      comments: 0,
      released: null,
      ...dueAndDone(board, board.records, day),
    }))
    // On its own board the Zielsystem still has the Wegweiser due on 30.11.: a Statusbericht elsewhere reported it done.
    expect(boards.find((b) => b.boardId === 'ziel-sep')!.due.filter((d) => !d.closed).map((d) => d.what)).toContain('Wegweiser drucken')
    const due = dueOnce(boards).flatMap((b) => b.due.map((d) => d.what))
    // The rules' review on 1.12. is due, once.
    expect(due.filter((d) => d.includes('Zweidrittelmehrheit'))).toHaveLength(1)
    for (const task of ['Wegweiser drucken', 'Kita-Träger zum Runden Tisch einladen', 'Sprechstunde läuft']) expect(due.filter((d) => d.includes(task))).toEqual([])
    expect(JSON.stringify(dueOnce(boards))).not.toContain('reportedDone')
  })
})

describe('a Zettel in a done column', () => {
  it.each([
    ['ja', true],
    ['✓', true],
    ['x', true],
    ['erledigt 29.10.', true],
    ['28.9.', true],
    ['2026-10-29', true],
    ['Done', true],
    ['nein', false],
    ['noch nicht', false],
    ['teilweise', false],
    ['verschoben auf Januar', false],
    ['läuft', false],
    ['?', false],
    ['Frau Adler fragt nach', false],
  ])('„%s“ closes the task: %s', (text, closes) => expect(saysDone(text)).toBe(closes))
})
