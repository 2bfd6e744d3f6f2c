/**
 * The people list in Chromium: everyone connected is listed with a count, also who has not moved
 * for minutes (marked idle, where tldraw's own list would drop them), and the facilitator can
 * give that person a Planspiel role. Screenshot: test/artifacts/people-list-idle.png.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { artifacts, skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

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
    await fac.screenshot({ path: join(artifacts, 'people-list-idle.png') })
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
})
