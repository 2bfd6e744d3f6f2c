/**
 * Every template presented on the wall, as a room sees it: a projector laptop at 1920×1080 in
 * Beamer mode (`?beamer=1`), each of the 18 templates filled as in a workshop (two Zettel in every
 * cell, at the size the board gives them there), presenting from the wall itself. On every slide:
 * - nothing of editing: no toolbar, menus, panels, toasts or vote controls;
 * - every Zettel of the slide's part readable: its type on screen (the font size tldraw gives a
 *   note, 22 px, times the note's scale and the zoom as the browser draws it, less the tenth
 *   tldraw may take off for a long word) at least 14 px;
 * - the table's headers: the part's cells' column and row headers in view, either the headers
 *   themselves or their titles in a strip beside a band or run cut from the table (frozenHeaders.ts);
 * - nothing of another part (no crumbs): no Zettel cut at the part's edge by the covering;
 * - titles whole in the 16:9 safe area (a twentieth of the picture free at each edge).
 * Slides per template are counted and reported (SLIDES= lines in the output).
 * Screenshots (ARTIFACTS=1): test/artifacts/wall-<template>-<n>.png.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { templateNames } from '../../shared/templates/registry.ts'

/** Said in workshops; long compounds among them, which tldraw sets smaller to keep on a line. */
const zettel = [
  'Kinderbetreuung bei Terminen',
  'Sprechstunde im Familienzentrum',
  'Wer lädt ein?',
  'Datenschutz klären',
  'Netzwerkkoordination',
  'Elterncafé',
  'Übergang Kita – Schule',
  'Dolmetscherpool',
]

const screen = { width: 1920, height: 1080 }
const safe = { left: 1920 * 0.05, top: 1080 * 0.05, right: 1920 * 0.95, bottom: 1080 * 0.95 }

/** What one slide shows, measured in the wall's page. */
interface SlideReading {
  where: string
  chrome: string[]
  /** The Zettel of the part: text and type size on screen. */
  notes: { text: string; px: number }[]
  /** Header keys of the part's table and whether each (or its copy) lies wholly in view. */
  headers: { key: string; inView: boolean; copy: boolean }[]
  /** Titles and headers on the slide (themselves or in a strip), on screen. */
  titles: { key: string; left: number; top: number; right: number; bottom: number }[]
  /** Scaffold shapes of other parts whose middle shows outside the covering. */
  crumbs: string[]
}

async function readSlide(page: Page): Promise<SlideReading> {
  return page.evaluate(
    ({ chromeSelectors }) => {
      const editor = window.__netzwerkstatt!.editor
      const where = document.querySelector('.nws-beamer .nws-presenter__where')?.textContent ?? ''
      const chrome = chromeSelectors.filter((s) => document.querySelector(s) !== null)
      const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { key: string; kind: string; template: string } }).netzwerkstatt
      const shapes = editor.getCurrentPageShapes()
      const view = editor.getViewportPageBounds()
      // The part on the wall: what the covering leaves free.
      const covers = [...document.querySelectorAll<HTMLElement>('.nws-wall-slide__cover')].map((el) => el.getBoundingClientRect())
      const covered = (x: number, y: number) => covers.some((r) => x > r.left && x < r.right && y > r.top && y < r.bottom)
      const onScreen = (b: { x: number; y: number; w: number; h: number }) => {
        const a = editor.pageToScreen({ x: b.x, y: b.y })
        const z = editor.pageToScreen({ x: b.x + b.w, y: b.y + b.h })
        return { left: a.x, top: a.y, right: z.x, bottom: z.y }
      }
      const visible = (b: { x: number; y: number; w: number; h: number }) => {
        const s = onScreen(b)
        const mx = (s.left + s.right) / 2
        const my = (s.top + s.bottom) / 2
        return mx > 0 && mx < innerWidth && my > 0 && my < innerHeight && !covered(mx, my)
      }
      const notes = shapes
        .filter((s) => s.type === 'note' && visible(editor.getShapePageBounds(s)!))
        .map((s) => {
          const label = document.querySelector<HTMLElement>(`[data-shape-id="${s.id}"] .tl-rich-text`)
          const text = editor.getShapeUtil(s).getText(s) ?? ''
          if (!label) return { text, px: 0 }
          // tldraw's type for the note (its font size as drawn, before the shrink for a long word)
          // times every scale between the page and the screen, less the tenth the board allows for
          // long words (projector.ts).
          const scale = label.getBoundingClientRect().width / label.offsetWidth
          const shrink = (s.props as { fontSizeAdjustment?: number }).fontSizeAdjustment || 1
          return { text, px: (parseFloat(getComputedStyle(label).fontSize) / shrink) * scale * 0.9 }
        })
      // The part's cells, and the headers of their rows and columns (cells name them in their meta).
      const cells = shapes.filter((s) => meta(s)?.kind === 'cell' && visible(editor.getShapePageBounds(s)!))
      const copies = new Map(
        [...document.querySelectorAll<HTMLElement>('.nws-wall-slide__strip')].map((img) => [img.dataset.header!, img.getBoundingClientRect()]),
      )
      const inside = (r: { left: number; top: number; right: number; bottom: number }) => r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1
      const headerShapes = shapes.filter((s) => meta(s)?.kind === 'header')
      const section = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { cell?: { section?: string } } }).netzwerkstatt?.cell?.section
      const allCells = shapes.filter((s) => meta(s)?.kind === 'cell').map((s) => ({ s, b: editor.getShapePageBounds(s)! }))
      const named = new Set<string>()
      for (const cell of cells) {
        const cb = editor.getShapePageBounds(cell)!
        const table = allCells.filter((c) => section(c.s) === section(cell))
        // The header over the cell's column: on the cell itself (a list of cells each under its
        // own header), else on the column's first cell; the row's: beside the row's first cell.
        const over = (top: { y: number }) => headerShapes.find((h) => {
          const hb = editor.getShapePageBounds(h)!
          return Math.abs(hb.maxY - top.y) < 2 && hb.x >= cb.x - 2 && hb.maxX <= cb.maxX + 2
        })
        const first = table.filter((c) => Math.abs(c.b.x - cb.x) < 2 && Math.abs(c.b.w - cb.w) < 2).sort((a, b) => a.b.y - b.b.y)[0]!.b
        const column = over(cb) ?? over(first)
        const start = table.filter((c) => Math.abs(c.b.y - cb.y) < 2 && Math.abs(c.b.h - cb.h) < 2).sort((a, b) => a.b.x - b.b.x)[0]!.b
        const row = headerShapes.find((h) => {
          const hb = editor.getShapePageBounds(h)!
          return Math.abs(hb.maxX - start.x) < 2 && hb.y >= cb.y - 2 && hb.maxY <= cb.maxY + 2
        })
        for (const h of [column, row]) if (h) named.add(h.id)
      }
      const headers = headerShapes
        .filter((h) => named.has(h.id))
        .map((h) => {
          const copy = copies.get(h.id)
          return { key: meta(h)!.key, copy: copy !== undefined, inView: copy ? inside(copy) : visible(editor.getShapePageBounds(h)!) && inside(onScreen(editor.getShapePageBounds(h)!)) }
        })
      // Every title and header the slide shows (themselves or their copies), on screen.
      const titles = [
        ...shapes
          .filter((s) => (meta(s)?.kind === 'title' || meta(s)?.kind === 'header') && visible(editor.getShapePageBounds(s)!))
          .map((s) => ({ key: meta(s)!.key, ...onScreen(editor.getShapePageBounds(s)!) })),
        ...[...copies].map(([id, r]) => ({ key: `strip of ${meta(editor.getShape(id as never)!)!.key}`, left: r.left, top: r.top, right: r.right, bottom: r.bottom })),
      ]
      // A Zettel of another part cut at the part's edge: partly covered, partly not.
      const crumbs = shapes
        .filter((s) => s.type === 'note')
        .filter((s) => {
          const b = editor.getShapePageBounds(s)!
          if (!(b.x < view.maxX && b.maxX > view.x && b.y < view.maxY && b.maxY > view.y) || covers.length === 0) return false
          const inset = Math.min(b.w, b.h) * 0.05
          const corners = [
            [b.x + inset, b.y + inset],
            [b.maxX - inset, b.y + inset],
            [b.x + inset, b.maxY - inset],
            [b.maxX - inset, b.maxY - inset],
          ].map(([x, y]) => editor.pageToScreen({ x: x!, y: y! }))
          const open = corners.filter((p) => !covered(p.x, p.y) && p.x > 0 && p.x < innerWidth && p.y > 0 && p.y < innerHeight).length
          return open > 0 && open < 4
        })
        .map((s) => `${editor.getShapeUtil(s).getText(s)}`)
      return { where, chrome, notes, headers, titles, crumbs }
    },
    { chromeSelectors: ['.tlui-main-toolbar', '.tlui-menu-zone', '.tlui-style-panel', '.nws-facilitation-dock', '.nws-facilitation', '.nws-share-zone', '.nws-vote-panel', '.nws-vote-target', '.tlui-toast__container', '.nws-name-prompt', '.tlui-navigation-panel'] },
  )
}

/** Two Zettel in every cell of the page's template, put in its middle as a participant would: the board files each into a slot. */
const fillCells = (page: Page) =>
  page.evaluate((zettel) => {
    const editor = window.__netzwerkstatt!.editor
    const cells = editor.getCurrentPageShapes().filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'cell')
    // Written during a gesture, as by hand: back at rest, the board files each into a free slot of its cell.
    editor.setCurrentTool('hand')
    let n = 0
    for (const cell of cells) {
      const c = editor.getShapePageBounds(cell)!.center
      for (let i = 0; i < 2; i++) {
        const text = zettel[n++ % zettel.length]!
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
        editor.createShape({ type: 'note', x: c.x - 100, y: c.y - 100, props: { richText } })
      }
    }
    editor.setCurrentTool('select')
    return cells.length * 2
  }, zettel)

/** Whether every Zettel lies on a spot of its own (the board has filed them into slots). */
const filed = (page: Page) =>
  page.evaluate(() => {
    const notes = window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note')
    return new Set(notes.map((s) => `${Math.round(s.x)}:${Math.round(s.y)}`)).size === notes.length
  })

describe.skipIf(skipBrowserTests)('every template on the wall', () => {
  const suite = boardBrowserSuite()
  let wall: Person
  const counts: Record<string, number> = {}

  beforeAll(async () => {
    wall = await suite.person({ viewport: screen, keep: true })
  })
  afterAll(() => {
    console.log(`SLIDES= ${JSON.stringify(counts)}`)
  })

  for (const name of templateNames) {
    it(`${name}: every slide the part alone, its headers, Zettel ≥ 14 px, titles whole`, { timeout: 60_000 }, async () => {
      const board = await createBoard(suite.relay, name, { template: name, locale: 'de' })
      const page = wall.page
      await page.goto(boardPageUrl(suite.relay, board).replace('#', '?beamer=1#'))
      await page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: 20_000 })
      await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
      // Slides change without the camera's flight: some 250 slides are walked through.
      await page.evaluate(() => window.__netzwerkstatt!.editor.user.updateUserPreferences({ animationSpeed: 0 }))
      const written = await fillCells(page)
      await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note').length)).toBe(written)
      await expect.poll(() => filed(page)).toBe(true)

      await page.getByRole('button', { name: 'Präsentieren' }).click()
      const where = page.locator('.nws-beamer .nws-presenter__where')
      await expect.poll(() => where.innerText()).toMatch(/^1 von \d+/)
      const total = Number((await where.innerText()).match(/^1 von (\d+)/)![1])
      counts[name] = total
      const seen = new Set<string>()
      let before = ''
      for (let n = 1; n <= total; n++) {
        if (n > 1) await page.keyboard.press('PageDown')
        await expect.poll(() => where.innerText()).toMatch(new RegExp(`^${n} von ${total}`))
        // The wall shows the new slide (the camera sets off once the slide is worked out), then rests.
        await page.waitForFunction((before) => {
          const shown = document.querySelector<HTMLElement>('.nws-wall-slide')
          return shown !== null && shown.dataset.slide !== before
        }, before)
        await cameraAtRest(page)
        before = (await page.locator('.nws-wall-slide').getAttribute('data-slide')) ?? ''
        await page.mouse.move(960, 540)
        const slide = await readSlide(page)
        await screenshot(page, `wall-${name}-${n}.png`)
        expect(slide.chrome, `${name} ${n}`).toEqual([])
        for (const note of slide.notes) {
          seen.add(note.text)
          expect(note.px, `${name} ${n}: ${note.text}`).toBeGreaterThanOrEqual(14 - 0.05)
        }
        for (const header of slide.headers) expect(header.inView, `${name} ${n}: header ${header.key}`).toBe(true)
        for (const title of slide.titles) {
          expect(title.top, `${name} ${n}: ${title.key}`).toBeGreaterThanOrEqual(safe.top - 1)
          expect(title.left, `${name} ${n}: ${title.key}`).toBeGreaterThanOrEqual(safe.left - 1)
          expect(title.bottom, `${name} ${n}: ${title.key}`).toBeLessThanOrEqual(safe.bottom + 1)
          expect(title.right, `${name} ${n}: ${title.key}`).toBeLessThanOrEqual(safe.right + 1)
        }
        expect(slide.crumbs, `${name} ${n}`).toEqual([])
      }
      expect(seen.size, name).toBeGreaterThan(0)
      expect(wall.problems).toEqual([])
    })
  }
})
