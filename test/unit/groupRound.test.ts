/**
 * Small groups that report back: the round's entry (who writes it, its bounds), finding one's
 * group, forming groups, and the collect-back plan over real template records (Planspiel,
 * Zukunftskonferenz), with Zettel, an arrow and a page of thousands of shapes.
 */
import { createBindingId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { roles } from '../../shared/access.ts'
import { maxCollectedShapes, planCollect, type BindingRecord, type GroupPage, type ShapeRecord } from '../../shared/board/collectGroups.ts'
import { formByRole, formRandomly, groupOf, groupsByName, groupsEntry, GroupRound, maxGroups, planspielRoleGroup } from '../../shared/board/entries/groups.ts'
import type { PlanspielRole } from '../../shared/board/entries/roles.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { build, noteAt, validate } from './templates/helpers.ts'

const group = (i: number, members: string[] = []) => ({ name: `Gruppe ${i}`, pageId: `page:g${i}`, members })
const round = (groups = [group(1), group(2)]) => ({ id: 'r1', plenaryPageId: 'page:page', template: 'planspiel', groups, openedAt: 1 })

describe('the groups entry', () => {
  it('only the facilitator writes it', () => {
    expect(roles.filter((role) => groupsEntry.mayWrite(role))).toEqual(['facilitator'])
  })

  it('holds 2 to 12 groups, each on its own page apart from the plenary, each person in one', () => {
    expect(GroupRound.safeParse(round()).success).toBe(true)
    expect(GroupRound.safeParse(round(Array.from({ length: maxGroups }, (_, i) => group(i)))).success).toBe(true)
    expect(GroupRound.safeParse(round([group(1)])).success).toBe(false)
    expect(GroupRound.safeParse(round(Array.from({ length: maxGroups + 1 }, (_, i) => group(i)))).success).toBe(false)
    expect(GroupRound.safeParse(round([group(1), { ...group(2), pageId: 'page:g1' }])).success).toBe(false)
    expect(GroupRound.safeParse(round([group(1), { ...group(2), pageId: 'page:page' }])).success).toBe(false)
    expect(GroupRound.safeParse(round([group(1, ['user:a']), group(2, ['user:a'])])).success).toBe(false)
    expect(GroupRound.safeParse(round([group(1), { ...group(2), name: '  ' }])).success).toBe(false)
    expect(GroupRound.safeParse(round([group(1), { ...group(2), name: 'x'.repeat(61) }])).success).toBe(false)
    expect(GroupRound.safeParse(round([group(1), group(2, Array.from({ length: 201 }, (_, i) => `user:${i}`))])).success).toBe(false)
    expect(GroupRound.safeParse(round([group(1), { ...group(2), pageId: 'shape:x' }])).success).toBe(false)
    // Unreadable stored values read as "no round".
    expect(groupsEntry.read({ id: 'r1' })).toBeUndefined()
  })

  it("finds one's group: the facilitator's choice first, else the join code's number", () => {
    const r = GroupRound.parse(round([group(1), group(2, ['user:b']), group(3)]))
    expect(groupOf(r, 'user:b', 3)).toBe(1)
    expect(groupOf(r, 'user:c', 3)).toBe(2)
    expect(groupOf(r, 'user:c', 4)).toBeNull()
    expect(groupOf(r, null, null)).toBeNull()
  })

  it("forms groups at random, evenly, and by the Planspiel's groups of roles", () => {
    const people = Array.from({ length: 7 }, (_, i) => ({ userId: `user:${i}` }))
    const formed = formRandomly(people, 3)
    expect(formed.map((g) => g.length).sort()).toEqual([2, 2, 3])
    expect(formed.flat().sort()).toEqual(people.map((p) => p.userId).sort())
    const person = (userId: string, role?: PlanspielRole) => ({ userId, ...(role ? { roleGroup: planspielRoleGroup(role, 'de') } : {}) })
    const byRole = formByRole([
      person('user:a', { kind: 'observer' }),
      person('user:b', { kind: 'organisation', name: 'Jugendamt' }),
      person('user:c', { kind: 'custom', text: 'Presse' }),
      person('user:d', { kind: 'client' }),
      person('user:e', { kind: 'adviser' }),
      person('user:f'),
    ])
    expect(byRole).toEqual([
      { name: 'Gruppe 1 · Spiel', members: ['user:b', 'user:d'] },
      { name: 'Gruppe 2 · Beratung', members: ['user:e'] },
      { name: 'Gruppe 3 · Beobachtung', members: ['user:a'] },
      { name: 'Presse', members: ['user:c'] },
    ])
  })
})

let ids = 0
const target = (frames = 3) => ({
  plenaryPageId: 'page:page',
  origin: { x: 5000, y: 0 },
  frameIndices: ['a5', 'a6', 'a7', 'a8'].slice(0, frames),
  newShapeId: () => `shape:copy${++ids}`,
  newBindingId: () => `binding:copy${++ids}`,
  newInstance: () => `copy${++ids}`,
})

/** A group page holding a template built on it and Zettel in it, as the browser reads them. */
function groupPage(name: string, pageId: string, template: 'planspiel' | 'zukunftskonferenz', notes: string[]): GroupPage {
  const { shapes } = build(template, {})
  const onPage = shapes.map((s) => (s.parentId === 'page:page' ? { ...s, parentId: pageId } : s)) as TLShape[]
  const zettel = notes.map((text, i) => ({ ...noteAt(100 + i * 220, 400, text), parentId: pageId }) as TLShape)
  const all = [...onPage, ...zettel] as unknown as ShapeRecord[]
  const xs = all.filter((s) => s.parentId === pageId)
  const bounds = { x: Math.min(...xs.map((s) => s.x)), y: Math.min(...xs.map((s) => s.y)), w: 3000, h: 2000 }
  return { name, pageId, shapes: all, bindings: [], bounds }
}

describe("taking over a template's small groups", () => {
  it('puts each person present in the group their name was drawn into, once, and nobody by an ambiguous name', () => {
    const people = [
      { userId: 'user:a', name: 'Anna' },
      { userId: 'user:b', name: 'Ben' },
      { userId: 'user:c', name: 'Cem' },
      { userId: 'user:d', name: 'Cem' },
    ]
    const groups = groupsByName(
      [
        { name: 'Kleingruppe 1', memberNames: [' anna ', 'Cem', 'Gast'] },
        { name: 'Kleingruppe 2', memberNames: ['Ben', 'Anna'] },
        { name: 'Gruppe 3', memberNames: [] },
      ],
      people,
    )
    expect(groups).toEqual([
      { name: 'Kleingruppe 1', members: ['user:a'] },
      { name: 'Kleingruppe 2', members: ['user:b'] },
      { name: 'Gruppe 3', members: [] },
    ])
  })
})

describe('collecting the groups back', () => {
  it('copies each group whole into its own named frame, side by side, and leaves the groups as they were', () => {
    const groups = [
      groupPage('Jugendamt', 'page:a', 'planspiel', ['Hilfeplan früher']),
      groupPage('Schule', 'page:b', 'planspiel', ['Ansprechperson', 'Sprechstunde']),
      groupPage('Zukunft', 'page:c', 'zukunftskonferenz', []),
    ]
    const before = structuredClone(groups)
    const plan = planCollect(groups, target())
    if (plan.kind !== 'plan') throw new Error('planned')
    expect(groups).toEqual(before)

    expect(plan.frames.map((f) => (f.props as { name: string }).name)).toEqual(['Jugendamt', 'Schule', 'Zukunft'])
    // Each frame is headed by the group's name in large letters.
    expect(plan.headings.map((h) => [h.parentId, JSON.stringify(h.props)])).toEqual(plan.frames.map((f, i) => [f.id, expect.stringContaining(['Jugendamt', 'Schule', 'Zukunft'][i]!)]))
    expect(plan.frames.every((f) => f.parentId === 'page:page')).toBe(true)
    // Side by side, left to right, none overlapping.
    const xs = plan.frames.map((f) => ({ from: f.x, to: f.x + (f.props as { w: number }).w }))
    expect(xs[0]!.from).toBe(5000)
    for (let i = 1; i < xs.length; i++) expect(xs[i]!.from).toBeGreaterThan(xs[i - 1]!.to)

    expect(plan.shapes).toHaveLength(groups.reduce((n, g) => n + g.shapes.length, 0))
    const copied = new Set(plan.shapes.map((s) => s.id))
    const original = new Set(groups.flatMap((g) => g.shapes.map((s) => s.id)))
    expect([...copied].some((id) => original.has(id))).toBe(false)
    // Every parent is a copied shape or a frame: the tree came along whole.
    const frameIds = new Set(plan.frames.map((f) => f.id))
    expect(plan.headings.every((h) => frameIds.has(h.parentId) && plan.shapes.every((s) => s.parentId !== h.parentId || s.index !== h.index))).toBe(true)
    expect(plan.shapes.every((s) => copied.has(s.parentId) || frameIds.has(s.parentId))).toBe(true)
    // Each copy is its own template instance, apart from the group's.
    const instances = (shapes: readonly ShapeRecord[]) => new Set(shapes.flatMap((s) => scaffoldMeta(s as unknown as TLShape)?.instance ?? []))
    const copiedInstances = instances(plan.shapes)
    expect(copiedInstances.size).toBe(3)
    for (const g of groups) for (const i of instances(g.shapes)) expect(copiedInstances.has(i)).toBe(false)
    // The Zettel came along with their text.
    const texts = plan.shapes.filter((s) => s.type === 'note').map((s) => JSON.stringify(s.props))
    expect(texts.join()).toContain('Sprechstunde')
    validate([...plan.frames, ...plan.headings, ...plan.shapes] as unknown as TLRecord[])
  })

  it("keeps a copied shape where it lay within its group: top-level shapes move into the frame, children stay put", () => {
    const g = groupPage('A', 'page:a', 'planspiel', ['eins'])
    const plan = planCollect([g], target(1))
    if (plan.kind !== 'plan') throw new Error('planned')
    const frame = plan.frames[0]!
    const note = plan.shapes.find((s) => s.type === 'note')!
    const originalNote = g.shapes.find((s) => s.type === 'note')!
    expect(note.parentId).toBe(frame.id)
    expect(note.x - originalNote.x).toBe(80 - g.bounds!.x)
    // Below the heading.
    const heading = plan.headings[0]!
    expect(note.y - originalNote.y).toBeGreaterThan(heading.y - g.bounds!.y)
    const child = g.shapes.find((s) => s.parentId !== 'page:a')
    if (child) expect(plan.shapes.find((s) => s.index === child.index && s.type === child.type && s.parentId !== frame.id)?.x).toBe(child.x)
  })

  it('copies an arrow with its bindings when both ends are copied', () => {
    const a = { ...noteAt(0, 0, 'a'), parentId: 'page:a' } as unknown as ShapeRecord
    const b = { ...noteAt(400, 0, 'b'), parentId: 'page:a' } as unknown as ShapeRecord
    const arrow = { ...noteAt(0, 0, ''), id: 'shape:arrow', type: 'arrow', parentId: 'page:a' } as unknown as ShapeRecord
    const binding = (to: string): BindingRecord => ({ id: createBindingId(), typeName: 'binding', type: 'arrow', fromId: arrow.id, toId: to, props: {}, meta: {} })
    const page: GroupPage = { name: 'A', pageId: 'page:a', shapes: [a, b, arrow], bindings: [binding(a.id), binding(b.id), binding('shape:elsewhere')], bounds: { x: -100, y: -100, w: 600, h: 200 } }
    const plan = planCollect([page], target(1))
    if (plan.kind !== 'plan') throw new Error('planned')
    const newArrow = plan.shapes.find((s) => s.type === 'arrow')!
    const byOld = new Map(page.shapes.map((s, i) => [s.id, plan.shapes[i]!.id]))
    expect(plan.bindings.map((x) => [x.fromId, x.toId])).toEqual([
      [newArrow.id, byOld.get(a.id)],
      [newArrow.id, byOld.get(b.id)],
    ])
  })

  it('gives an empty group an empty frame of its own', () => {
    const plan = planCollect([{ name: 'Leer', pageId: 'page:a', shapes: [], bindings: [], bounds: null }], target(1))
    expect(plan.kind === 'plan' && plan.frames.length === 1 && plan.shapes.length === 0).toBe(true)
  })

  it('collects a group page with thousands of shapes, and refuses more than the bound at once', () => {
    const many = (n: number, pageId: string): GroupPage => ({
      name: pageId,
      pageId,
      shapes: Array.from({ length: n }, (_, i) => ({ ...noteAt(i * 10, 0, `${i}`), parentId: pageId }) as unknown as ShapeRecord),
      bindings: [],
      bounds: { x: -100, y: -100, w: n * 10, h: 200 },
    })
    const plan = planCollect([many(4000, 'page:a'), many(10, 'page:b')], target(2))
    expect(plan.kind === 'plan' && plan.shapes.length).toBe(4010)
    const tooMany = planCollect([many(maxCollectedShapes, 'page:a'), many(1, 'page:b')], target(2))
    expect(tooMany).toEqual({ kind: 'tooMany', count: maxCollectedShapes + 1 })
  })
})
