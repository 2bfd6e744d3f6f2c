/**
 * Which parts the contribution view shows while it follows the room (client/beitragen/partsInPlay.ts):
 * the current step's cells, the part the facilitator brought everyone to (a template, a frame's
 * templates, a slide's cells; what „Alle zu mir“ means: client/facilitation/focus.ts), the latest
 * pointer that leads somewhere winning, also for a newcomer reading the doc; a member's group copy during a round, the step followed
 * there too; the plenary without the groups' pages by default; everything on request, each copy
 * named for its group. And whose group this browser is in (ownGroup.ts).
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readContribution } from '../../client/beitragen/contributionModel.ts'
import { partsInPlay, roomPointers, stepNamedBeside, type Pointer, type Room } from '../../client/beitragen/partsInPlay.ts'
import { readBoard } from '../../client/beitragen/boardReading.ts'
import { jumpOffered } from '../../client/beitragen/JumpMenu.tsx'
import { focusInView, partInView } from '../../client/facilitation/focus.ts'
import { focusEntry } from '../../shared/board/entries/focus.ts'
import { stepEntry } from '../../shared/board/entries/step.ts'
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

  it('the part everyone was brought to, later than the step: that template whole, or the cells named', () => {
    const { templates, plenary } = board()
    const step: Pointer = { kind: 'step', instance: plenary.instance, key: 'step:play', at: 100 }
    const whole: Pointer = { kind: 'focus', part: plenary.instance, pageId: 'page:page', at: 200 }
    const shown = partsInPlay(templates, [step, whole], plenum, false)
    expect(shown.followed).toBe(whole)
    expect(headings(shown.parts)).toEqual(plenary.cells.map((c) => c.heading))
    // A slide, or the cells „Alle zu mir“ had in view: those of the part.
    const roles = plenary.cells.filter((c) => c.key.startsWith('role:')).map((c) => c.key)
    const slide = partsInPlay(templates, [step, { ...whole, cells: roles }], plenum, false)
    expect(headings(slide.parts).length).toBe(roles.length)
    expect(headings(slide.parts).every((h) => h.startsWith('Rollen: '))).toBe(true)
    // One step of it.
    expect(headings(partsInPlay(templates, [{ ...whole, step: 'step:evaluation' }], plenum, false).parts)).not.toContain('Rollen: Jobcenter')
    // The step chosen after it wins again.
    const later = partsInPlay(templates, [step, whole, { kind: 'step', instance: plenary.instance, key: 'step:evaluation', at: 300 }], plenum, false)
    expect(headings(later.parts)).toContain('Auswertung auf drei Ebenen: Der Transfer')
    expect(headings(later.parts)).not.toContain('Rollen: Jobcenter')
  })

  it('presenting sets the step and the slide at once: the slide, named more closely, is what the list shows', () => {
    const { templates, plenary } = board()
    const roles = plenary.cells.filter((c) => c.key.startsWith('role:')).map((c) => c.key)
    const pointers: Pointer[] = [
      { kind: 'focus', part: plenary.instance, pageId: 'page:page', cells: roles, step: 'step:play', at: 200 },
      { kind: 'step', instance: plenary.instance, key: 'step:play', at: 200 },
    ]
    for (const order of [pointers, [...pointers].reverse()]) expect(partsInPlay(templates, order, plenum, false).followed?.kind).toBe('focus')
  })

  it('a frame (a group’s returned result) is the templates lying in it', () => {
    const { templates, plenary } = board()
    const frame: Pointer = { kind: 'focus', part: 'shape:frame', pageId: 'page:page', bounds: plenary.box!, at: 200 }
    expect(partsInPlay(templates, [frame], plenum, false).parts.map((p) => p.instance)).toEqual([plenary.instance])
    const empty: Pointer = { ...frame, bounds: { x: -99_000, y: -99_000, w: 10, h: 10 } }
    expect(partsInPlay(templates, [frame, { ...empty, at: 300 }], plenum, false).followed).toBe(frame)
  })

  it('a newcomer starts where the doc says the room is: the part brought to after the step, not the step left over', () => {
    const doc = new Y.Doc()
    putRecords(doc, [plenaryPage, ...build('planspiel', {}).shapes])
    const { instance } = readBoard(doc, reader).templates[0]!
    stepEntry.set(doc, { instance, key: 'step:play', setAt: 100 })
    focusEntry.set(doc, { part: instance, pageId: 'page:page', step: 'step:evaluation', at: 200 })
    const reading = readBoard(doc, reader)
    const start = partsInPlay(reading.templates, roomPointers(reading, undefined), plenum, false)
    expect(start.followed?.kind).toBe('focus')
    expect(headings(start.parts)).toContain('Auswertung auf drei Ebenen: Der Transfer')
    expect(headings(start.parts)).not.toContain('Spielszenen: Szene 1 · Was war gut?')
  })

  it('a pointer that leads nowhere (an own agenda item, a page without templates) leaves the one before', () => {
    const { templates, plenary } = board()
    const pointers: Pointer[] = [
      { kind: 'step', instance: plenary.instance, key: 'step:play', at: 100 },
      { kind: 'step', instance: 'free-agenda', key: 'step:x', at: 200 },
      { kind: 'focus', part: 'shape:gone', pageId: 'page:empty', bounds: { x: 0, y: 0, w: 10, h: 10 }, at: 300 },
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
    const brought = partsInPlay(templates, [inGroup, { kind: 'focus', part: plenary.instance, pageId: 'page:page', step: 'step:play', at: 600 }], room, false)
    expect(brought.parts.map((p) => p.instance)).toEqual([group.instance])
    // Not in a group: the plenary, the copies only on request, named for their group.
    const outside = partsInPlay(templates, [], { round, ownGroupPage: undefined }, false)
    expect(outside.parts.map((p) => p.instance)).toEqual([plenary.instance])
    expect(partsInPlay(templates, [], { round, ownGroupPage: undefined }, true).parts.map((p) => p.title)).toEqual([plenary.title, `${group.title} · Schule`])
  })

  it('„Alle zu mir“ means the one part the view shows most of, and its cells in view: not a strip of the neighbour first', () => {
    const doc = new Y.Doc()
    const planspiel = build('planspiel', {}).shapes
    const planspielBox = union(readContribution([plenaryPage, ...planspiel], reader)[0]!.cells.map((c) => c.box))!
    // A second template right beside it, its left strip in the facilitator's view.
    const neighbour = build('beteiligtenanalyse', { partners: ['Jobcenter'] }, 'de', { x: planspielBox.x + planspielBox.w + 200, y: 0 }).shapes
    putRecords(doc, [plenaryPage, ...neighbour, ...planspiel])
    const templates = readContribution(readRecords(doc).records, reader)
    const [a, b] = [templates.find((t) => t.template === 'planspiel')!, templates.find((t) => t.template !== 'planspiel')!]
    const sections = [b, a].map((t) => ({ key: t.instance, bounds: t.box! }))
    const view = { x: planspielBox.x + planspielBox.w / 2, y: planspielBox.y, w: planspielBox.w / 2 + 600, h: planspielBox.h }
    expect(partInView(sections, view)?.key).toBe(a.instance)
    const focus = focusInView(sections, templates, 'page:page', view, 7)!
    expect(focus).toMatchObject({ part: a.instance, pageId: 'page:page', at: 7 })
    const shown = partsInPlay(templates, [{ kind: 'focus', ...focus }], plenum, false).parts
    expect(shown.map((p) => p.instance)).toEqual([a.instance])
    expect(headings(shown).length).toBeGreaterThan(0)
    expect(headings(shown).length).toBeLessThan(a.cells.length)
    // The whole part in view: the whole part, no cells named.
    expect(focusInView(sections, templates, 'page:page', a.box!, 7)?.cells).toBeUndefined()
    // Nothing of any part in view: nothing to bring anyone to.
    expect(focusInView(sections, templates, 'page:page', { x: -99_000, y: 0, w: 10, h: 10 }, 7)).toBeUndefined()
  })

  it('a long list offers „Springen zu …“: the plenary with nothing pointed at, not a step’s few cells', () => {
    const { templates, plenary } = board()
    expect(jumpOffered(partsInPlay(templates, [], plenum, false).parts)).toBe(true)
    const roles = plenary.cells.filter((c) => c.key.startsWith('role:')).slice(0, 3).map((c) => c.key)
    expect(jumpOffered(partsInPlay(templates, [{ kind: 'focus', part: plenary.instance, pageId: 'page:page', cells: roles, at: 1 }], plenum, false).parts)).toBe(false)
  })

  it('names the current step only beside its own template: not above another part the room was brought to', () => {
    const { plenary } = board()
    const step = { instance: plenary.instance, key: 'step:play', setAt: 10 }
    const focusOn = (part: string, at: number): Pointer => ({ kind: 'focus', part, pageId: 'page:page', at })
    expect(stepNamedBeside(undefined, step)).toBe(true)
    expect(stepNamedBeside({ kind: 'step', instance: plenary.instance, key: 'step:play', at: 10 }, step)).toBe(true)
    expect(stepNamedBeside(focusOn(plenary.instance, 11), step)).toBe(true)
    // After presenting ended on an Angebotsübersicht, the Planspiel's step is not what is shown.
    expect(stepNamedBeside(focusOn('other-template', 11), step)).toBe(false)
    expect(stepNamedBeside({ kind: 'group', pageId: 'page:g1', name: 'Schule', at: 12 }, step)).toBe(true)
    expect(stepNamedBeside(undefined, undefined)).toBe(false)
  })

  it('reads this browser’s user id as tldraw keeps it, and nothing from a damaged entry', () => {
    const storage = (value: string | null) => ({ getItem: () => value })
    expect(ownUserId(storage(JSON.stringify({ version: 13, user: { id: 'abc', name: 'Anna' } })))).toBe('user:abc')
    expect(ownUserId(storage(null))).toBe(null)
    expect(ownUserId(storage('{not json'))).toBe(null)
    expect(ownUserId(storage(JSON.stringify({ user: { id: 7 } })))).toBe(null)
  })
})
