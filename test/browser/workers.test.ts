/**
 * The app behind WORKERS=2 on PostgreSQL and Redis, in real Chromium: every page, asset and
 * socket goes through the primary's hand-over, and the page meets another person on its board, a
 * y-websocket client through the same port (clients of one board on both workers, and uploads
 * through the hand-over: test/integration/multiprocess.test.ts). A relay of its own: its processes
 * are what is tested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { putNote, recordsIn } from '../helpers/records.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, noteTexts, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { skipPostgresTests, type PostgresServer } from '../helpers/postgres.ts'
import { skipRedisTests } from '../helpers/redis.ts'
import { filePostgres, fileRedis, type FileRedis } from '../helpers/testServers.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests || skipPostgresTests || skipRedisTests)('the app behind several relay processes', () => {
  let postgres: PostgresServer
  let redis: FileRedis
  let relay: RelayProcess
  let browser: Browser
  const people: Person[] = []
  beforeAll(async () => {
    ;[postgres, redis, browser] = await Promise.all([filePostgres(), fileRedis(), launchBrowser()])
    relay = await startRelay({ process: true, env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url, WORKERS: '2', LOG_LEVEL: 'info' } })
  })
  afterAll(async () => {
    for (const person of people) await person.context.close()
    await browser?.close()
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
    await Promise.all([postgres?.stop(), redis?.stop()])
  })

  it('loads for a facilitator, who meets a participant on the board both ways', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(relay, 'Steuerungsgruppe Alleinerziehende')
    const facilitator = await newPerson(browser)
    people.push(facilitator)
    await openBoardPage(facilitator.page, boardPageUrl(relay, board))
    const participant = connectClient(relay, board.id, undefined, { token: board.access.participant })
    try {
      await whenSynced(participant)
      putNote(participant.doc, 'kita', 'Kita-Plätze klären')
      await expect.poll(() => noteTexts(facilitator.page)).toEqual(['Kita-Plätze klären'])
      await screenshot(facilitator.page, 'workers-board.png')
      // And back: the page's note reaches the participant.
      await facilitator.page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        editor.createShape({ type: 'note', x: 600, y: 200, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Termin im Mai' }] }] } } })
      })
      await until(participant.doc, () => recordsIn(participant.doc).some((r) => r.typeName === 'shape' && plainText((r.props as { richText?: unknown }).richText) === 'Termin im Mai'))
    } finally {
      participant.destroy()
    }
    expect(facilitator.problems).toEqual([])
  })
})
