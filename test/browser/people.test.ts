/**
 * The people list in Chromium: everyone connected is listed with a count, also who has not moved
 * for minutes (marked idle, where tldraw's own list would drop them), and the facilitator can
 * give that person a Planspiel role. Screenshot: test/artifacts/people-list-idle.png.
 * Joining asks for a name (and organisation), remembered by the browser; with seven people one's
 * own entry is first and marked, and renaming is reachable at 1920, 1366 and 390 px.
 * Screenshots: test/artifacts/people-{phone,1366,1920}.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { axeFindings, clippedText } from '../helpers/axe.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard, openRawSocket } from '../helpers/clients.ts'
import { presenceFrame, type FakePerson } from '../helpers/presence.ts'
import type { Page } from 'playwright-core'

describe.skipIf(skipBrowserTests)('people on the board', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('lists everyone connected, marks the idle, and lets the facilitator give them a role', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { template: 'planspiel' })
    const [moderation, reader, writer] = [await suite.person(), await suite.person(), await suite.person()]
    await openBoardPage(moderation.page, boardPageUrl(suite.relay, board))
    for (const p of [reader, writer]) await openBoardPage(p.page, boardPageUrl(suite.relay, board, 'participant'))
    const fac = moderation.page
    const readerId: string = await reader.page.evaluate(() => window.__netzwerkstatt!.editor.user.getRecordId() as string)
    await expect.poll(() => fac.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: 15_000 }).toBe('3')

    // The reader has not moved for five minutes (as seen by the facilitator's page).
    const tldrawStillShows = await fac.evaluate((id) => {
      const editor = window.__netzwerkstatt!.editor
      const presence = editor.getCollaborators().find((p) => p.userId === id)!
      const stale = Date.now() - 5 * 60_000
      editor.store.mergeRemoteChanges(() => editor.store.update(presence.id, (record) => ({ ...record, lastActivityTimestamp: stale })))
      return editor.getVisibleCollaborators().some((p) => p.userId === id)
    }, readerId)
    expect(tldrawStillShows).toBe(false)

    await fac.locator('.tlui-people-menu__avatars-button').click()
    await fac.getByText('3 Personen auf dem Board').waitFor()
    const row = fac.locator(`.nws-person[data-user="${readerId}"]`)
    await row.locator('.nws-person__idle', { hasText: 'inaktiv' }).waitFor()
    expect(await fac.locator('.nws-person:not(.nws-person--self)').count()).toBe(2)
    await row.locator('select').selectOption({ label: 'Jobcenter' })
    await screenshot(fac, 'people-list-idle.png')
    await reader.page.locator('.tlui-people-menu__avatars-button').click()
    await expect.poll(() => reader.page.locator('.nws-person--self .nws-person__planspiel').textContent()).toBe('Jobcenter')

    // Someone who leaves leaves the list and the count.
    await writer.context.close()
    await expect.poll(() => fac.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: 30_000 }).toBe('2')
    for (const p of [moderation, reader]) expect(p.problems).toEqual([])
  })

  it('shows who is there as soon as they are connected, before anyone moves', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Erste')
    const [moderation, first] = [await suite.person(), await suite.person()]
    await openBoardPage(moderation.page, boardPageUrl(suite.relay, board))
    await openBoardPage(first.page, boardPageUrl(suite.relay, board, 'participant'))
    // Nobody touches the mouse: both know of each other all the same.
    for (const p of [first, moderation]) {
      await expect.poll(() => p.page.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: 15_000 }).toBe('2')
    }
    await first.page.locator('.tlui-people-menu__avatars-button').click()
    await first.page.getByText('2 Personen auf dem Board').waitFor()
    for (const p of [moderation, first]) expect(p.problems).toEqual([])
  })

  /** The people button lies wholly on the screen. */
  const peopleButtonOnScreen = async (page: Page) => {
    const box = (await page.locator('.tlui-people-menu__avatars-button').boundingBox())!
    const { width } = page.viewportSize()!
    return box.x >= 0 && box.x + box.width <= width
  }

  it('asks for a name on joining, remembers it, and keeps one’s own entry and renaming in reach at every size', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Netzwerktreffen')
    const others = ['Herr Berg (Jobcenter)', 'Frau Celik', 'Herr Dorn (Jugendamt)', 'Frau Engel', 'Herr Fuchs (Schule)', 'Frau Graf']
    const persons = others.map((name, i): FakePerson => ({ clientId: 8300 + i, clock: 0, name, cursor: { x: 50_000, y: 50_000 }, view: { x: 49_000, y: 49_000, w: 1440, h: 900 } }))
    const sockets = await Promise.all(persons.map(() => openRawSocket(suite.relay, board.id, board.access.participant)))
    persons.forEach((p, i) => sockets[i].socket.send(presenceFrame(p)))

    const sizes = [
      { name: 'phone', width: 390, height: 844 },
      { name: '1366', width: 1366, height: 768 },
      { name: '1920', width: 1920, height: 1080 },
    ]
    for (const [i, size] of sizes.entries()) {
      const person = await suite.person({ viewport: { width: size.width, height: size.height }, askName: true })
      const { page } = person
      await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
      const prompt = page.getByRole('dialog', { name: 'Wie heißen Sie?' })
      await prompt.waitFor()
      if (size.name === 'phone') await screenshot(page, 'name-prompt-phone.png')
      await prompt.getByLabel('Ihr Name').fill(`Anna ${i}`)
      await prompt.getByLabel('Organisation (freiwillig)').fill('Jobcenter')
      await prompt.getByRole('button', { name: 'Weiter' }).click()
      await prompt.waitFor({ state: 'detached' })
      const me = `Anna ${i} (Jobcenter)`
      expect(await page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).toBe(me)

      expect(await peopleButtonOnScreen(page)).toBe(true)
      await page.locator('.tlui-people-menu__avatars-button').click()
      const self = page.locator('.nws-person--self')
      await self.getByText(me).waitFor()
      // First in the list, marked, and wholly visible however long the list is.
      expect(await self.getByText('Sie', { exact: true }).isVisible()).toBe(true)
      const rows = await page.locator('.nws-person').evaluateAll((all) => all.map((row) => row.classList.contains('nws-person--self')))
      expect(rows[0]).toBe(true)
      const box = (await self.boundingBox())!
      expect(box.height).toBeGreaterThan(30)
      expect(await self.evaluate((row) => {
        const { top, bottom } = row.getBoundingClientRect()
        const list = row.closest('.tlui-people-menu__wrapper')!.getBoundingClientRect()
        return top >= list.top && bottom <= list.bottom + 1
      })).toBe(true)

      // Renaming: the pencil beside one's own name.
      await self.getByRole('button', { name: /Name ändern|Change name/ }).click()
      await self.locator('input').fill(`Anna ${i} K. (Jobcenter)`)
      await self.locator('input').press('Enter')
      expect(await page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).toBe(`Anna ${i} K. (Jobcenter)`)
      await screenshot(page, `people-${size.name}.png`)

      if (size.name === 'phone') {
        // The browser remembers: no question when it comes back.
        await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
        expect(await page.getByRole('dialog', { name: 'Wie heißen Sie?' }).count()).toBe(0)
        expect(await page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).toBe('Anna 0 K. (Jobcenter)')
      }
      expect(person.problems).toEqual([])
    }
    for (const { socket } of sockets) socket.terminate()
  })

  it('lets someone skip the question and keeps the board usable, without asking again', { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Beamer')
    const { page, problems } = await suite.person({ askName: true })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    const prompt = page.getByRole('dialog', { name: 'Wie heißen Sie?' })
    await prompt.waitFor()
    expect(await axeFindings(page, '.nws-name-prompt')).toEqual([])
    expect(await clippedText(page, '.nws-name-prompt')).toEqual([])
    await prompt.getByRole('button', { name: 'Später' }).click()
    await prompt.waitFor({ state: 'detached' })
    // A generated name stands in, and can be changed in the people list any time.
    expect((await page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).length).toBeGreaterThan(0)
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    expect(await prompt.count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('keeps the people button and renaming on a phone’s screen for every role', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { template: 'planspiel' })
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      const { page, problems } = await suite.person({ viewport: { width: 390, height: 844 } })
      await openBoardPage(page, boardPageUrl(suite.relay, board, role))
      expect(await peopleButtonOnScreen(page), role).toBe(true)
      await page.locator('.tlui-people-menu__avatars-button').click()
      const rename = page.locator('.nws-person--self').getByRole('button', { name: /Name ändern|Change name/ })
      await rename.waitFor()
      const box = (await rename.boundingBox())!
      expect(box.x >= 0 && box.x + box.width <= 390, role).toBe(true)
      await screenshot(page, `people-phone-${role}.png`)
      expect(problems).toEqual([])
    }
  })
})
