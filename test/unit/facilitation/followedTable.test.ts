/**
 * Following in a small window (client/facilitation/followedTable.ts): when the followed area's
 * Zettel would be read below 14 px on this window's canvas, the window shows the followed part as
 * the wall's table; which template and cells that is; which cell the laser points at.
 * The walk: „Alle zu mir“ scaled the coordinator's area to 40 % at 960 px and 29 % at 683 px.
 */
import { describe, expect, it } from 'vitest'
import { readContribution } from '../../../client/beitragen/contributionModel.ts'
import { followAsTable, followedArea, followedPart, followedZettelPagePx, followedZettelPx, leaderView, pointedCell, zettelTypePx } from '../../../client/facilitation/followedTable.ts'
import { union } from '../../../shared/templates/geometry.ts'
import { build } from '../templates/helpers.ts'

const page = { id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} }
const reader = { role: 'participant' as const, author: 'me', protection: undefined }

describe('following in a small window', () => {
  it('a table where the canvas would show the followed Zettel below 14 px; the canvas where it reads them', () => {
    // The coordinator's area, as wide as 40 % of it fills 960 px and 29 % fills 683 px.
    const area = { w: 2400, h: 1350 }
    expect(followedZettelPx(area, { w: 960, h: 1000 }, 22)).toBeCloseTo(8.8)
    expect(followedZettelPx(area, { w: 683, h: 768 }, 22)).toBeCloseTo(6.26, 1)
    expect(followAsTable(area, { w: 960, h: 1000 }, 22)).toBe(true)
    expect(followAsTable(area, { w: 683, h: 768 }, 22)).toBe(true)
    // A view of the roles at a laptop's 100 %: 22 px on the laptop, 11 px at half of it, 14 px and more at 960 px.
    const roles = { w: 1300, h: 650 }
    expect(followAsTable(roles, { w: 1366, h: 700 }, 22)).toBe(false)
    expect(followAsTable(roles, { w: 683, h: 700 }, 22)).toBe(true)
    expect(followAsTable(roles, { w: 960, h: 700 }, 22)).toBe(false)
    // Larger Zettel (a template's, scaled for the projector) stay readable at half a laptop.
    expect(followAsTable(roles, { w: 683, h: 700 }, 22 * 1.4)).toBe(false)
    // The height counts as well as the width: a low window shrinks a tall area.
    expect(followAsTable({ w: 600, h: 1600 }, { w: 1366, h: 700 }, 22)).toBe(true)
    // A tiny area is not magnified past the editor's zoom.
    expect(followedZettelPx({ w: 10, h: 10 }, { w: 683, h: 768 }, 22, 8)).toBe(176)
  })

  it('reads the Zettel type from their size, scale and tldraw’s fitting: the middle one of the area', () => {
    expect(zettelTypePx({})).toBe(22)
    expect(zettelTypePx({ size: 'l', scale: 2 })).toBe(52)
    expect(zettelTypePx({ size: 'm', scale: 1, fontSizeAdjustment: 0.5 })).toBe(11)
    expect(zettelTypePx({ size: 'm', fontSizeAdjustment: 0 }), 'not fitted yet: the whole type').toBe(22)
    // No Zettel in the area: a Zettel as tldraw makes it.
    expect(followedZettelPagePx([])).toBe(22)
    // One stray small Zettel does not decide it.
    expect(followedZettelPagePx([{ scale: 0.3 }, { scale: 1.5 }, { scale: 1.5 }])).toBe(33)
    expect(followedZettelPagePx([{ scale: 0.5 }, { scale: 1 }])).toBe(11)
  })

  it('shows the template filling most of the followed view, and its cells in view; nothing for no template', () => {
    const planspiel = build('planspiel', {}).shapes
    const [template] = readContribution([page, ...planspiel], reader)
    const whole = union(template!.cells.map((c) => c.box))!
    const sections = [{ key: template!.instance, bounds: whole }]
    // The whole template: every cell.
    const all = followedPart(sections, [template!], 'page:page', whole)!
    expect(all).toMatchObject({ instance: template!.instance, title: template!.title })
    expect(all.cells).toEqual(template!.cells.map((c) => c.key))
    // The roles in view: the roles' cells, none of the evaluation's.
    const roles = template!.cells.filter((c) => c.key.startsWith('role:'))
    const view = union(roles.map((c) => c.box))!
    const shown = followedPart(sections, [template!], 'page:page', view)!
    expect(shown.cells).toEqual(expect.arrayContaining(roles.map((c) => c.key)))
    expect(shown.cells.length).toBeLessThan(template!.cells.length)
    expect(shown.cells.every((key) => !key.startsWith('eval'))).toBe(true)
    // Nothing of a template in view, or another page: the canvas.
    expect(followedPart(sections, [template!], 'page:page', { x: -99_000, y: 0, w: 10, h: 10 })).toBeUndefined()
    expect(followedPart(sections, [template!], 'page:other', view)).toBeUndefined()
    // A frame is a part, but no template: no table.
    expect(followedPart([{ key: 'shape:frame', bounds: whole }], [{ ...template!, instance: 'shape:frame', template: '' }], 'page:page', whole)).toBeUndefined()

    // The laser over a shown cell names that cell; over one not shown, or nowhere, none.
    const first = roles[0]!
    const middle = { x: first.box.x + first.box.w / 2, y: first.box.y + first.box.h / 2 }
    expect(pointedCell(template!, shown.cells, middle)).toBe(first.key)
    expect(pointedCell(template!, [], middle)).toBeUndefined()
    expect(pointedCell(template!, shown.cells, undefined)).toBeUndefined()
    expect(pointedCell(template!, shown.cells, { x: -99_000, y: 0 })).toBeUndefined()
  })

  it('reads the followed view from the leader’s camera and screen', () => {
    expect(leaderView({ camera: { x: -100, y: -50, z: 0.5 }, screenBounds: { x: 0, y: 0, w: 1366, h: 768 } })).toEqual({ x: 100, y: 50, w: 2732, h: 1536 })
    expect(leaderView({ camera: null, screenBounds: null })).toBeUndefined()
  })

  it('leaves room for a panel of the dock that stays open (the „Einverstanden?“ round): beside it where the table keeps its width, else below it', () => {
    // The table beneath the top bar and the dock's first row, the window's whole width.
    expect(followedArea({ w: 683, h: 768 }, 96, undefined)).toEqual({ x: 0, y: 96, w: 683, h: 672 })
    // The round's panel (280 px wide from the dock's left edge) in a half-screen window: beside it
    // the table would keep 387 px for its columns, so it starts below the panel, as wide as before.
    const round = { x: 8, y: 96, w: 280, h: 300 }
    const narrow = followedArea({ w: 683, h: 768 }, 96, round)
    expect(narrow).toEqual({ x: 0, y: 404, w: 683, h: 364 })
    // At 1366 px the columns keep their room beside the panel, the table its whole height.
    const wide = followedArea({ w: 1366, h: 768 }, 96, round)
    expect(wide).toEqual({ x: 296, y: 96, w: 1070, h: 672 })
    // Either way, nothing of the table lies under the panel.
    for (const area of [narrow, wide]) {
      const apart = area.x >= round.x + round.w || area.y >= round.y + round.h
      expect(apart).toBe(true)
    }
    // Folded to its bar (one row under the dock's first): the table starts beneath the bar.
    expect(followedArea({ w: 683, h: 768 }, 96, { x: 8, y: 96, w: 200, h: 28 })).toEqual({ x: 0, y: 132, w: 683, h: 636 })
  })
})
