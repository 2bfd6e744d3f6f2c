/**
 * The app behind WORKERS=2 on PostgreSQL and Redis, in real Chromium: every page, asset and
 * socket goes through the primary's hand-over, and two people on one board still meet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, noteTexts, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { skipPostgresTests, type PostgresServer } from '../helpers/postgres.ts'
import { skipRedisTests } from '../helpers/redis.ts'
import { filePostgres, fileRedis, type FileRedis } from '../helpers/testServers.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

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

  it('loads for two people, who see each other’s notes', { timeout: 90_000 }, async () => {
    const board = await createBoard(relay, 'Steuerungsgruppe Alleinerziehende')
    const [facilitator, participant] = await Promise.all([newPerson(browser), newPerson(browser)])
    people.push(facilitator, participant)
    await openBoardPage(facilitator.page, boardPageUrl(relay, board))
    await openBoardPage(participant.page, boardPageUrl(relay, board, 'participant'))

    await participant.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createShape({ type: 'note', x: 300, y: 200, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kita-Plätze klären' }] }] } } })
    })
    await facilitator.page.waitForFunction(() =>
      window.__netzwerkstatt!.editor.getCurrentPageShapes().some((s) => s.type === 'note'),
    )
    expect(await noteTexts(facilitator.page)).toEqual(['Kita-Plätze klären'])
    await screenshot(facilitator.page, 'workers-board.png')
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
  })
})
