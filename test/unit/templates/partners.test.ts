import { describe, expect, it } from 'vitest'
import { boardPartners, missingPartners, partnersOf } from '../../../shared/templates/partners.ts'
import { findInstances } from '../../../shared/templates/catalogue.ts'
import { build } from './helpers.ts'

describe('one partner list per board', () => {
  it('gathers the organisations every template names, each once, in board order', () => {
    const shapes = [
      ...build('beteiligtenanalyse', { partners: ['Jobcenter', 'Familienzentrum'] }, 'de', { x: 0, y: 0 }).shapes,
      ...build('planspiel', { organisations: ['jobcenter ', 'Wohnungsamt'] }, 'de', { x: 0, y: 5000 }).shapes,
      ...build('netzwerkkarte', { actors: ['Elterninitiative'] }, 'de', { x: 0, y: 12000 }).shapes,
      ...build('protokoll', {}, 'de', { x: 0, y: 20000 }).shapes,
    ]
    const instances = findInstances(shapes).sort((a, b) => a.title.y - b.title.y)
    const board = boardPartners(instances)
    expect(board).toEqual(['Jobcenter', 'Familienzentrum', 'Wohnungsamt', 'Elterninitiative'])
    // A new Gründungsveranstaltung with only the Jobcenter is offered the others.
    expect(missingPartners(board, { partners: ['Jobcenter'] })).toEqual(['Familienzentrum', 'Wohnungsamt', 'Elterninitiative'])
    expect(partnersOf({ topics: 3 })).toEqual([])
  })
})
