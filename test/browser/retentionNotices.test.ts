/**
 * Announced deletions where people work (`client/retention/`), in Chromium. On the run's shared
 * relay (the default year), with the dates of the test's own boards and networks aged in its
 * database as an operator's clock would find them: the start page lists what this browser knows
 * that goes within 30 days (asking counts as no use) with „Behalten“, in German and English; the
 * Fahrplan shows what retention took from the network, from the state its sweep leaves (the boards
 * gone, a tombstone each). On a relay of the file's own with BOARD_RETENTION_DAYS=20 (a setting),
 * where every date is within 30 days, the Fahrplan and the board announce their own date.
 * Five page loads: the start page in German and in English (which, loaded after „Behalten“,
 * also shows what a reload shows), the Fahrplan on each relay, and the board.
 * Which boards the sweep takes, and when: `test/integration/networkRetention.test.ts`.
 * Screenshots (ARTIFACTS=1): test/artifacts/retention-start-{390,1366}.png, retention-fahrplan-{390,1366}.png,
 * retention-board-{390,1366}.png, retention-tombstones-{390,1366}.png.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { networkLink, type CreatedNetwork } from '../../shared/networkApi.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage, privateBoardBrowserSuite } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

const dayMs = 24 * 60 * 60_000
const phone = { width: 390, height: 844 }
const laptop = { width: 1366, height: 768 }
const longDate = (locale: string, at: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(at)

describe.skipIf(skipBrowserTests)('retention notices on the shared relay', () => {
  const suite = boardBrowserSuite(laptop)
  const calls = networkCalls(() => suite.relay)

  const database = () => new Database(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'))
  /** As if last used (and created a month before) `days` ago: rows of this test's own boards and networks. */
  const age = (table: 'boards' | 'networks', ids: string[], days: number) => {
    const db = database()
    try {
      const at = new Date(Date.now() - days * dayMs)
      for (const id of ids) db.prepare(`UPDATE ${table} SET created_at = ?, last_used_at = ? WHERE id = ?`).run(new Date(at.getTime() - 30 * dayMs).toISOString(), at.toISOString(), id)
      return at
    } finally {
      db.close()
    }
  }
  const lastUsed = (table: 'boards' | 'networks', id: string) => {
    const db = database()
    try {
      return (db.prepare(`SELECT last_used_at AS at FROM ${table} WHERE id = ?`).get(id) as { at: string }).at
    } finally {
      db.close()
    }
  }
  /** This browser knows the board by its read-only link, the network by its link, and a board used today, as after earlier visits. */
  const knowing = (context: BrowserContext, board: CreatedBoard, network: CreatedNetwork, later: CreatedBoard) =>
    context.addInitScript(
      ({ board, network, later }) => {
        try {
          if (localStorage.getItem('netzwerkstatt:recent-boards')) return
          const lastOpened = new Date(Date.now() - 300 * 24 * 60 * 60_000).toISOString()
          localStorage.setItem(
            'netzwerkstatt:recent-boards',
            JSON.stringify([
              { id: board.id, title: board.title, lastOpened, tokens: { observer: board.token } },
              { id: later.id, title: later.title, lastOpened: new Date().toISOString(), tokens: { facilitator: later.token } },
            ]),
          )
          localStorage.setItem('netzwerkstatt:networks', JSON.stringify([{ id: network.id, name: network.name, token: network.token, lastOpened }]))
        } catch {
          // about:blank has no storage.
        }
      },
      {
        board: { id: board.id, title: 'Fallkonferenz Frühe Hilfen', token: board.access.observer },
        network: { id: network.id, name: network.name, token: network.token },
        later: { id: later.id, title: 'Noch lange da', token: later.access.facilitator },
      },
    )

  it('the start page announces a board and a network due within 30 days without using them, and „Behalten“ keeps one; in English too', { timeout: hang(120_000) }, async () => {
    const network = await calls.createNetwork('Netzwerk Frühe Hilfen')
    const inNetwork = await createBoard(suite.relay, 'Bedarfsanalyse')
    expect((await calls.addBoard(network, inNetwork, 'vorStart')).status).toBe(201)
    const lone = await createBoard(suite.relay, 'Fallkonferenz Frühe Hilfen')
    const later = await createBoard(suite.relay, 'Noch lange da')
    const used = age('boards', [lone.id, inNetwork.id], 350)
    age('networks', [network.id], 352)
    const deletion = new Date(used.getTime() + 365 * dayMs)

    // On a phone, then on a laptop: the network and the lone board, not the board used today.
    const { context, page } = await suite.person({ viewport: phone })
    await knowing(context, lone, network, later)
    await page.goto(`${suite.relay.httpUrl}/`)
    const section = page.getByRole('region', { name: 'Bald gelöscht' })
    await section.locator('[data-retention="board"]').waitFor()
    for (const viewport of [phone, laptop]) {
      await page.setViewportSize(viewport)
      expect(await section.locator('.nws-retention__text').allInnerTexts()).toEqual([
        `Die Boards des Netzwerks „Netzwerk Frühe Hilfen“ werden am ${longDate('de-DE', deletion)} gelöscht, wenn bis dahin niemand das Netzwerk nutzt.`,
        `„Fallkonferenz Frühe Hilfen“ wird am ${longDate('de-DE', deletion)} gelöscht, wenn es bis dahin niemand öffnet.`,
      ])
      await screenshot(page, `retention-start-${viewport.width}.png`, { fullPage: true })
    }
    // Looking was no use: the dates are as they were.
    expect(lastUsed('boards', lone.id)).toBe(used.toISOString())
    expect(Date.parse(lastUsed('networks', network.id))).toBeLessThan(Date.now() - 351 * dayMs)

    // „Behalten“ with the read-only link: a use, the new date a year on.
    const notice = page.locator('[data-retention="board"]')
    await notice.getByRole('button', { name: 'Behalten' }).click()
    // The expected text is computed once, so only after the relay has taken the use.
    await expect.poll(() => Date.parse(lastUsed('boards', lone.id))).toBeGreaterThan(Date.now() - 60_000)
    await expect.poll(() => notice.getByRole('status').innerText()).toBe(`Behalten: frühestens am ${longDate('de-DE', new Date(Date.parse(lastUsed('boards', lone.id)) + 365 * dayMs))} gelöscht.`)
    // In English, with the date as a British reader writes it; the network counts from its board's use, its latest.
    // Loaded after „Behalten“, as a reload would be: the network was not touched by keeping the board, and only it is announced.
    const english = await suite.person({ viewport: laptop, locale: 'en-GB' })
    await knowing(english.context, lone, network, later)
    await english.page.goto(`${suite.relay.httpUrl}/`)
    await expect
      .poll(() => english.page.getByRole('region', { name: 'Deleted soon' }).locator('.nws-retention__text').allInnerTexts(), {
        message: 'in English; after „Behalten“ only the network is announced, the kept board no more',
      })
      .toEqual([`The boards of the network “Netzwerk Frühe Hilfen” will be deleted on ${longDate('en-GB', deletion)} unless someone uses the network before.`])
  })

  it('the Fahrplan shows what retention took from the network, and reading it is a use', { timeout: hang(120_000) }, async () => {
    const network = await calls.createNetwork('Netzwerk Pflege')
    const boards = [await createBoard(suite.relay, 'Gründungsveranstaltung'), await createBoard(suite.relay, 'Statusbericht')]
    for (const board of boards) expect((await calls.addBoard(network, board, 'gruendung')).status).toBe(201)
    // What the sweep leaves of a network unused for longer than the days (`server/ops/retention.ts`):
    // its boards deleted, a tombstone each in the network, the network's own date as it was.
    const storage = new SqliteStorage(suite.relay.dataDir)
    try {
      for (const board of boards) {
        expect((await apiFetch(suite.relay, `/api/boards/${board.id}`, { method: 'DELETE' })).status).toBe(204)
        await storage.addTombstone(network.id, { title: board.title, phase: 'gruendung', deletedAt: new Date().toISOString() })
      }
    } finally {
      await storage.close()
    }
    age('networks', [network.id], 400)

    const { page } = await suite.person({ viewport: laptop })
    await page.goto(`${suite.relay.httpUrl}${networkLink(network.id, network.token)}`)
    const tombstones = page.getByRole('region', { name: 'Gelöschte Boards' })
    await tombstones.waitFor()
    const today = longDate('de-DE', new Date())
    expect(await tombstones.getByRole('listitem').allInnerTexts()).toEqual([
      `Board „Gründungsveranstaltung“ am ${today} gelöscht: Aufbewahrungsfrist`,
      `Board „Statusbericht“ am ${today} gelöscht: Aufbewahrungsfrist`,
    ])
    // A year's retention: reading the Fahrplan moved the date a year on, nothing to announce.
    expect(await page.locator('[data-retention]').count()).toBe(0)
    await screenshot(page, 'retention-tombstones-1366.png')
    await page.setViewportSize(phone)
    await screenshot(page, 'retention-tombstones-390.png')
  })
})

describe.skipIf(skipBrowserTests)('retention notices with BOARD_RETENTION_DAYS=20', () => {
  // A relay of the file's own: every date is within 30 days only with so short a retention, a setting.
  const suite = privateBoardBrowserSuite(laptop, { BOARD_RETENTION_DAYS: '20' })
  const calls = networkCalls(() => suite.relay)

  it('the Fahrplan and the board announce their date; „Behalten“ says until when, and the notice closes', { timeout: hang(120_000) }, async () => {
    const network = await calls.createNetwork('Netzwerk Zukunft')
    const kept = await createBoard(suite.relay, 'Zielworkshop')
    expect((await calls.addBoard(network, kept, 'zieleArchitektur')).status).toBe(201)
    const inTwentyDays = longDate('de-DE', new Date(Date.now() + 20 * dayMs))

    const { page } = await suite.person({ viewport: laptop })
    await page.goto(`${suite.relay.httpUrl}${networkLink(network.id, network.token)}`)
    const notice = page.locator('[data-retention="network"]')
    await notice.waitFor()
    for (const viewport of [laptop, phone]) {
      await page.setViewportSize(viewport)
      expect(await notice.locator('.nws-retention__text').innerText()).toBe(
        `Die Boards dieses Netzwerks werden am ${inTwentyDays} gelöscht, wenn bis dahin niemand den Fahrplan, das Paket oder eines der Boards nutzt.`,
      )
      await screenshot(page, `retention-fahrplan-${viewport.width}.png`)
    }

    await openBoardPage(page, boardPageUrl(suite.relay, kept, 'observer'))
    const banner = page.locator('.nws-retention-banner')
    await banner.waitFor()
    for (const viewport of [phone, laptop]) {
      await page.setViewportSize(viewport)
      expect(await banner.locator('.nws-retention__text').innerText()).toBe(`Dieses Board wird am ${inTwentyDays} gelöscht, wenn es bis dahin niemand mehr öffnet.`)
      await screenshot(page, `retention-board-${viewport.width}.png`)
    }
    await banner.getByRole('button', { name: 'Behalten' }).click()
    await expect.poll(() => banner.getByRole('status').innerText()).toBe(`Behalten: frühestens am ${inTwentyDays} gelöscht.`)
    await banner.getByRole('button', { name: 'Hinweis schließen' }).click()
    await banner.waitFor({ state: 'detached' })
  })
})
