/**
 * Joining by QR code in Chromium: the facilitator shows the join screen on the projector, one
 * person follows the QR code's address and lands on the board as a participant, another types
 * the read-only code on the start page; a bare board id is explained, not opened.
 * Screenshots: test/artifacts/join-screen-{de,en}-{1440,1920}.png.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { encode } from 'uqr'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite } from '../helpers/boardPages.ts'

describe.skipIf(skipBrowserTests)('joining by code', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  /** Creates a board on the start page, as a facilitator does, so this browser knows all its links. */
  async function createOnStartPage(page: Page, title: string, labels = { title: 'Titel', create: 'Board anlegen' }) {
    await page.goto(suite.relay.httpUrl)
    await page.getByLabel(labels.title).fill(title)
    await page.getByRole('button', { name: labels.create }).click()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    return new URL(page.url()).pathname
  }

  /** The QR code on the page, read back module by module, against what it should encode. */
  async function expectQrFor(page: Page, url: string) {
    const drawn = await page.locator('.nws-qr').evaluate((svg) => ({
      text: svg.getAttribute('data-qr-text'),
      modules: Number(svg.getAttribute('viewBox')!.split(' ')[2]),
      path: svg.querySelector('path')!.getAttribute('d')!,
    }))
    expect(drawn.text).toBe(url)
    const expected = encode(url, { ecc: 'M', border: 2 })
    expect(drawn.modules).toBe(expected.size)
    const dark = new Set([...drawn.path.matchAll(/M(\d+) (\d+)/g)].map(([, x, y]) => `${x},${y}`))
    const wanted = expected.data.flatMap((row, y) => row.flatMap((on, x) => (on ? [`${x},${y}`] : [])))
    expect(dark).toEqual(new Set(wanted))
  }

  it('shows a QR code and a short link that take people onto the board in the right role', { timeout: 120_000 }, async () => {
    const facilitator = await suite.person()
    const boardPath = await createOnStartPage(facilitator.page, 'Planspiel Alleinerziehende Nord')
    await facilitator.page.getByRole('button', { name: 'Links zu diesem Board' }).click()
    // The links to pass on come first; the facilitator's own last.
    const order = await facilitator.page.locator('.nws-link-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-role')))
    expect(order).toEqual(['participant', 'observer', 'facilitator'])
    await facilitator.page.getByRole('button', { name: 'Beitreten-Ansicht für den Beamer' }).click()
    const screen = facilitator.page.getByRole('dialog', { name: 'Planspiel Alleinerziehende Nord' })
    const shortLink = await screen.locator('[data-join-link]').textContent()
    expect(shortLink).toMatch(/^127\.0\.0\.1:\d+\/j\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const participantUrl = `http://${shortLink}`
    await expectQrFor(facilitator.page, participantUrl)
    expect(await screen.textContent()).not.toContain('#')
    await screenshot(facilitator.page, 'join-screen-de-1440.png')
    await facilitator.page.setViewportSize({ width: 1920, height: 1080 })
    await screenshot(facilitator.page, 'join-screen-de-1920.png')

    // Someone scans the code: the short link leads to the board as a participant.
    const scanner = await suite.person()
    await scanner.page.goto(participantUrl)
    await scanner.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    expect(new URL(scanner.page.url()).pathname).toBe(boardPath)
    await scanner.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    expect(await scanner.page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(false)

    // "Nur ansehen": another code; typed on the start page, it opens the board read-only.
    await screen.getByRole('radio', { name: 'Nur ansehen' }).click()
    await expect.poll(() => screen.locator('[data-join-link]').textContent()).not.toBe(shortLink)
    const observerCode = (await screen.locator('.nws-join__code').textContent())!.replace(/^.*: /, '')
    await screen.getByRole('button', { name: 'Schließen' }).click()
    expect(await screen.count()).toBe(0)
    const typist = await suite.person()
    // The "Neues Board" form appears only after the server's answer; held back until the code is
    // typed, it must not pull the focus (and the rest of the typing) into its title field.
    let typed!: () => void
    const typing = new Promise<void>((resolve) => (typed = resolve))
    await typist.page.route('**/api/auth/status', async (route) => {
      await typing
      await route.continue()
    })
    await typist.page.goto(suite.relay.httpUrl)
    const codeField = typist.page.getByLabel('Link oder Beitrittscode')
    await codeField.fill(observerCode.slice(0, 6).toLowerCase())
    typed()
    await typist.page.getByLabel('Titel').waitFor()
    await codeField.pressSequentially(observerCode.slice(6).toLowerCase())
    expect(await codeField.inputValue()).toBe(observerCode.toLowerCase())
    expect(await typist.page.getByLabel('Titel').inputValue()).toBe('')
    await typist.page.getByRole('button', { name: 'Öffnen' }).click()
    await typist.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await typist.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    expect(await typist.page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(true)

    // A board id alone is explained, not opened, in a browser that holds no link to it.
    const stranger = await suite.person()
    await stranger.page.goto(suite.relay.httpUrl)
    await stranger.page.getByLabel('Link oder Beitrittscode').fill(boardPath.split('/').at(-1)!)
    await stranger.page.getByRole('button', { name: 'Öffnen' }).click()
    await stranger.page.getByRole('alert').filter({ hasText: 'Eine Board-ID allein öffnet kein Board' }).waitFor()
    expect(new URL(stranger.page.url()).pathname).toBe('/')

    // An unknown code says so.
    await stranger.page.goto(`${suite.relay.httpUrl}/j/AAAA-BBBB-CCCC`)
    await stranger.page.getByRole('heading', { name: 'Beitrittscode unbekannt' }).waitFor()
    for (const p of [facilitator, scanner, typist, stranger]) expect(p.problems).toEqual([])
  })

  it('reads the same in English', { timeout: 60_000 }, async () => {
    const facilitator = await suite.person({ locale: 'en-GB' })
    await createOnStartPage(facilitator.page, 'Founding workshop single parents', { title: 'Title', create: 'Create board' })
    await facilitator.page.getByRole('button', { name: 'Links to this board' }).click()
    await facilitator.page.getByRole('button', { name: 'Join screen for the projector' }).click()
    await facilitator.page.locator('[data-join-link]').waitFor()
    await screenshot(facilitator.page, 'join-screen-en-1440.png')
    await facilitator.page.setViewportSize({ width: 1920, height: 1080 })
    await screenshot(facilitator.page, 'join-screen-en-1920.png')
    expect(facilitator.problems).toEqual([])
  })
})
