/**
 * A Punktabfrage on touchscreens, as in a workshop where most join from tablets and phones: a tap
 * on a Zettel places a dot (real touch events: tldraw's canvas cancels a touch's default, which
 * swallowed the click the vote waited for), one tap one dot, and a tap that did not count says so
 * (no dots left, or the relay did not take it); on a phone the vote panel is a small bar until
 * tapped open. One vote on one board, the facilitator's page loaded once, a participant per test.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, type Person } from '../helpers/boardPages.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

const tablet = { viewport: { width: 1024, height: 768 }, device: { hasTouch: true } }
const phone = { viewport: { width: 390, height: 844 }, device: { hasTouch: true, isMobile: true } }

/** Writes a Zettel into the cell with this key; returns its id. */
const noteInCell = (page: Page, key: string, text: string) =>
  page.evaluate(
    ({ key, text }) => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)!
      const { x, y } = editor.getShapePageBounds(cell)!.center
      const id = `shape:${text.replace(/\W/g, '')}` as never
      editor.createShape({ id, type: 'note', x: x - 100, y: y - 100, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } })
      return id as string
    },
    { key, text },
  )

/** How many of my dots the canvas shows on a Zettel. */
const myDots = (page: Page, id: string) =>
  page.evaluate((id) => Number(document.querySelector(`.nws-vote-spot[data-note="${id}"]`)?.getAttribute('data-my-dots') ?? -1), id)

/** Shows the Zettel in the middle of the view, as a person zooms to it, and returns its centre on screen once the camera rests. */
async function showNote(page: Page, id: string) {
  await page.evaluate((id) => {
    const editor = window.__netzwerkstatt!.editor
    editor.zoomToBounds(editor.getShapePageBounds(id as never)!, { inset: 200 })
  }, id)
  await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
  const centre = await page.evaluate((id) => {
    const editor = window.__netzwerkstatt!.editor
    return editor.pageToScreen(editor.getShapePageBounds(id as never)!.center)
  }, id)
  // The finger must land on the Zettel's vote target, not on a panel above it, or the test proves nothing.
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.nws-vote-spot')?.getAttribute('data-note') ?? null, centre)
  expect(hit).toBe(id)
  return centre
}

/** The facilitator opens a vote with three dots per person on the board's template. */
async function startVote(page: Page) {
  await page.getByRole('button', { name: 'Punktabfrage …' }).click()
  await page.getByLabel('Bereich').selectOption({ label: 'Vorlage: Beteiligtenanalyse' })
  // Awaited with vi.waitFor: this runs in the file's beforeAll, where expect.poll may not.
  await vi.waitFor(async () => expect(await page.getByLabel('Punkte pro Person').inputValue()).toBe('3'))
  await page.getByRole('button', { name: 'Punktabfrage starten' }).click()
}

describe.skipIf(skipBrowserTests)('a Punktabfrage on a touchscreen', () => {
  const suite = boardBrowserSuite()
  // One vote on one board for all three tests, each with a participant of its own (three dots each):
  // the facilitator's page is loaded once.
  let board: CreatedBoard
  let facilitator: Person
  let note: string

  beforeAll(async () => {
    board = await createBoard(suite.relay, 'Beteiligtenanalyse', { template: 'beteiligtenanalyse', locale: 'de' })
    facilitator = await suite.person({ keep: true })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    note = await noteInCell(facilitator.page, 'cell:p1:ziele', 'Kinderbetreuung')
    await startVote(facilitator.page)
  }, hang(60_000))

  it('on a tablet, each tap on a Zettel places one dot, a fourth is refused in words, and the facilitator sees the participation', { timeout: hang(90_000) }, async () => {
    const participant = await suite.person(tablet)
    const page = participant.page
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await page.locator(`.nws-vote-spot[data-note="${note}"] .nws-vote-target`).waitFor()
    const panel = page.getByRole('region', { name: 'Punktabfrage' })
    await panel.getByText('Noch 3 Punkte').waitFor()
    const { x, y } = await showNote(page, note)

    // One tap, one dot: a tap that counted twice (touch and click) would have used all three
    // dots by the second tap and been refused, and the alert below would show.
    await page.touchscreen.tap(x, y)
    await expect.poll(() => myDots(page, note)).toBe(1)
    await panel.getByText('Noch 2 Punkte').waitFor()
    await page.touchscreen.tap(x, y)
    await panel.getByText('Noch 1 Punkt', { exact: true }).waitFor()
    await page.touchscreen.tap(x, y)
    await panel.getByText('Alle Punkte vergeben').waitFor()
    expect(await myDots(page, note)).toBe(3)
    expect(await page.getByRole('alert').count()).toBe(0)

    // A fourth tap is refused, and the page says why.
    await page.touchscreen.tap(x, y)
    await page.getByRole('alert').getByText('Alle Punkte sind vergeben. Nehmen Sie erst einen zurück (−).').waitFor()
    expect(await myDots(page, note)).toBe(3)
    // Tapping voted: it selected, opened or moved nothing.
    expect(await page.evaluate(() => [window.__netzwerkstatt!.editor.getSelectedShapeIds(), window.__netzwerkstatt!.editor.getEditingShapeId()])).toEqual([[], null])

    await facilitator.page.getByRole('region', { name: 'Punktabfrage' }).getByText('1 Person hat 3 Punkte gesetzt.').waitFor()
    await screenshot(page, 'vote-tablet-taps.png')
    expect(participant.problems).toEqual([])
    expect(facilitator.problems.splice(0)).toEqual([])
  })

  it('a tap the relay did not take is said so, and its dot does not stay; the next tap that counts clears the word', { timeout: hang(90_000) }, async () => {
    const participant = await suite.person(tablet)
    const page = participant.page
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await page.locator(`.nws-vote-spot[data-note="${note}"] .nws-vote-target`).waitFor()
    const panel = page.getByRole('region', { name: 'Punktabfrage' })
    await panel.getByText('Noch 3 Punkte').waitFor()
    const { x, y } = await showNote(page, note)

    // The tablet's connection drops the ballot on its way to the relay (the relay's answer stays readable).
    const ballot = '**/vote/ballot'
    await page.route(ballot, (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback()))
    await page.touchscreen.tap(x, y)
    await page.getByRole('alert').getByText('Der Punkt konnte nicht gesetzt werden', { exact: false }).waitFor()
    await expect.poll(() => myDots(page, note)).toBe(0)
    await panel.getByText('Noch 3 Punkte').waitFor()

    await page.unroute(ballot)
    await page.touchscreen.tap(x, y)
    await panel.getByText('Noch 2 Punkte').waitFor()
    await page.getByRole('alert').waitFor({ state: 'detached' })
    // The tablet of the test before gave its three: one more person, one more dot.
    await facilitator.page.getByRole('region', { name: 'Punktabfrage' }).getByText('2 Personen haben 4 Punkte gesetzt.').waitFor()
    expect(participant.problems).toEqual([])
  })

  it('on a phone, the vote panel is a small bar that opens on a tap and folds away again; a tap on a Zettel still places a dot', { timeout: hang(90_000) }, async () => {
    const participant = await suite.person(phone)
    const page = participant.page
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await page.locator(`.nws-vote-spot[data-note="${note}"] .nws-vote-target`).waitFor()

    // Folded: a bar that says how many dots are left, a small part of the screen.
    const bar = page.getByRole('button', { name: /^Punktabfrage: Noch 3 Punkte/ })
    await bar.waitFor()
    expect(await bar.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByRole('region', { name: 'Punktabfrage' }).count()).toBe(0)
    const folded = (await bar.boundingBox())!
    expect(folded.height).toBeLessThan(phone.viewport.height * 0.2)
    await screenshot(page, 'vote-phone-collapsed.png')

    // A tap on a Zettel places a dot, and the bar counts it.
    const { x, y } = await showNote(page, note)
    await page.touchscreen.tap(x, y)
    await page.getByRole('button', { name: /^Punktabfrage: Noch 2 Punkte/ }).waitFor()
    expect(await myDots(page, note)).toBe(1)

    // A tap opens the panel, whose own button says it is open and folds it away again.
    await page.getByRole('button', { name: /^Punktabfrage: Noch 2 Punkte/ }).tap()
    const panel = page.getByRole('region', { name: 'Punktabfrage' })
    await panel.getByText('Noch 2 Punkte').waitFor()
    const fold = panel.getByRole('button', { name: 'Einklappen' })
    expect(await fold.getAttribute('aria-expanded')).toBe('true')
    // Open, it still leaves more than half of the board in sight.
    expect((await panel.boundingBox())!.height).toBeLessThan(phone.viewport.height * 0.5)
    await screenshot(page, 'vote-phone-expanded.png')
    await fold.tap()
    await panel.waitFor({ state: 'detached' })
    expect(await page.getByRole('button', { name: /^Punktabfrage: Noch 2 Punkte/ }).getAttribute('aria-expanded')).toBe('false')

    // Folded, a refused tap says why, under the bar.
    await page.touchscreen.tap(x, y)
    await page.touchscreen.tap(x, y)
    await page.getByRole('button', { name: 'Punktabfrage: Alle Punkte vergeben' }).waitFor()
    expect(await page.getByRole('alert').count()).toBe(0)
    await page.touchscreen.tap(x, y)
    await page.getByRole('alert').getByText('Alle Punkte sind vergeben. Nehmen Sie erst einen zurück (−).').waitFor()
    expect(await myDots(page, note)).toBe(3)
    await screenshot(page, 'vote-phone-refused.png')
    expect(participant.problems).toEqual([])
  })
})
