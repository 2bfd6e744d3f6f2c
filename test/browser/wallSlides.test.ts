/**
 * Every template presented on the wall, as a room sees it: a projector laptop at 1920×1080 in
 * Beamer mode (`?beamer=1`), each of the 18 templates filled as in a workshop (two Zettel in every
 * cell), presenting from the wall itself. The wall draws a template's slide as a table
 * (client/facilitation/WallTable.tsx); on every slide:
 * - nothing of editing: no toolbar, menus, panels, toasts or vote controls;
 * - every Zettel of the slide's cells on the table, whole and in view, its type at least 14 px;
 * - each such cell's column and row headers (the names its template gives them) on the slide;
 * - nothing of another part: no Zettel of a cell the slide does not show;
 * - titles whole in the 16:9 safe area (a twentieth of the picture free at each edge);
 * - at most 6 slides a template.
 * Slides per template are counted and reported (SLIDES= lines in the output), with the type.
 * Screenshots (ARTIFACTS=1): test/artifacts/wall-<template>-<n>.png.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import type { TLShape } from '@tldraw/tlschema'
import type { CreatedBoard } from '../../shared/api.ts'
import type { RelayProcess } from '../helpers/relay.ts'
import { consentEntry } from '../../shared/board/entries/consent.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { recordedFor } from '../helpers/consentRecords.ts'
import { recordsIn } from '../helpers/records.ts'
import { templateNames } from '../../shared/templates/registry.ts'
import { workshopZettel } from '../helpers/workshopZettel.ts'

const zettel = workshopZettel

const screen = { width: 1920, height: 1080 }
/** Two Zettel a cell, as the goal of six slides is set for; WALL_ZETTEL_PER_CELL=4 measures a fuller board (and holds it to no count). */
const perCell = Number(process.env.WALL_ZETTEL_PER_CELL || 2)
const mostSlides = perCell <= 2 ? 6 : Infinity
const safe = { left: 1920 * 0.05, top: 1080 * 0.05, right: 1920 * 0.95, bottom: 1080 * 0.95 }

/** What one slide shows, measured in the wall's page. */
interface SlideReading {
  chrome: string[]
  /** The type the table is drawn at. */
  font: number
  /** The Zettel on the table: text, type, whether wholly in the safe area and not cut, and its cell. */
  notes: { text: string; px: number; whole: boolean; cell: string }[]
  /** Each cell's names (from its shape on the board) that the slide does not show as a header. */
  missing: string[]
  /** Cells whose Zettel on the slide are not those lying in them on the board. */
  strays: string[]
  /** Titles, captions and headers on screen. */
  titles: { text: string; left: number; top: number; right: number; bottom: number }[]
}

async function readSlide(page: Page): Promise<SlideReading> {
  return page.evaluate(
    ({ chromeSelectors, safe }) => {
      const editor = window.__netzwerkstatt!.editor
      const chrome = chromeSelectors.filter((s) => document.querySelector(s) !== null)
      const table = document.querySelector<HTMLElement>('.nws-wall-table')!
      const body = table.querySelector<HTMLElement>('.nws-wall-table__body')!
      const rect = (el: Element) => el.getBoundingClientRect()
      const within = (r: DOMRect) => r.left >= safe.left - 1 && r.top >= safe.top - 1 && r.right <= safe.right + 1 && r.bottom <= safe.bottom + 1
      const bodyBox = rect(body)
      // The cells' shapes on the board, by their template key: what they are named there.
      type Meta = { key: string; kind: string; cell?: { sectionTitle?: string; rowLabel?: string; colLabel?: string } }
      const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: Meta }).netzwerkstatt
      const shapes = editor.getCurrentPageShapes()
      const cellShapes = new Map(shapes.filter((s) => meta(s)?.kind === 'cell').map((s) => [meta(s)!.key, s]))
      const shownCells = [...table.querySelectorAll<HTMLElement>('.nws-wall-table__cell')]
      const notes = shownCells.flatMap((cell) =>
        [...cell.querySelectorAll<HTMLElement>('.nws-wall-table__item--zettel')].map((el) => {
          const r = rect(el)
          // Whole: in the safe area, inside the body (not cut off by its bottom), its words not overflowing the card.
          const whole = within(r) && r.bottom <= bodyBox.bottom + 1 && el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1
          return { text: el.textContent ?? '', px: parseFloat(getComputedStyle(el).fontSize), whole, cell: cell.dataset.cell! }
        }),
      )
      // The names a cell's row and column have on the board, each shown somewhere as a header, caption or title.
      const visibleTexts = new Set(
        [...table.querySelectorAll<HTMLElement>('.nws-wall-table__head, .nws-wall-table__caption, .nws-wall-table__title')].filter((el) => within(rect(el))).map((el) => (el.textContent ?? '').trim()),
      )
      const shownText = (name: string) => [...visibleTexts].some((t) => t === name || t.includes(name))
      const missing = shownCells.flatMap((cell) => {
        const ref = meta(cellShapes.get(cell.dataset.cell!)!)?.cell
        return [ref?.rowLabel, ref?.colLabel].flatMap((name) => (name && name.trim() && !shownText(name.trim()) ? [`${cell.dataset.cell}: ${name}`] : []))
      })
      // Each shown cell holds exactly the Zettel lying in it on the board (its middle in the smallest cell around it):
      // none missing, none of another cell or part.
      const cellBoxes = [...cellShapes].map(([key, shape]) => ({ key, box: editor.getShapePageBounds(shape)! }))
      const onBoard = new Map<string, string[]>()
      for (const note of shapes.filter((s) => s.type === 'note')) {
        const c = editor.getShapePageBounds(note)!.center
        const cell = cellBoxes.filter((b) => b.box.containsPoint(c)).sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]
        if (cell) onBoard.set(cell.key, [...(onBoard.get(cell.key) ?? []), editor.getShapeUtil(note).getText(note) ?? ''])
      }
      const strays = shownCells.flatMap((cell) => {
        const key = cell.dataset.cell!
        const shown = notes.filter((n) => n.cell === key).map((n) => n.text).sort()
        const there = (onBoard.get(key) ?? []).sort()
        return JSON.stringify(shown) === JSON.stringify(there) ? [] : [`${key}: shows ${JSON.stringify(shown)}, board ${JSON.stringify(there)}`]
      })
      const titles = [...table.querySelectorAll<HTMLElement>('.nws-wall-table__title, .nws-wall-table__caption, .nws-wall-table__head')].map((el) => {
        const r = rect(el)
        return { text: (el.textContent ?? '').slice(0, 40), left: r.left, top: r.top, right: r.right, bottom: r.bottom }
      })
      return { chrome, font: Number(body.dataset.font), notes, missing, strays, titles }
    },
    {
      chromeSelectors: ['.tlui-main-toolbar', '.tlui-menu-zone', '.tlui-style-panel', '.nws-facilitation-dock', '.nws-facilitation', '.nws-share-zone', '.nws-vote-panel', '.nws-vote-target', '.tlui-toast__container', '.nws-name-prompt', '.tlui-navigation-panel'],
      safe,
    },
  )
}

/** `perCell` Zettel in every cell of the page's template, put in its middle as a participant would: the board files each into a slot. */
const fillCells = (page: Page) =>
  page.evaluate(({ zettel, perCell }) => {
    const editor = window.__netzwerkstatt!.editor
    const cells = editor.getCurrentPageShapes().filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'cell')
    // Written during a gesture, as by hand: back at rest, the board files each into a free slot of its cell.
    editor.setCurrentTool('hand')
    let n = 0
    for (const cell of cells) {
      const c = editor.getShapePageBounds(cell)!.center
      for (let i = 0; i < perCell; i++) {
        const text = zettel[n++ % zettel.length]!
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
        editor.createShape({ type: 'note', x: c.x - 100, y: c.y - 100, props: { richText } })
      }
    }
    editor.setCurrentTool('select')
    return cells.length * perCell
  }, { zettel, perCell })

/** The facilitator's complete record of every Fallkonferenz on the board, written through a client of the relay. */
async function recordConsent(relay: Pick<RelayProcess, 'wsUrl'>, board: CreatedBoard) {
  const client = connectClient(relay, board.id, undefined, { token: board.access.facilitator })
  try {
    await whenSynced(client)
    consentEntry.set(client.doc, recordedFor(recordsIn<TLShape>(client.doc)))
    // Kept by the relay once a second client sees it.
    const check = connectClient(relay, board.id, undefined, { token: board.access.facilitator })
    try {
      await until(check.doc, () => facilitationMap(check.doc).get(consentEntry.key) !== undefined)
    } finally {
      check.destroy()
    }
  } finally {
    client.destroy()
  }
}

/** Whether every Zettel lies on a spot of its own (the board has filed them into slots). */
const filed = (page: Page) =>
  page.evaluate(() => {
    const notes = window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note')
    return new Set(notes.map((s) => `${Math.round(s.x)}:${Math.round(s.y)}`)).size === notes.length
  })

describe.skipIf(skipBrowserTests)('every template on the wall', () => {
  const suite = boardBrowserSuite()
  let wall: Person
  const counts: Record<string, string> = {}

  beforeAll(async () => {
    wall = await suite.person({ viewport: screen, keep: true })
  })
  afterAll(() => {
    console.log(`SLIDES= ${JSON.stringify(counts)}`)
  })

  for (const name of templateNames) {
    it(`${name}: at most 6 slides, each a table of its cells with their headers, Zettel ≥ 14 px, titles whole`, { timeout: 60_000 }, async () => {
      const board = await createBoard(suite.relay, name, { template: name, locale: 'de' })
      // A Fallkonferenz's case cells stay shut until its confirmations are recorded: recorded first, as a facilitator does.
      if (name === 'fallkonferenz') await recordConsent(suite.relay, board)
      const page = wall.page
      await page.goto(boardPageUrl(suite.relay, board).replace('#', '?beamer=1#'))
      await page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: 20_000 })
      await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
      // Everyone else's camera flies to the slide's cells; here no flight to wait for.
      await page.evaluate(() => window.__netzwerkstatt!.editor.user.updateUserPreferences({ animationSpeed: 0 }))
      const written = await fillCells(page)
      await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note').length)).toBe(written)
      if (perCell <= 2) await expect.poll(() => filed(page)).toBe(true)
      else {
        // More Zettel than a cell has slots for: some lie a little off others; wait until none moves.
        let last = ''
        const settled = async () => {
          const now = await page.evaluate(() => JSON.stringify(window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note').map((s) => [s.x, s.y])))
          const same = now === last
          last = now
          return same
        }
        await expect.poll(settled, { interval: 250 }).toBe(true)
      }

      await page.getByRole('button', { name: 'Präsentieren' }).click()
      const where = page.locator('.nws-beamer .nws-presenter__where')
      await expect.poll(() => where.innerText()).toMatch(/^1 von \d+/)
      const total = Number((await where.innerText()).match(/^1 von (\d+)/)![1])
      expect(total, name).toBeLessThanOrEqual(mostSlides)
      const seen = new Set<string>()
      let before = ''
      let smallest = Infinity
      for (let n = 1; n <= total; n++) {
        if (n > 1) await page.keyboard.press('PageDown')
        await expect.poll(() => where.innerText()).toMatch(new RegExp(`^${n} von ${total}`))
        // The wall draws the new slide's table and sizes its type once its faces are in.
        await page.waitForFunction((before) => {
          const shown = document.querySelector<HTMLElement>('.nws-wall-table')
          const faces = shown?.querySelector<HTMLElement>('.nws-wall-table__body')?.dataset.faces
          return shown !== null && shown.dataset.slide !== before && faces !== undefined && faces !== '0'
        }, before)
        before = (await page.locator('.nws-wall-table').getAttribute('data-slide')) ?? ''
        await page.mouse.move(960, 540)
        const slide = await readSlide(page)
        await screenshot(page, `wall-${name}-${n}.png`)
        smallest = Math.min(smallest, slide.font)
        expect(slide.chrome, `${name} ${n}`).toEqual([])
        expect(slide.notes.length, `${name} ${n}`).toBeGreaterThan(0)
        for (const note of slide.notes) {
          seen.add(note.cell)
          expect(note.px, `${name} ${n}: ${note.text}`).toBeGreaterThanOrEqual(14)
          expect(note.whole, `${name} ${n}: ${note.text} whole in view`).toBe(true)
        }
        expect(slide.missing, `${name} ${n}: headers`).toEqual([])
        expect(slide.strays, `${name} ${n}`).toEqual([])
        for (const title of slide.titles) {
          expect(title.top, `${name} ${n}: ${title.text}`).toBeGreaterThanOrEqual(safe.top - 1)
          expect(title.left, `${name} ${n}: ${title.text}`).toBeGreaterThanOrEqual(safe.left - 1)
          expect(title.bottom, `${name} ${n}: ${title.text}`).toBeLessThanOrEqual(safe.bottom + 1)
          expect(title.right, `${name} ${n}: ${title.text}`).toBeLessThanOrEqual(safe.right + 1)
        }
      }
      counts[name] = `${total} slides, type ≥ ${smallest} px`
      // Every cell's Zettel were on a slide.
      expect(seen.size, name).toBe(written / perCell)
      expect(wall.problems).toEqual([])
    })
  }
})
