/**
 * Kleingruppen in the Dokumentation, over a real relay: a round of three groups, each with its
 * own copy of the Protokoll on its page and a Zettel written in it, collected back
 * ("Zurückholen", planned by `shared/board/collectGroups.ts` as the facilitator's browser does)
 * into frames on the plenary. The Dokumentation shows each group's result once, under its
 * group's name, and no unnamed copy beside it; the plenary's own template, which nobody wrote
 * in, says so and shows no table.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { planCollect, type GroupPage, type ShapeRecord } from '../../shared/board/collectGroups.ts'
import { apiFetch, createBoard, relaySuite, until } from '../helpers/clients.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { build, noteInCell } from '../unit/templates/helpers.ts'
import { hang } from '../helpers/hang.ts'

describe('Kleingruppen in the Dokumentation', () => {
  const suite = relaySuite()

  it('shows each group’s result once, with its name, after Zurückholen', { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Gründungsveranstaltung', { template: 'protokoll', options: { topics: 1 } })
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    const plenary = recordsIn<{ id: string; typeName: string }>(facilitator.doc).find((r) => r.typeName === 'page')!.id
    const names = ['Gruppe Jugendamt', 'Gruppe Schule', 'Gruppe Beratung']
    const groups: GroupPage[] = []
    let seq = 0
    for (const [i, name] of names.entries()) {
      const pageId = `page:group${i}`
      const template = build('protokoll', { topics: 1 }).shapes.map((s) => (s.parentId === 'page:page' ? { ...s, parentId: pageId } : s)) as TLShape[]
      const note = { ...noteInCell(template, 'tops:cell:top1:thema', `Ergebnis ${name}`), parentId: pageId } as TLShape
      putRecords(facilitator.doc, [{ id: pageId, typeName: 'page', name, index: `a${i + 2}`, meta: {} }, ...template, note])
      const shapes = [...template, note] as unknown as ShapeRecord[]
      groups.push({ name, pageId, shapes, bindings: [], bounds: { x: 0, y: 0, w: 2000, h: 1500 } })
    }
    const plan = planCollect(groups, {
      plenaryPageId: plenary,
      origin: { x: 5000, y: 0 },
      frameIndices: ['a8', 'a9', 'aA'],
      newShapeId: () => `shape:collected${++seq}`,
      newBindingId: () => `binding:collected${++seq}`,
      newInstance: () => `copy${++seq}`,
    })
    if (plan.kind !== 'plan') throw new Error('too many shapes')
    putRecords(facilitator.doc, [...plan.frames, ...plan.headings, ...plan.shapes])
    const reader = await suite.connect(board.id, board.access.participant)
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(plan.shapes.at(-1)!.id))

    const response = await apiFetch(suite.relay, `/api/boards/${board.id}/report?format=md&locale=de&day=2026-11-26`, { headers: { authorization: `Bearer ${board.access.participant}` } })
    expect(response.status).toBe(200)
    const md = await response.text()
    for (const name of names) {
      expect(md.split(`## Protokoll · ${name}\n`).length - 1).toBe(1)
      expect(md.split(`Ergebnis ${name}`).length - 1).toBe(1)
    }
    // No unnamed copy: the one unnamed Protokoll is the plenary's own, which nobody wrote in.
    expect(md).toContain('1. Protokoll\n2. Protokoll · Gruppe Jugendamt\n3. Protokoll · Gruppe Schule\n4. Protokoll · Gruppe Beratung\n\n')
    expect(md).toContain('## Protokoll\n\nNoch keine Einträge.')
  })
})
