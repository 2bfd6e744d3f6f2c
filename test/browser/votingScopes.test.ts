/**
 * A Punktabfrage on part of a template in Chromium: on one column of a Beteiligtenanalyse, or on
 * the notes the facilitator selected; the participant can put dots only on those notes. The
 * finished-vote test and the three-clicks test share a board and its facilitator; the scope test
 * and the counted-words test another, its participant's browser in English.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

/** Writes a note into the cell with this key; returns its id. */
const noteInCell = (page: Page, key: string, text: string) =>
  page.evaluate(
    ({ key, text }) => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)!
      const { x, y } = editor.getShapePageBounds(cell)!.center
      const id = `shape:${text.replace(/\W/g, '')}` as never
      editor.createShape({ id, type: 'note', x: x - 50, y: y - 50, props: { scale: 0.5, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } })
      return id as string
    },
    { key, text },
  )

const targets = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.nws-vote-target')].map((el) => el.closest('.nws-vote-spot')?.getAttribute('data-note')).sort(),
  )

/** How many of my dots the canvas shows on a note. */
const myDots = (page: Page, id: string) =>
  page.evaluate((id) => Number(document.querySelector(`.nws-vote-spot[data-note="${id}"]`)?.getAttribute('data-my-dots') ?? -1), id)

/** Shows every shape of the page at once, as a participant's fit does, and waits until the camera rests. */
async function fitAll(page: Page) {
  await page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    editor.zoomToBounds(editor.getShapesPageBounds([...editor.getCurrentPageShapeIds()])!, { inset: 40 })
  })
  await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
}

describe.skipIf(skipBrowserTests)('a Punktabfrage on part of a board', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  // A Beteiligtenanalyse and its facilitator alone for the next two tests: a finished vote's
  // count, then a participant's clicks (its note in a cell the first test left empty).
  let boardA: Awaited<ReturnType<typeof createBoard>> | undefined
  let alone: Promise<Person> | undefined
  const facilitatorAlone = async () => {
    const facilitator = await (alone ??= (async () => {
      boardA = await createBoard(suite.relay, 'Beteiligtenanalyse', { template: 'beteiligtenanalyse', locale: 'de' })
      const p = await suite.person({ keep: true })
      await openBoardPage(p.page, boardPageUrl(suite.relay, boardA))
      return p
    })())
    facilitator.problems.splice(0)
    return facilitator
  }

  it('a finished vote counts only the notes there were: a note written after the reveal is not in its result', { timeout: hang(90_000) }, async () => {
    const facilitator = await facilitatorAlone()
    const page = facilitator.page
    const voted = await noteInCell(page, 'cell:p0:ziele', 'Arbeit')
    const undotted = await noteInCell(page, 'cell:p1:ziele', 'Kita')
    await page.getByRole('button', { name: 'Punktabfrage …' }).click()
    await page.getByLabel('Bereich').selectOption({ label: 'Vorlage: Beteiligtenanalyse' })
    await page.getByRole('button', { name: 'Punktabfrage starten' }).click()
    // Her dot still on its way when she reveals (as on a slow venue network): the reveal waits for
    // it, so the dot her panel counted is in the result.
    let letBallotGo = () => {}
    const ballotHeld = new Promise<void>((go) => (letBallotGo = go))
    await page.route('**/vote/ballot', async (route) => {
      if (route.request().method() === 'PUT') await ballotHeld
      await route.continue()
    })
    await page.locator(`.nws-vote-spot[data-note="${voted}"] .nws-vote-target`).click()
    await page.getByText('Noch 2 Punkte').waitFor()
    await page.getByRole('button', { name: 'Ergebnis aufdecken' }).click()
    letBallotGo()
    const panel = page.getByRole('region', { name: 'Punktabfrage' })
    await panel.locator('.nws-vote-results').waitFor()
    expect(await panel.locator('.nws-vote-results').innerText()).toContain('1 weiterer Zettel ohne Punkte')
    await page.unroute('**/vote/ballot')
    const badges = () => page.evaluate(() => [...document.querySelectorAll('.nws-vote-spot[data-count]')].map((el) => el.getAttribute('data-note')).sort())
    await expect.poll(badges).toEqual([voted, undotted].sort())

    // Written after the reveal, in the same template: it was not voted on.
    const late = await noteInCell(page, 'cell:p2:ziele', 'Nachzuegler')
    await page.waitForFunction((id) => !!document.querySelector(`[data-shape-id="${id}"]`), late)
    // Two frames later the canvas layer has drawn what it makes of the new note.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    expect(await badges()).toEqual([voted, undotted].sort())
    await page.getByRole('button', { name: 'Punktabfrage beenden' }).click()
    await panel.getByText('Ergebnis (beendet)').waitFor()
    expect(await panel.getByText('1 weiterer Zettel ohne Punkte').count()).toBe(1)
    expect(await panel.getByText('2 weitere Zettel ohne Punkte').count()).toBe(0)
    expect(facilitator.problems).toEqual([])
    // Out of the way, for the next test on this board.
    await page.locator('.nws-vote-panel__collapse').click()
  })

  it('every click on a small note in a cell adds a dot: three clicks, three dots', { timeout: hang(90_000) }, async () => {
    const facilitator = await facilitatorAlone()
    const note = await noteInCell(facilitator.page, 'cell:p1:interessen', 'Kinderbetreuung')
    // One participant, at 1920×1080 and then at 1366×768 (the same page, resized), with a new vote
    // (three new dots) for each size.
    const participant = await suite.person({ viewport: { width: 1920, height: 1080 } })
    const page = participant.page
    await openBoardPage(page, boardPageUrl(suite.relay, boardA!, 'participant'))
    const panel = page.getByRole('region', { name: 'Punktabfrage' })
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
      await facilitator.page.getByRole('button', { name: 'Punktabfrage …' }).click()
      await facilitator.page.getByLabel('Bereich').selectOption({ label: 'Vorlage: Beteiligtenanalyse' })
      await facilitator.page.getByRole('button', { name: 'Punktabfrage starten' }).click()

      await page.setViewportSize(viewport)
      await panel.getByText('Noch 3 Punkte').waitFor()
      await page.locator(`.nws-vote-spot[data-note="${note}"] .nws-vote-target`).waitFor()
      await expect.poll(() => myDots(page, note)).toBe(0)
      await fitAll(page)
      // The note's centre, where a person clicks, every time.
      const { x, y } = await page.evaluate((id) => {
        const editor = window.__netzwerkstatt!.editor
        return editor.pageToScreen(editor.getShapePageBounds(id as never)!.center)
      }, note)
      for (let dots = 1; dots <= 3; dots++) {
        await page.mouse.click(x, y)
        await expect.poll(() => myDots(page, note)).toBe(dots)
      }
      await panel.getByText('Alle Punkte vergeben').waitFor()
      await page.mouse.move(viewport.width / 2, viewport.height - 5)
      await screenshot(page, `vote-three-dots${viewport.width === 1920 ? '' : `-${viewport.width}`}.png`)
      expect(participant.problems).toEqual([])

      // Ended, for the next size's vote.
      await facilitator.page.getByRole('button', { name: 'Ergebnis aufdecken' }).click()
      await facilitator.page.getByRole('button', { name: 'Punktabfrage beenden' }).click()
      await facilitator.page.locator('.nws-vote-panel__collapse').click()
    }
    expect(facilitator.problems).toEqual([])
    await facilitator.context.close()
  })

  // A facilitator and a participant whose browser speaks English, on one board for the next two tests.
  let pair: Promise<{ facilitator: Person; participant: Person }> | undefined
  const facilitatorAndEnglishParticipant = () =>
    (pair ??= (async () => {
      const board = await createBoard(suite.relay, 'Beteiligtenanalyse', { template: 'beteiligtenanalyse', locale: 'de' })
      const facilitator = await suite.person({ keep: true })
      await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
      const participant = await suite.person({ keep: true, locale: 'en-GB' })
      await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
      return { facilitator, participant }
    })())
  let chosenGoal: string | undefined

  it('on one column, then on the selected notes: dots go only there', { timeout: hang(90_000) }, async () => {
    const { facilitator, participant } = await facilitatorAndEnglishParticipant()
    const goals = [await noteInCell(facilitator.page, 'cell:p0:ziele', 'Arbeit'), await noteInCell(facilitator.page, 'cell:p2:ziele', 'Kita')]
    const interests = await noteInCell(facilitator.page, 'cell:p1:interessen', 'Geld')
    const page = facilitator.page

    await page.getByRole('button', { name: 'Punktabfrage …' }).click()
    await page.getByLabel('Bereich').selectOption({ label: 'Spalte „Ziele“: Beteiligtenanalyse' })
    await page.getByRole('button', { name: 'Punktabfrage starten' }).click()
    await expect.poll(() => targets(participant.page), { timeout: hang(10_000) }).toEqual([...goals].sort())
    await page.getByRole('button', { name: 'Ergebnis aufdecken' }).click()
    await page.getByRole('button', { name: 'Punktabfrage beenden' }).click()
    await expect.poll(() => targets(participant.page)).toEqual([])

    // Two chosen notes from different columns.
    await page.locator('.nws-vote-panel__collapse').click()
    await page.evaluate((ids) => void window.__netzwerkstatt!.editor.select(...(ids as never[])), [goals[0], interests])
    await page.getByRole('button', { name: 'Punktabfrage …' }).click()
    expect(await page.getByLabel('Bereich').locator('option:checked').innerText()).toBe('Die ausgewählten Zettel (2)')
    await page.getByRole('button', { name: 'Punktabfrage starten' }).click()
    await expect.poll(() => targets(participant.page), { timeout: hang(10_000) }).toEqual([goals[0], interests].sort())
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
    // Ended, as the column's vote above, for the next test on this board.
    await page.getByRole('button', { name: 'Ergebnis aufdecken' }).click()
    await page.getByRole('button', { name: 'Punktabfrage beenden' }).click()
    await expect.poll(() => targets(participant.page)).toEqual([])
    await page.locator('.nws-vote-panel__collapse').click()
    chosenGoal = goals[0]
  })

  it('one dot per person is „1 Punkt pro Person“, in English „1 dot per person“: counted words follow the language', { timeout: hang(90_000) }, async () => {
    const { facilitator, participant: english } = await facilitatorAndEnglishParticipant()
    const page = facilitator.page
    const panel = page.getByRole('region', { name: 'Punktabfrage' })
    // The board of the test before, its votes ended (or, run alone, a fresh board and a note of its own).
    const note = chosenGoal ?? (await noteInCell(page, 'cell:p0:ziele', 'Arbeit'))
    // Nothing selected: the vote is on the whole board, as the dialog offers first.
    await page.evaluate(() => void window.__netzwerkstatt!.editor.selectNone())
    await page.getByRole('button', { name: 'Punktabfrage …' }).click()
    await page.getByLabel('Punkte pro Person').fill('1')
    await page.getByRole('button', { name: 'Punktabfrage starten' }).click()
    await panel.getByText('Ganzes Board · 1 Punkt pro Person').waitFor()
    await english.page.getByRole('region', { name: 'Dot vote' }).getByText('Whole board · 1 dot per person').waitFor()
    await english.page.locator(`.nws-vote-spot[data-note="${note}"] .nws-vote-target`).click()
    await panel.getByText('1 Person hat 1 Punkt gesetzt.').waitFor()
    expect([...facilitator.problems, ...english.problems]).toEqual([])
  })
})
