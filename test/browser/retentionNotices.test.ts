/**
 * Announced deletions where people work (`client/retention/`), against a real relay whose dates
 * are aged in its database: the start page lists what this browser knows that goes within 30
 * days (asking counts as no use) with „Behalten“, in German and English; the Fahrplan shows what
 * retention took from the network; with a short BOARD_RETENTION_DAYS the Fahrplan and the board
 * announce their own date. A relay of the file's own: it is restarted with other settings.
 * Screenshots: test/artifacts/retention-start-{390,1366}.png, retention-fahrplan-{390,1366}.png,
 * retention-board-{390,1366}.png, retention-tombstones-{390,1366}.png.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { networkLink, type CreatedNetwork } from '../../shared/networkApi.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { openBoardPage, privateBoardBrowserSuite } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { startRelay } from '../helpers/relay.ts'
import { screenshot } from '../helpers/screenshots.ts'

const dayMs = 24 * 60 * 60_000
const phone = { width: 390, height: 844 }
const laptop = { width: 1366, height: 768 }

describe.skipIf(skipBrowserTests)('retention notices', () => {
  const suite = privateBoardBrowserSuite(laptop)
  const calls = networkCalls(() => suite.relay)

  const database = () => new Database(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'))
  /** As if last used (and created a month before) `days` ago; what an operator's clock two years on would see. */
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
  /** This browser knows the board by its read-only link and the network by its link, as after earlier visits. */
  const knowing = async (page: Page, board: CreatedBoard, network: CreatedNetwork) => {
    await page.goto(`${suite.relay.httpUrl}/`)
    await page.evaluate(
      ({ board, network }) => {
        const lastOpened = new Date(Date.now() - 300 * 24 * 60 * 60_000).toISOString()
        localStorage.setItem('netzwerkstatt:recent-boards', JSON.stringify([{ id: board.id, title: board.title, lastOpened, tokens: { observer: board.token } }]))
        localStorage.setItem('netzwerkstatt:networks', JSON.stringify([{ id: network.id, name: network.name, token: network.token, lastOpened }]))
      },
      { board: { id: board.id, title: 'Fallkonferenz Frühe Hilfen', token: board.access.observer }, network: { id: network.id, name: network.name, token: network.token } },
    )
    await page.reload()
  }
  const longDate = (locale: string, at: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(at)

  it('the start page announces a board and a network due within 30 days without using them, and „Behalten“ keeps one', async () => {
    const network = await calls.createNetwork('Netzwerk Frühe Hilfen')
    const inNetwork = await createBoard(suite.relay, 'Bedarfsanalyse')
    expect((await calls.addBoard(network, inNetwork, 'vorStart')).status).toBe(201)
    const lone = await createBoard(suite.relay, 'Fallkonferenz Frühe Hilfen')
    const later = await createBoard(suite.relay, 'Noch lange da')
    const used = age('boards', [lone.id, inNetwork.id], 350)
    age('networks', [network.id], 352)
    const deletion = new Date(used.getTime() + 365 * dayMs)

    for (const viewport of [phone, laptop]) {
      const { page } = await suite.person({ viewport })
      await knowing(page, lone, network)
      await page.evaluate((later) => {
        const boards = JSON.parse(localStorage.getItem('netzwerkstatt:recent-boards')!) as unknown[]
        localStorage.setItem('netzwerkstatt:recent-boards', JSON.stringify([...boards, { id: later.id, title: 'Noch lange da', lastOpened: new Date().toISOString(), tokens: { facilitator: later.token } }]))
      }, { id: later.id, token: later.access.facilitator })
      await page.reload()
      const section = page.getByRole('region', { name: 'Bald gelöscht' })
      await section.locator('[data-retention="board"]').waitFor()
      const texts = await section.locator('.nws-retention__text').allInnerTexts()
      expect(texts).toEqual([
        `Die Boards des Netzwerks „Netzwerk Frühe Hilfen“ werden am ${longDate('de-DE', deletion)} gelöscht, wenn bis dahin niemand das Netzwerk nutzt.`,
        `„Fallkonferenz Frühe Hilfen“ wird am ${longDate('de-DE', deletion)} gelöscht, wenn es bis dahin niemand öffnet.`,
      ])
      await screenshot(page, `retention-start-${viewport.width}.png`, { fullPage: true })
    }
    // Looking was no use: the dates are as they were.
    expect(lastUsed('boards', lone.id)).toBe(used.toISOString())
    expect(Date.parse(lastUsed('networks', network.id))).toBeLessThan(Date.now() - 351 * dayMs)

    // „Behalten“ with the read-only link: a use, the new date a year on.
    const { page } = await suite.person({ viewport: laptop })
    await knowing(page, lone, network)
    const notice = page.locator('[data-retention="board"]')
    await notice.getByRole('button', { name: 'Behalten' }).click()
    await expect.poll(() => notice.getByRole('status').innerText()).toBe(`Behalten: frühestens am ${longDate('de-DE', new Date(Date.parse(lastUsed('boards', lone.id)) + 365 * dayMs))} gelöscht.`)
    expect(Date.parse(lastUsed('boards', lone.id))).toBeGreaterThan(Date.now() - 60_000)
    // The network was not touched by keeping the board; reloaded, only it is announced.
    await page.reload()
    await page.locator('[data-retention="network"]').waitFor()
    expect(await page.locator('[data-retention="board"]').count()).toBe(0)

    // In English, with the date as a British reader writes it; the network counts from its board's use, its latest.
    const english = await suite.person({ viewport: laptop, locale: 'en-GB' })
    await knowing(english.page, lone, network)
    await expect
      .poll(() => english.page.getByRole('region', { name: 'Deleted soon' }).locator('.nws-retention__text').allInnerTexts())
      .toEqual([`The boards of the network “Netzwerk Frühe Hilfen” will be deleted on ${longDate('en-GB', deletion)} unless someone uses the network before.`])
  })

  it('the Fahrplan shows what retention took; with 20 days the Fahrplan and the board announce their date', { timeout: 120_000 }, async () => {
    const network = await calls.createNetwork('Netzwerk Pflege')
    const boards = [await createBoard(suite.relay, 'Gründungsveranstaltung'), await createBoard(suite.relay, 'Statusbericht')]
    for (const board of boards) expect((await calls.addBoard(network, board, 'gruendung')).status).toBe(201)
    const kept = await createBoard(suite.relay, 'Zielworkshop')
    const other = await calls.createNetwork('Netzwerk Zukunft')
    expect((await calls.addBoard(other, kept, 'zieleArchitektur')).status).toBe(201)
    age('boards', boards.map((b) => b.id), 400)
    age('networks', [network.id], 400)

    // The next start's sweep: the unused network loses both boards.
    await suite.relay.kill()
    suite.relay = await startRelay({ process: true, dataDir: suite.relay.dataDir, env: { LOG_LEVEL: 'info' } })
    for (const board of boards) await suite.relay.waitForLog((e) => e.msg === 'board deleted (retention)' && e.board === board.id)
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

    // With 20 days, every date is within 30: the other network's Fahrplan and its board say so.
    await suite.relay.kill()
    suite.relay = await startRelay({ process: true, dataDir: suite.relay.dataDir, env: { BOARD_RETENTION_DAYS: '20' } })
    const inTwentyDays = longDate('de-DE', new Date(Date.now() + 20 * dayMs))
    for (const viewport of [phone, laptop]) {
      const { page } = await suite.person({ viewport })
      await page.goto(`${suite.relay.httpUrl}${networkLink(other.id, other.token)}`)
      const notice = page.locator('[data-retention="network"]')
      await notice.waitFor()
      expect(await notice.locator('.nws-retention__text').innerText()).toBe(
        `Die Boards dieses Netzwerks werden am ${inTwentyDays} gelöscht, wenn bis dahin niemand den Fahrplan, das Paket oder eines der Boards nutzt.`,
      )
      await screenshot(page, `retention-fahrplan-${viewport.width}.png`)

      await openBoardPage(page, boardPageUrl(suite.relay, kept, 'observer'))
      const banner = page.locator('.nws-retention-banner')
      await banner.waitFor()
      expect(await banner.locator('.nws-retention__text').innerText()).toBe(`Dieses Board wird am ${inTwentyDays} gelöscht, wenn es bis dahin niemand mehr öffnet.`)
      await screenshot(page, `retention-board-${viewport.width}.png`)
      await banner.getByRole('button', { name: 'Behalten' }).click()
      await expect.poll(() => banner.getByRole('status').innerText()).toBe(`Behalten: frühestens am ${inTwentyDays} gelöscht.`)
      await banner.getByRole('button', { name: 'Hinweis schließen' }).click()
      await banner.waitFor({ state: 'detached' })
    }
  })
})
