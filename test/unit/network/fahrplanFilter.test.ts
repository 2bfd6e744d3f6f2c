/** Which boards the Fahrplan lists under a search and filters (`client/network/fahrplanFilter.ts`). */
import { describe, expect, it } from 'vitest'
import type { NetworkBoard } from '../../../shared/networkApi.ts'
import type { PhaseId } from '../../../shared/templates/phases.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import { bodiesOf, filterBoards, groupNamesOf, methodsOf, noFilter, openItemsOf } from '../../../client/network/fahrplanFilter.ts'

const board = (title: string, phase: PhaseId, body: string, templates: Array<[TemplateName, number]>): NetworkBoard => ({
  id: title.replace(/\W/g, ''),
  title,
  createdAt: '2026-01-01T10:00:00.000Z',
  lastUsedAt: null,
  addedAt: '2026-01-01T10:00:00.000Z',
  phase,
  internal: false,
  body,
  templates: templates.map(([template, openItems]) => ({ template, title: template, notes: openItems + 1, openItems })),
  token: null,
  link: `/b/${title}#n.network`,
})

const boards = [
  board('Bedarfsanalyse', 'vorStart', 'steuerungsgruppe', [['bedarfsanalyse', 0]]),
  board('Steuerungsgruppe 12.03.2025', 'zieleArchitektur', 'steuerungsgruppe', [['protokoll', 2], ['statusbericht', 0]]),
  board('AG Übergänge 02.04.2025', 'zieleArchitektur', 'AG Übergänge', [['protokoll', 0]]),
  board('Netzwerktreffen Mai', 'dienstleistungskette', 'gesamtnetzwerk', [['protokoll', 1]]),
  board('Altes Board', 'vorStart', '', []),
]
const titles = (list: NetworkBoard[]) => list.map((b) => b.title)

describe("the Fahrplan's filter", () => {
  it('without any, lists every board', () => {
    expect(filterBoards(boards, noFilter)).toEqual(boards)
  })

  it('searches titles as people spell them: case, umlauts written out, several words', () => {
    expect(titles(filterBoards(boards, { ...noFilter, query: 'uebergaenge' }))).toEqual(['AG Übergänge 02.04.2025'])
    expect(titles(filterBoards(boards, { ...noFilter, query: 'steuerungsgruppe 2025' }))).toEqual(['Steuerungsgruppe 12.03.2025'])
    expect(filterBoards(boards, { ...noFilter, query: 'Zukunft' })).toEqual([])
  })

  it('by phase, method, body (also none given) and open items, all at once', () => {
    expect(titles(filterBoards(boards, { ...noFilter, phase: 'zieleArchitektur' }))).toEqual(['Steuerungsgruppe 12.03.2025', 'AG Übergänge 02.04.2025'])
    expect(titles(filterBoards(boards, { ...noFilter, method: 'protokoll', body: 'steuerungsgruppe' }))).toEqual(['Steuerungsgruppe 12.03.2025'])
    expect(titles(filterBoards(boards, { ...noFilter, body: '' }))).toEqual(['Altes Board'])
    expect(titles(filterBoards(boards, { ...noFilter, openItems: true }))).toEqual(['Steuerungsgruppe 12.03.2025', 'Netzwerktreffen Mai'])
    expect(titles(filterBoards(boards, { ...noFilter, openItems: true, phase: 'dienstleistungskette', query: 'treffen' }))).toEqual(['Netzwerktreffen Mai'])
  })

  it('offers the bodies, groups and methods the network has, in a stable order', () => {
    expect(bodiesOf(boards)).toEqual(['gesamtnetzwerk', 'steuerungsgruppe', 'AG Übergänge', ''])
    expect(groupNamesOf(boards)).toEqual(['AG Übergänge'])
    expect(methodsOf(boards)).toEqual(['bedarfsanalyse', 'statusbericht', 'protokoll'])
    expect(openItemsOf(boards[1]!)).toBe(2)
  })
})
