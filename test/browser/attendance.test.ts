/**
 * The people present, taken into templates by a button, in Chromium against the real relay
 * (the others are raw sockets publishing a presence, as a plenary test does):
 * - "Anwesende übernehmen" with seven people: seven names, every one visible, none covering
 *   another, the attendance cell grown to hold them. Screenshot: test/artifacts/attendance-seven.png.
 * - random small groups draw the participants only, not the facilitator's devices nor observers.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard, openRawSocket } from '../helpers/clients.ts'
import { presenceFrame, type FakePerson } from '../helpers/presence.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import type { SharedRelay } from '../helpers/sharedRelay.ts'
import { hang } from '../helpers/hang.ts'

type Box = { x: number; y: number; w: number; h: number }

/** Notes lying in a template's cell (by centre), with their page boxes; and the cell's box. */
const cellNotes = (page: Page, key: string) =>
  page.evaluate((key) => {
    const editor = window.__netzwerkstatt!.editor
    const shapes = editor.getCurrentPageShapes()
    const cell = shapes.find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)!
    const box = editor.getShapePageBounds(cell)!
    const notes = shapes
      .filter((s) => s.type === 'note')
      .map((s) => ({ text: editor.getShapeUtil(s).getText(s) ?? '', box: editor.getShapePageBounds(s)! }))
      .filter(({ box: b }) => box.containsPoint({ x: b.midX, y: b.midY }))
      .map(({ text, box: b }) => ({ text, box: { x: b.x, y: b.y, w: b.w, h: b.h } }))
    return { cell: { x: box.x, y: box.y, w: box.w, h: box.h }, notes }
  }, key)

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h

/** People on the board through raw sockets, each publishing a presence with a name and a role. */
async function fakePeople(relay: SharedRelay, board: CreatedBoard, people: Array<{ name: string; role?: FakePerson['role'] }>) {
  const persons = people.map(({ name, role }, i): FakePerson => ({
    clientId: 8100 + i,
    clock: 0,
    name,
    role,
    cursor: { x: 50_000 + i * 100, y: 50_000 },
    view: { x: 49_000, y: 49_000, w: 1440, h: 900 },
  }))
  const sockets = await Promise.all(persons.map((p) => openRawSocket(relay, board.id, board.access[p.role ?? 'participant'])))
  persons.forEach((p, i) => sockets[i].socket.send(presenceFrame(p)))
  return () => sockets.forEach(({ socket }) => socket.terminate())
}

async function setName(page: Page, name: string) {
  await page.evaluate((name) => window.__netzwerkstatt!.editor.user.updateUserPreferences({ name }), name)
}

describe.skipIf(skipBrowserTests)('the people present in templates', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })

  it('takes seven people into the minutes, every name visible and none covering another', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe', { template: 'protokoll', options: { date: '2026-11-23' } })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await setName(page, 'Frau Adler')
    const others = ['Herr Berg (Jobcenter)', 'Frau Celik', 'Herr Dorn (Jugendamt)', 'Frau Engel', 'Herr Fuchs (Schule)', 'Frau Graf']
    const leave = await fakePeople(suite.relay, board, others.map((name) => ({ name })))
    await expect.poll(() => page.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: hang(15_000) }).toBe('7')

    const panel = await openTemplatesPanel(page)
    const item = panel.locator('.nws-instance[data-template="protokoll"]')
    await item.getByRole('button', { name: 'Anwesende übernehmen' }).click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Anwesende ins Protokoll übernommen: 7')
    const { cell, notes } = await cellNotes(page, 'sitzung:cell:sitzung:anwesende')
    expect(notes.map((n) => n.text).sort()).toEqual(['Frau Adler', ...others].sort())
    for (const [i, a] of notes.entries()) {
      expect(inside(a.box, cell), `${a.text} lies within the cell`).toBe(true)
      for (const b of notes.slice(i + 1)) expect(overlap(a.box, b.box), `${a.text} and ${b.text} do not overlap`).toBe(false)
    }
    // The row below moved down with the grown cell: nothing of it lies under the attendance.
    const below = await cellNotes(page, 'tops:cell:top1:thema')
    expect(below.cell.y).toBeGreaterThanOrEqual(cell.y + cell.h)

    await page.keyboard.press('Escape')
    await page.evaluate((box) => {
      const editor = window.__netzwerkstatt!.editor
      editor.zoomToBounds({ x: box.x - 800, y: box.y - 300, w: box.w + 1600, h: box.h + 600 }, { immediate: true })
    }, cell)
    await screenshot(page, 'attendance-seven.png')
    leave()
    expect(problems).toEqual([])
  })

  it('draws the participants into small groups, not the facilitator nor the observer', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel Süd', { template: 'planspiel', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await setName(page, 'Frau Adler')
    const participants = ['Anna', 'Ben', 'Cem', 'Dora']
    const leave = await fakePeople(suite.relay, board, [
      ...participants.map((name) => ({ name })),
      { name: 'Beamer', role: 'facilitator' as const },
      { name: 'Herr Gast', role: 'observer' as const },
    ])
    await expect.poll(() => page.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: hang(15_000) }).toBe('7')

    const panel = await openTemplatesPanel(page)
    const item = panel.locator('.nws-instance[data-template="planspiel"]')
    for (let i = 0; i < 2; i++) await item.getByRole('button', { name: 'Kleingruppe für die Auswertung hinzufügen' }).click()
    const drawn = async () => {
      const groups = [await cellNotes(page, 'smallgroup:g1'), await cellNotes(page, 'smallgroup:g2')]
      return groups.map((g) => g.notes.length).concat(groups.flatMap((g) => g.notes.map((n) => n.text)).sort() as never[])
    }
    // Drawing again makes new groups; nobody ends up in two.
    for (let draw = 0; draw < 2; draw++) {
      await item.getByRole('button', { name: 'Zufällige Kleingruppen bilden' }).click()
      await expect.poll(() => item.getByRole('status').textContent()).toBe('Alle Teilnehmenden verteilt – Kleingruppen: 2')
      await expect.poll(drawn).toEqual([2, 2, ...participants])
    }
    leave()
    expect(problems).toEqual([])
  })
})
