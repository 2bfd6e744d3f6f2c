/**
 * The tldraw licence never blanks a board without a word (issue 45): relays started with a key in
 * TLDRAW_LICENSE_KEY, pages in real Chromium. The keys are signed with the test's own key pair,
 * whose public key the relays get in TLDRAW_LICENSE_PUBLIC_KEY (tldraw's private key is tldraw's:
 * `test/helpers/tldrawKeys.ts`). So the relay reads them as tldraw would read a real key, while
 * tldraw's editor in the page, which always checks against its own public key, rejects each one as
 * not signed: the page must not need tldraw's rejection for the expired and wrong-host cases, and
 * must catch it at run time when the relay's reading said the key was fine.
 *
 * Pages open at `*.localhost` names (Chromium resolves them to this machine): tldraw counts them
 * as production (host and expiry checked) and they are secure contexts (WebCrypto), as a public
 * https address is. A page seen on a phone and a laptop is one page, its window resized. The
 * relay's log line and /metrics are read here too, on the relays the pages need (no relays more).
 * Screenshots: test/artifacts/licence-{expired,wrong-host}-{390,1366}.png, licence-run-time-1366.png,
 * licence-warning-{390,1366}.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { newPerson, openBoardPage } from '../helpers/boardPages.ts'
import { launchBrowser } from '../helpers/browser.ts'
import { connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { putNote, noteKeys } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { dayFrom, licenceFlags, testSigner } from '../helpers/tldrawKeys.ts'
import type { Browser } from 'playwright-core'

const phone = { width: 390, height: 844 }
const laptop = { width: 1366, height: 768 }
const host = 'netzwerkstatt.localhost'
const otherHost = 'andere.localhost'

describe.skipIf(skipBrowserTests)('tldraw licence', () => {
  const signer = testSigner()
  const now = new Date()
  // Relays of the file's own: the key is a setting, and the log and /metrics are read.
  let expired: Relay
  let valid: Relay
  let browser: Browser
  const boards = new Map<Relay, CreatedBoard>()
  // Annual keys run 30 days past their date: 40 days ago is past them.
  const expiredKey = signer.key({ hosts: [host], flags: licenceFlags.annual, expiry: dayFrom(now, -40) })

  // With a PUBLIC_URL others reach the relay, so /metrics answers only with its token.
  const metricsToken = 'licence-test-metrics-token'
  const relayWith = (key: string) =>
    startRelay({ env: { TLDRAW_LICENSE_KEY: key, TLDRAW_LICENSE_PUBLIC_KEY: signer.publicKey, PUBLIC_URL: `http://${host}`, ALLOWED_HOSTS: `${host},${otherHost}`, METRICS_TOKEN: metricsToken },
    })
  const metricsOf = async (relay: Relay) => (await fetch(`${relay.httpUrl}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } })).text()

  /** A board with a Zettel someone wrote, which the explanation page must still show. */
  const boardWithNote = async (relay: Relay) => {
    const board = await createBoard(relay, 'Fallkonferenz Frühe Hilfen')
    const client = connectClient(relay, board.id)
    await whenSynced(client)
    putNote(client.doc, 'kita', 'Kita-Platz für Familie K. klären')
    await until(client.doc, () => noteKeys(client.doc).includes('kita'))
    client.destroy()
    boards.set(relay, board)
    return board
  }

  beforeAll(async () => {
    ;[expired, valid] = await Promise.all([
      relayWith(expiredKey),
      relayWith(signer.key({ hosts: [host], flags: licenceFlags.annual, expiry: dayFrom(now, 10) })),
    ])
    await Promise.all([boardWithNote(expired), boardWithNote(valid)])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    for (const relay of [expired, valid]) {
      await relay?.kill()
      if (relay) removeDataDir(relay.dataDir)
    }
  })

  const open = async (relay: Relay, name: string, viewport = laptop, locale = 'de-DE', role: 'participant' | 'facilitator' = 'participant') => {
    const person = await newPerson(browser, viewport, locale)
    const board = boards.get(relay)!
    await person.page.goto(`http://${name}:${relay.port}${board.links[role]}`)
    return person
  }

  /** The explanation, with the board's content readable below it and no canvas. */
  const expectExplanation = async (page: import('playwright-core').Page, reason: string) => {
    const explanation = page.locator(`.nws-licence[data-licence-reason="${reason}"]`)
    await explanation.waitFor()
    await expect.poll(() => page.locator('.nws-licence__export').textContent()).toContain('Kita-Platz für Familie K. klären')
    expect(await page.locator('.tl-container').count()).toBe(0)
    return explanation
  }

  it('explains an expired key and keeps what people wrote readable, on a phone and a laptop', async () => {
    // One page, in a phone's window and then a laptop's.
    const { page, context, problems } = await open(expired, host, phone)
    const explanation = await expectExplanation(page, 'expired')
    expect(await explanation.getByRole('heading', { level: 1 }).textContent()).toBe('Die Zeichenfläche ist gerade nicht verfügbar')
    const text = await explanation.textContent()
    expect(text).toContain('ist abgelaufen (Datum im Schlüssel:')
    expect(text).toContain('Was Sie geschrieben haben, ist sicher')
    expect(text).toContain('Erneuern Sie die Lizenz bei tldraw')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Als Markdown herunterladen' }).click()
    expect((await download).suggestedFilename()).toMatch(/\.md$/)
    await screenshot(page, `licence-expired-${phone.width}.png`, { fullPage: true })
    await page.setViewportSize(laptop)
    expect(await page.locator('.tl-container').count()).toBe(0)
    await screenshot(page, `licence-expired-${laptop.width}.png`, { fullPage: true })
    expect(problems).toEqual([])
    await context.close()
  })

  it('explains a key for another host, in English on a phone and a laptop', async () => {
    // One page, in a phone's window and then a laptop's; the German words, with the hosts put in:
    // test/unit/licenceGate.test.ts (German pages: the expired key above).
    const { page, context, problems } = await open(valid, otherHost, phone, 'en-GB')
    const explanation = await expectExplanation(page, 'wrong-host')
    expect(await explanation.textContent()).toContain(`is for ${host}, not for this address (${otherHost})`)
    expect(await explanation.textContent()).toContain('What you wrote is safe')
    await screenshot(page, 'licence-wrong-host-390.png', { fullPage: true })
    await page.setViewportSize(laptop)
    expect(await page.locator('.tl-container').count()).toBe(0)
    await screenshot(page, 'licence-wrong-host-1366.png', { fullPage: true })
    expect(problems).toEqual([])
    await context.close()
  })

  it('switches to the explanation when tldraw itself rejects the key after the editor was mounted', async () => {
    // The relay reads this key as valid here; tldraw's editor, on its own public key, does not.
    const { page, context } = await open(valid, host, laptop)
    await expectExplanation(page, 'refused-at-run-time')
    // tldraw's own blank state (a hidden marker it renders instead of the editor) never came.
    expect(await page.locator('[data-testid="tl-license-expired"]').count()).toBe(0)
    await screenshot(page, 'licence-run-time-1366.png', { fullPage: true })
    await context.close()
  })

  it('warns facilitators 60 days before the canvas stops, and nobody else', async () => {
    // On 127.0.0.1 tldraw lets a key it cannot verify pass, and the relay's reading counts the days.
    const board = boards.get(valid)!
    const facilitator = await newPerson(browser, laptop)
    await openBoardPage(facilitator.page, `${valid.httpUrl}${board.links.facilitator}`)
    const warning = facilitator.page.locator('.nws-licence-warning')
    await warning.waitFor()
    expect(await warning.textContent()).toMatch(/funktioniert noch bis zum .+ \(noch 4[01] Tage\)\. Bitte geben Sie der IT Bescheid/)
    await screenshot(facilitator.page, 'licence-warning-1366.png')
    // The same page in a phone's window.
    await facilitator.page.setViewportSize(phone)
    await warning.waitFor()
    await screenshot(facilitator.page, 'licence-warning-390.png')
    await facilitator.context.close()

    const participant = await newPerson(browser, laptop)
    await openBoardPage(participant.page, `${valid.httpUrl}${board.links.participant}`)
    expect(await participant.page.locator('.nws-licence-warning').count()).toBe(0)
    await participant.context.close()
  })

  it('tells the operator at start, in /metrics, and never logs the key', async () => {
    const line = await expired.waitForLog((entry) => entry.msg === 'tldraw licence')
    expect(line).toMatchObject({ level: 'warn', licence: 'rejected:expired', kind: 'annual', hosts: host })
    for (const part of expiredKey.split(/[/.]/).filter((p) => p.length > 20)) expect(expired.logs.join('\n')).not.toContain(part)
    const metrics = await metricsOf(expired)
    expect(metrics).toMatch(/^netzwerkstatt_tldraw_licence_days_left 0$/m)
    const validMetrics = await metricsOf(valid)
    expect(validMetrics).toMatch(/^netzwerkstatt_tldraw_licence_days_left 4[01]$/m)
  })
})
