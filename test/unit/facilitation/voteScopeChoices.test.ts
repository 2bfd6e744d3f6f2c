/**
 * The vote's scope menu after a group round and what starting a vote writes
 * (client/facilitation/voteScopeChoices.ts): each part once, named as the list names it (a
 * group's copy with its group's name), never „Rahmen“; a vote on a part brings everyone there.
 */
import { describe, expect, it } from 'vitest'
import { partScopeChoices, scopePart, voteFocus } from '../../../client/facilitation/voteScopeChoices.ts'
import { findInstances } from '../../../shared/templates/catalogue.ts'
import { scopeLabel } from '../../../shared/results/voting.ts'
import { votePart } from '../../../client/beitragen/VoteLine.tsx'
import { steeringVoteStage } from '../../../client/beitragen/FacilitatorList.tsx'
import { build } from '../templates/helpers.ts'

const instanceOf = (instance: string) => ({ ...findInstances(build('angebotsuebersicht', {}).shapes)[0]!, instance })
const box = (x: number) => ({ x, y: 0, w: 100, h: 100 })

/** The plenary after „Zurückholen“: the day's template, two groups' returned copies, a document. */
const parts = [
  { key: 'i-plenum', label: 'Angebotsübersicht', kind: 'template' as const, instance: instanceOf('i-plenum'), bounds: box(0) },
  { key: 'i-jugend', label: 'Angebotsübersicht · Jugendhilfe', kind: 'group' as const, instance: instanceOf('i-jugend'), bounds: box(200) },
  { key: 'i-schule', label: 'Angebotsübersicht · Schule', kind: 'group' as const, instance: instanceOf('i-schule'), bounds: box(400) },
  { key: 'shape:doc', label: 'Protokoll', kind: 'document' as const, bounds: box(600) },
]

describe('the vote scope menu', () => {
  const choices = partScopeChoices(parts, 'page:page')
  it('offers each part once by the name the list gives it, never as a frame', () => {
    const wholeParts = choices.filter((c) => c.scope.kind === 'template' || c.scope.kind === 'frame').map((c) => c.label)
    expect(wholeParts).toEqual(['Vorlage: Angebotsübersicht', 'Vorlage: Angebotsübersicht · Jugendhilfe', 'Vorlage: Angebotsübersicht · Schule', 'Protokoll'])
    expect(new Set(choices.map((c) => c.label)).size).toBe(choices.length)
    for (const c of choices) {
      expect(c.label).not.toContain('Rahmen')
      expect(scopeLabel(c.scope, 'de')).not.toContain('Rahmen')
    }
  })
  it('tells apart two tables’ columns of the same name (the Bedarfsanalyse’s two levels)', () => {
    const bedarf = { ...findInstances(build('bedarfsanalyse', {}).shapes)[0]!, instance: 'i-bedarf' }
    const labels = partScopeChoices([{ key: 'i-bedarf', label: 'Bedarfsanalyse', kind: 'template' as const, instance: bedarf, bounds: box(0) }], 'page:page').map((c) => c.label)
    expect(new Set(labels).size).toBe(labels.length)
    expect(labels.filter((label) => label.includes('Wer bearbeitet das heute?'))).toHaveLength(2)
  })
  it('names a group copy’s columns with the group', () => {
    expect(choices.some((c) => c.scope.kind === 'column' && c.label.endsWith(': Angebotsübersicht · Jugendhilfe'))).toBe(true)
  })
})

describe('starting a vote', () => {
  it('brings everyone to the part it is about (a template, a column, a document)', () => {
    const choices = partScopeChoices(parts, 'page:page')
    const column = choices.find((c) => c.scope.kind === 'column' && c.scope.instance === 'i-schule')!
    expect(voteFocus(column.scope, parts, 'page:page', 5)).toEqual({ part: 'i-schule', pageId: 'page:page', bounds: box(400), at: 5 })
    const doc = choices.find((c) => c.scope.kind === 'frame')!
    expect(scopePart(doc.scope, parts)?.key).toBe('shape:doc')
  })
  it('leaves the room where it is for a vote on the whole board', () => {
    expect(voteFocus({ kind: 'board' }, parts, 'page:page', 5)).toBeUndefined()
  })
})

describe('the phone’s running-vote line', () => {
  const listed = [
    { instance: 'i-plenum', template: 'angebotsuebersicht', pageId: 'page:page', title: 'Angebotsübersicht', box: box(0), cells: [] },
    { instance: 'i-jugend', template: 'angebotsuebersicht', pageId: 'page:page', title: 'Angebotsübersicht · Jugendhilfe', group: 'Jugendhilfe', box: box(200), cells: [] },
  ]
  it('names the part the vote is about, also for one of its columns', () => {
    const column = partScopeChoices(parts, 'page:page').find((c) => c.scope.kind === 'column' && c.scope.instance === 'i-jugend')!
    expect(votePart(column.scope, listed)?.title).toBe('Angebotsübersicht · Jugendhilfe')
    expect(votePart({ kind: 'board' }, listed)).toBeUndefined()
  })
})

describe('the licence fallback’s vote panel', () => {
  const vote = (state: 'open' | 'revealed' | 'closed', hidden = false) => ({ state, hidden }) as Parameters<typeof steeringVoteStage>[0]
  it('shows one state at a time: a revealed result without the start form until „Neue Punktabfrage“', () => {
    expect(steeringVoteStage(vote('open'), false)).toBe('open')
    expect(steeringVoteStage(vote('revealed'), false)).toBe('result')
    expect(steeringVoteStage(vote('revealed'), true)).toBe('start')
    expect(steeringVoteStage(vote('revealed', true), false)).toBe('start')
    expect(steeringVoteStage(vote('closed'), false)).toBe('start')
    expect(steeringVoteStage(undefined, false)).toBe('start')
  })
})
