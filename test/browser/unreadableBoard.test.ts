/**
 * A board whose meta no client can read (written before the relay judged meta): the facilitator
 * restores a readable state from the notice and is back in the editor with the notes; the
 * participant is told that the facilitator can repair it. (That the repaired board then reaches
 * every client, the participant's page after a reload too: test/integration/metaRepair.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { versionsPath } from '../../shared/api.ts'
import { formatVersionKey } from '../../shared/board/ydoc.ts'
import { apiFetch, boardPageUrl, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { noteTexts, privateBoardBrowserSuite } from '../helpers/boardPages.ts'
import { damageMeta } from '../helpers/damagedBoards.ts'
import { putNote } from '../helpers/records.ts'
import { startRelay } from '../helpers/relay.ts'

describe.skipIf(skipBrowserTests)('a board that cannot be read', () => {
  // A relay of its own: the board is damaged while its relay is stopped.
  const suite = privateBoardBrowserSuite()

  it('is repaired by the facilitator from a saved version, and opens with its notes again', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Kaputtes Board')
    const writer = connectClient(suite.relay, board.id, new Y.Doc())
    await whenSynced(writer)
    putNote(writer.doc, 'idea', 'Vor dem Schaden')
    const saved = await apiFetch(suite.relay, versionsPath(board.id), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'vor dem Schaden' }),
    })
    expect(saved.status).toBe(201)
    writer.destroy()
    // Damaged while the relay is stopped, as a hostile client could once have done it live.
    await suite.relay.kill()
    await damageMeta(suite.relay.dataDir, board.id, { [formatVersionKey]: 3 })
    suite.relay = await startRelay({ process: true, dataDir: suite.relay.dataDir })

    const gast = await suite.person()
    await gast.page.goto(boardPageUrl(suite.relay, board, 'participant'))
    await gast.page.getByRole('heading', { name: 'Board konnte nicht geladen werden' }).waitFor({ timeout: 20_000 })
    await gast.page.getByText('kann die Moderation es reparieren').waitFor()
    expect(await gast.page.getByRole('button', { name: 'Lesbaren Stand wiederherstellen' }).count()).toBe(0)
    await screenshot(gast.page, 'unreadable-board-participant.png')

    const moderation = await suite.person()
    const page = moderation.page
    await page.goto(boardPageUrl(suite.relay, board))
    const restore = page.locator('li').filter({ hasText: 'vor dem Schaden' }).getByRole('button', { name: 'Lesbaren Stand wiederherstellen' })
    await restore.waitFor({ timeout: 20_000 })
    await screenshot(page, 'unreadable-board-facilitator.png')
    await restore.click()

    // The page loads the board again, now readable: the editor with the note as it was.
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await expect.poll(() => noteTexts(page)).toEqual(['Vor dem Schaden'])
    await screenshot(page, 'unreadable-board-restored.png')

    expect([...moderation.problems, ...gast.problems]).toEqual([])
  })
})
