/**
 * The people list in Chromium: everyone connected is listed with a count as soon as they are,
 * before anyone moves, also who has not moved for minutes (marked idle, where tldraw's own list
 * would drop them), and the facilitator can give that person a Planspiel role; someone who leaves
 * (a client of the relay with a page's presence) leaves the list. Screenshot: test/artifacts/people-list-idle.png.
 * Joining asks for a name (and organisation), remembered by the browser; with seven people one's
 * own entry is first and marked, and renaming is reachable at 390, 1366 and 1920 px (one page, its
 * window resized); the people button and renaming stay on a phone's screen for every role.
 * Screenshots: test/artifacts/people-{phone,1366,1920}.png, people-phone-{facilitator,participant,observer}.png.
 */
import { describe, expect, it, onTestFinished } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { axeFindings, clippedText } from '../helpers/axe.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard, openRawSocket } from '../helpers/clients.ts'
import { presenceFrame, type FakePerson } from '../helpers/presence.ts'
import type { Page } from 'playwright-core'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('people on the board', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('lists everyone connected as soon as they are, before anyone moves, marks the idle, and lets the facilitator give them a role', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { template: 'planspiel' })
    const [moderation, reader] = [await suite.person(), await suite.person()]
    await openBoardPage(moderation.page, boardPageUrl(suite.relay, board))
    await openBoardPage(reader.page, boardPageUrl(suite.relay, board, 'participant'))
    // A third person, who only comes and goes: a client of the relay with a presence like a page's,
    // sent again every ten seconds as a page's is (awareness forgets a state after thirty).
    const writer = await openRawSocket(suite.relay, board.id, board.access.participant)
    const writerPresence: FakePerson = { clientId: 8200, clock: 0, name: 'Herr Weber', cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1440, h: 900 } }
    writer.socket.send(presenceFrame(writerPresence))
    const keepAlive = setInterval(() => writer.socket.send(presenceFrame(writerPresence)), 10_000)
    onTestFinished(() => {
      clearInterval(keepAlive)
      writer.socket.terminate()
    })
    const fac = moderation.page
    const readerId: string = await reader.page.evaluate(() => window.__netzwerkstatt!.editor.user.getRecordId() as string)
    // Nobody touches the mouse: the two pages know of each other and of the third all the same.
    for (const p of [moderation, reader]) {
      await expect.poll(() => p.page.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: hang(15_000) }).toBe('3')
    }

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
    // The reader opens the list only now: a click of theirs before would be activity, and their
    // presence saying so could overtake the facilitator's page's idea that they are idle.
    await reader.page.locator('.tlui-people-menu__avatars-button').click()
    await reader.page.getByText('3 Personen auf dem Board').waitFor()
    await expect.poll(() => reader.page.locator('.nws-person--self .nws-person__planspiel').textContent()).toBe('Jobcenter')

    // Someone who leaves leaves the list and the count.
    clearInterval(keepAlive)
    writer.socket.close()
    await expect.poll(() => fac.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: hang(30_000) }).toBe('2')
    for (const p of [moderation, reader]) expect(p.problems).toEqual([])
  })

  /** The people button lies wholly on the screen. */
  const peopleButtonOnScreen = async (page: Page) => {
    const box = (await page.locator('.tlui-people-menu__avatars-button').boundingBox())!
    const { width } = page.viewportSize()!
    return box.x >= 0 && box.x + box.width <= width
  }

  /** On a phone, for this role: the people button and renaming lie wholly on the screen. */
  async function expectPeopleInReachOnPhone(page: Page, role: string) {
    // A window just made smaller lays itself out again on its next frames.
    await expect.poll(() => peopleButtonOnScreen(page), { message: role }).toBe(true)
    const rename = page.locator('.nws-person--self').getByRole('button', { name: /Name ändern|Change name/ })
    if (!(await rename.isVisible())) await page.locator('.tlui-people-menu__avatars-button').click()
    await rename.waitFor()
    const box = (await rename.boundingBox())!
    expect(box.x >= 0 && box.x + box.width <= 390, role).toBe(true)
    await screenshot(page, `people-phone-${role}.png`)
  }

  it('asks for a name on joining, remembers it, and keeps one’s own entry and renaming in reach at every size and for every role on a phone', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Netzwerktreffen', { template: 'planspiel' })
    const others = ['Herr Berg (Jobcenter)', 'Frau Celik', 'Herr Dorn (Jugendamt)', 'Frau Engel', 'Herr Fuchs (Schule)', 'Frau Graf']
    const persons = others.map((name, i): FakePerson => ({ clientId: 8300 + i, clock: 0, name, cursor: { x: 50_000, y: 50_000 }, view: { x: 49_000, y: 49_000, w: 1440, h: 900 } }))
    const sockets = await Promise.all(persons.map(() => openRawSocket(suite.relay, board.id, board.access.participant)))
    persons.forEach((p, i) => sockets[i].socket.send(presenceFrame(p)))

    // One person, who joins on a phone; the same page then in a laptop's and a large screen's window.
    const person = await suite.person({ viewport: { width: 390, height: 844 }, askName: true })
    const { page } = person
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    const prompt = page.getByRole('dialog', { name: 'Wie heißen Sie?' })
    await prompt.waitFor()
    await screenshot(page, 'name-prompt-phone.png')
    await prompt.getByLabel('Ihr Name').fill('Anna')
    await prompt.getByLabel('Organisation (freiwillig)').fill('Jobcenter')
    await prompt.getByRole('button', { name: 'Weiter' }).click()
    await prompt.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).toBe('Anna (Jobcenter)')

    let name = 'Anna (Jobcenter)'
    for (const size of [
      { name: 'phone', width: 390, height: 844 },
      { name: '1366', width: 1366, height: 768 },
      { name: '1920', width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize({ width: size.width, height: size.height })
      await expect.poll(() => peopleButtonOnScreen(page), { message: size.name }).toBe(true)
      const self = page.locator('.nws-person--self')
      if (!(await self.isVisible())) await page.locator('.tlui-people-menu__avatars-button').click()
      await self.getByText(name).waitFor()
      // First in the list, marked, and wholly visible however long the list is.
      expect(await self.getByText('Sie', { exact: true }).isVisible(), size.name).toBe(true)
      const rows = await page.locator('.nws-person').evaluateAll((all) => all.map((row) => row.classList.contains('nws-person--self')))
      expect(rows[0], size.name).toBe(true)
      expect(rows).toHaveLength(7)
      const box = (await self.boundingBox())!
      expect(box.height, size.name).toBeGreaterThan(30)
      expect(await self.evaluate((row) => {
        const { top, bottom } = row.getBoundingClientRect()
        const list = row.closest('.tlui-people-menu__wrapper')!.getBoundingClientRect()
        return top >= list.top && bottom <= list.bottom + 1
      }), size.name).toBe(true)

      // Renaming: the pencil beside one's own name.
      name = `Anna ${size.name} K. (Jobcenter)`
      await self.getByRole('button', { name: /Name ändern|Change name/ }).click()
      await self.locator('input').fill(name)
      await self.locator('input').press('Enter')
      expect(await page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).toBe(name)
      await screenshot(page, `people-${size.name}.png`)
      if (size.name === 'phone') await expectPeopleInReachOnPhone(page, 'participant')
    }

    // The browser remembers: no question when it comes back, here with the read-only link on the phone.
    await page.setViewportSize({ width: 390, height: 844 })
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'observer'))
    // Only the fragment changed: the page opens the board anew, read-only.
    await page.waitForFunction(() => window.__netzwerkstatt?.editor.getIsReadonly() === true)
    await page.locator('.nws-status[data-state="connected"]').waitFor()
    expect(await page.getByRole('dialog', { name: 'Wie heißen Sie?' }).count()).toBe(0)
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).toBe(name)
    await expectPeopleInReachOnPhone(page, 'observer')
    expect(person.problems).toEqual([])
    for (const { socket } of sockets) socket.terminate()
  })

  it('lets someone skip the question and keeps the board usable, without asking again; on a phone the people button and renaming stay in reach', { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Beamer', { template: 'planspiel' })
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
    // The facilitator's page in a phone's window.
    await page.setViewportSize({ width: 390, height: 844 })
    await expectPeopleInReachOnPhone(page, 'facilitator')
    expect(problems).toEqual([])
  })
})
