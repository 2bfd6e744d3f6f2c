/**
 * Which parts the contribution view shows while it follows the room (client/beitragen/partsInPlay.ts):
 * the current step's cells, the cells in the view „Alle zu mir“ brought everyone to, the latest
 * pointer that leads somewhere winning; a member's group copy during a round, the step followed
 * there too; the plenary without the groups' pages by default; everything on request, each copy
 * named for its group. And whose group this browser is in (ownGroup.ts).
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readContribution } from '../../client/beitragen/contributionModel.ts'
import { partsInPlay, type Pointer, type Room } from '../../client/beitragen/partsInPlay.ts'
import { ownUserId } from '../../client/beitragen/ownGroup.ts'
import type { GroupRound } from '../../shared/board/entries/groups.ts'
import { readRecords } from '../../shared/board/records.ts'
import { union } from '../../shared/templates/geometry.ts'
import { putRecords } from '../helpers/records.ts'
import { build } from './templates/helpers.ts'

const plenaryPage = { id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} }
const groupPage = { id: 'page:g1', typeName: 'page', name: 'Schule', index: 'a2', meta: {} }
const reader = { role: 'participant' as const, author: 'me', protection: undefined }

/** A Planspiel on the plenary page and its copy on a group's page. */
function board() {
  const doc = new Y.Doc()
  const copy = build('planspiel', {}).shapes.map((shape) => (shape.parentId === 'page:page' ? { ...shape, parentId: 'page:g1' as never } : shape))
  putRecords(doc, [plenaryPage, groupPage, ...build('planspiel', {}).shapes, ...copy])
  const templates = readContribution(readRecords(doc).records, reader)
  const [plenary, group] = [templates.find((t) => t.pageId === 'page:page')!, templates.find((t) => t.pageId === 'page:g1')!]
  return { templates, plenary, group }
}

const round: GroupRound = {
  id: 'r1',
  plenaryPageId: 'page:page',
  template: 'planspiel',
  groups: [
    { name: 'Schule', pageId: 'page:g1', members: [] },
    { name: 'Jugendamt', pageId: 'page:g2', members: ['user:abc'] },
  ],
  openedAt: 500,
}
const plenum: Room = { round: undefined, ownGroupPage: undefined }
const headings = (parts: { cells: { heading: string }[] }[]) => parts.flatMap((part) => part.cells.map((cell) => cell.heading))

describe('the parts in play', () => {
  it('without a pointer: the plenary, and nothing to lift', () => {
    const { templates } = board()
    const shown = partsInPlay(templates, [], plenum, false)
    expect(shown).toMatchObject({ followed: undefined, hidden: false })
    expect(shown.parts).toHaveLength(2)
  })

  it('the current step: that step’s cells of its template, the rest a request away', () => {
    const { templates, plenary } = board()
    const step: Pointer = { kind: 'step', instance: plenary.instance, key: 'step:play', at: 100 }
    const shown = partsInPlay(templates, [step], plenum, false)
    expect(shown.followed).toBe(step)
    expect(shown.hidden).toBe(true)
    expect(shown.parts.map((p) => p.instance)).toEqual([plenary.instance])
    expect(headings(shown.parts)).toContain('Spielszenen: Szene 1 · Was war gut?')
    expect(headings(shown.parts)).not.toContain('Rollen: Jobcenter')
    expect(partsInPlay(templates, [step], plenum, true).parts).toHaveLength(2)
  })

  it('„Alle zu mir“ later than the step: the cells in the facilitator’s view', () => {
    const { templates, plenary } = board()
    const roles = union(plenary.cells.filter((c) => c.key.startsWith('role:')).map((c) => c.box))!
    const pointers: Pointer[] = [
      { kind: 'step', instance: plenary.instance, key: 'step:play', at: 100 },
      { kind: 'summon', pageId: 'page:page', bounds: roles, at: 200 },
    ]
    const shown = partsInPlay(templates, pointers, plenum, false)
    expect(shown.followed?.kind).toBe('summon')
    expect(headings(shown.parts).every((h) => h.startsWith('Rollen: '))).toBe(true)
    // The step chosen after it wins again.
    const later = partsInPlay(templates, [...pointers, { kind: 'step', instance: plenary.instance, key: 'step:evaluation', at: 300 }], plenum, false)
    expect(headings(later.parts)).toContain('Auswertung auf drei Ebenen: Der Transfer')
    expect(headings(later.parts)).not.toContain('Rollen: Jobcenter')
  })

  it('a pointer that leads nowhere (an own agenda item, a page without templates) leaves the one before', () => {
    const { templates, plenary } = board()
    const pointers: Pointer[] = [
      { kind: 'step', instance: plenary.instance, key: 'step:play', at: 100 },
      { kind: 'step', instance: 'free-agenda', key: 'step:x', at: 200 },
      { kind: 'summon', pageId: 'page:empty', bounds: { x: 0, y: 0, w: 10, h: 10 }, at: 300 },
    ]
    expect(partsInPlay(templates, pointers, plenum, false).followed).toBe(pointers[0])
  })

  it('in a round of small groups: the own group’s copy, the step followed there; others see the plenary', () => {
    const { templates, plenary, group } = board()
    const room: Room = { round, ownGroupPage: 'page:g1' }
    const inGroup: Pointer = { kind: 'group', pageId: 'page:g1', name: 'Schule', at: 500 }
    const shown = partsInPlay(templates, [{ kind: 'step', instance: plenary.instance, key: 'step:play', at: 100 }, inGroup], room, false)
    expect(shown.parts.map((p) => [p.instance, p.title])).toEqual([[group.instance, `${group.title} · Schule`]])
    const step = partsInPlay(templates, [inGroup, { kind: 'step', instance: plenary.instance, key: 'step:evaluation', at: 600 }], room, false)
    expect(step.parts.map((p) => p.instance)).toEqual([group.instance])
    expect(headings(step.parts)).toContain('Auswertung auf drei Ebenen: Der Transfer')
    expect(headings(step.parts)).not.toContain('Rollen: Jobcenter')
    // Not in a group: the plenary, the copies only on request, named for their group.
    const outside = partsInPlay(templates, [], { round, ownGroupPage: undefined }, false)
    expect(outside.parts.map((p) => p.instance)).toEqual([plenary.instance])
    expect(partsInPlay(templates, [], { round, ownGroupPage: undefined }, true).parts.map((p) => p.title)).toEqual([plenary.title, `${group.title} · Schule`])
  })

  it('reads this browser’s user id as tldraw keeps it, and nothing from a damaged entry', () => {
    const storage = (value: string | null) => ({ getItem: () => value })
    expect(ownUserId(storage(JSON.stringify({ version: 13, user: { id: 'abc', name: 'Anna' } })))).toBe('user:abc')
    expect(ownUserId(storage(null))).toBe(null)
    expect(ownUserId(storage('{not json'))).toBe(null)
    expect(ownUserId(storage(JSON.stringify({ user: { id: 7 } })))).toBe(null)
  })
})
