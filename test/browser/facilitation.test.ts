/**
 * Facilitation tools in two real browsers against the real relay: the facilitator starts a timer
 * and the participant sees the same time left; the current step is framed for both; "Alle zu mir"
 * moves the participant's view onto the facilitator's; following; a Planspiel role beside a cursor.
 * Needs `npm run build` first (the relay serves dist/client) and Chromium at /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'
import { toastAfter } from '../helpers/toasts.ts'

const viewport = { width: 1280, height: 800 }

/** `mm:ss` or `h:mm:ss` → seconds. */
const seconds = (text: string) => text.split(':').reduce((total, part) => total * 60 + Number(part), 0)

const viewportOf = (page: Page) =>
  page.evaluate(() => {
    const b = window.__netzwerkstatt!.editor.getViewportPageBounds()
    return { x: b.x, y: b.y, w: b.w, h: b.h }
  })

// Locally a missing browser skips these tests; in CI it must fail them instead.
describe.skipIf(skipBrowserTests)('facilitation in the browser', () => {
  const suite = boardBrowserSuite(viewport)
  const person = () => suite.person()
  const openBoard = openBoardPage

  it('timer, current step, "Alle zu mir", following and roles reach the participant', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { template: 'planspiel', locale: 'de' })
    const moderation = await person()
    const teilnehmer = await person()
    await openBoard(moderation.page, boardPageUrl(suite.relay, board))
    await openBoard(teilnehmer.page, boardPageUrl(suite.relay, board, 'participant'))
    const fac = moderation.page
    const par = teilnehmer.page

    // The facilitator starts a 5-minute timer; only they have its controls.
    expect(await par.locator('button.nws-timer').count()).toBe(0)
    await fac.locator('button.nws-timer').click()
    await fac.locator('[data-minutes="5"]').click()
    await fac.keyboard.press('Escape')
    const shown = par.locator('.nws-timer[role="timer"] .nws-timer__time')
    await shown.waitFor({ timeout: hang(15_000) })
    const [theirs, ours] = await Promise.all([shown.textContent(), fac.locator('.nws-timer .nws-timer__time').textContent()])
    expect(theirs).toMatch(/^0[45]:\d\d$/)
    expect(seconds(theirs!)).toBeGreaterThan(4 * 60 + 40)
    expect(Math.abs(seconds(theirs!) - seconds(ours!))).toBeLessThanOrEqual(2)
    // It counts down on the participant's screen by itself.
    await expect.poll(async () => seconds((await shown.textContent())!), { timeout: hang(5000) }).toBeLessThan(seconds(theirs!))
    // Focus mode hides tldraw's top bar, not the time.
    await par.evaluate(() => void window.__netzwerkstatt!.editor.updateInstanceState({ isFocusMode: true }))
    await par.locator('.nws-timer--focus .nws-timer__time').waitFor()
    expect(await par.locator('.nws-agenda-chip').count()).toBe(0)
    await par.evaluate(() => void window.__netzwerkstatt!.editor.updateInstanceState({ isFocusMode: false }))
    await par.locator('.nws-timer--focus').waitFor({ state: 'detached' })

    // The facilitator makes "Spiel" the current step; the participant sees its name and its frame.
    await fac.locator('.nws-agenda-chip').click()
    await fac.locator('.nws-agenda__step[data-step="step:play"] [data-action="set-step"]').click()
    await fac.keyboard.press('Escape')
    await expect.poll(() => par.locator('.nws-agenda-chip[data-current]').textContent(), { timeout: hang(15_000) }).toContain('Spiel')
    await par.locator('.nws-step-frame--header').waitFor({ timeout: hang(15_000) })

    // "Alle zu mir": the facilitator looks somewhere else entirely, then brings everyone there.
    // (The Planspiel's agenda strip and its scenes: the step's frames show in the screenshot.)
    await fac.evaluate(() => void window.__netzwerkstatt!.editor.zoomToBounds({ x: -40, y: -40, w: 2440, h: 1500 }, { inset: 0 }))
    await par.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 400, y: 300, z: 1.5 }))
    const target = await viewportOf(fac)
    expect(await viewportOf(par)).not.toEqual(target)
    await fac.locator('[data-action="summon"]').click()
    // Same window size: the participant's view becomes the facilitator's.
    await expect
      .poll(
        async () => {
          const v = await viewportOf(par)
          return Math.max(Math.abs(v.x - target.x), Math.abs(v.y - target.y), Math.abs(v.w - target.w), Math.abs(v.h - target.h))
        },
        { timeout: hang(15_000) },
      )
      .toBeLessThan(2)
    await screenshot(par, 'facilitation-timer.png')

    // Following: the participant follows the facilitator, whose next move their view copies.
    await par.locator('[data-action="follow"]').click()
    await expect.poll(() => par.locator('[data-action="follow"]').getAttribute('aria-pressed')).toBe('true')
    await fac.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: -600, y: -200, z: 0.8 }))
    const followed = await viewportOf(fac)
    await expect
      .poll(
        async () => {
          const v = await viewportOf(par)
          return Math.abs(v.x + v.w / 2 - (followed.x + followed.w / 2)) + Math.abs(v.y + v.h / 2 - (followed.y + followed.h / 2))
        },
        { timeout: hang(15_000) },
      )
      .toBeLessThan(4)
    await par.locator('[data-action="follow"]').click()
    await expect.poll(() => par.locator('[data-action="follow"]').getAttribute('aria-pressed')).toBe('false')

    // Roles: the facilitator makes the participant the Jobcenter; the cursor tag says so.
    const participantId = await par.evaluate(() => window.__netzwerkstatt!.editor.user.getRecordId())
    await fac.locator('.tlui-people-menu__avatars-button').click()
    const row = fac.locator(`.nws-person[data-user="${participantId}"]`)
    await expect.poll(() => row.locator('.nws-person__access').textContent()).toBe('Teilnehmende')
    await row.locator('select').selectOption({ label: 'Jobcenter' })
    await fac.keyboard.press('Escape')
    await par.mouse.move(640, 420)
    await par.mouse.move(660, 430, { steps: 4 })
    await expect.poll(() => fac.locator('.tl-nametag').allTextContents(), { timeout: hang(15_000) }).toEqual([expect.stringMatching(/ · Jobcenter$/)])
    // And in the participant's own list.
    await par.locator('.tlui-people-menu__avatars-button').click()
    await expect.poll(() => par.locator('.nws-person--self .nws-person__planspiel').textContent()).toBe('Jobcenter')
    await expect.poll(() => par.locator('.nws-person--self .nws-person__access').textContent()).toBe('Teilnehmende')
    await par.keyboard.press('Escape')

    // A short timer of the facilitator's own length runs out: red, pulsing, "Die Zeit ist abgelaufen".
    // Its toast shows for 4 s from the end: watched for from before the start.
    await toastAfter(
      par,
      'Die Zeit ist abgelaufen',
      async () => {
        await fac.locator('button.nws-timer').click()
        await fac.locator('.nws-timer-controls__custom input').fill('0.05')
        await fac.locator('.nws-timer-controls__custom button[type="submit"]').click()
        await fac.keyboard.press('Escape')
      },
      20_000,
    )
    await par.locator('.nws-timer[data-status="expired"][data-alert]').waitFor({ timeout: hang(15_000) })
    expect(await par.locator('.nws-timer .nws-timer__time').textContent()).toBe('00:00')
    await screenshot(par, 'facilitation-timer-up.png')

    for (const p of [moderation, teilnehmer]) expect(p.problems).toEqual([])
  })
})
