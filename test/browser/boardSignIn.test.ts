/**
 * A board that requires sign-in, in Chromium: a participant link opens the gate page, "Anmelden"
 * goes to the organisation's provider and back to the board, which opens with the sign-in's
 * name; a sign-in of a group that is not admitted sees why. The facilitator's switch is in the
 * links menu.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { boardSignInPath } from '../../shared/api.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, type Person } from '../helpers/boardPages.ts'
import { createBoard } from '../helpers/clients.ts'
import { freePort } from '../helpers/freePort.ts'
import { creatorSignInEnv, groupSettings, startTestIssuer, stopCreatorSignIn, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { startRelay, type RelayProcess } from '../helpers/relay.ts'
import { visitor } from '../helpers/signedInVisitor.ts'

describe.skipIf(skipBrowserTests)('a board that requires sign-in, in the browser', () => {
  let relay: RelayProcess
  let issuer: TestIssuer
  let browser: Browser
  const people: Person[] = []
  let board: Awaited<ReturnType<typeof createBoard>>

  beforeAll(async () => {
    issuer = await startTestIssuer()
    const port = await freePort()
    const env = await creatorSignInEnv(issuer, 'Steuerungsgruppe 2026!', `http://127.0.0.1:${port}`)
    relay = await startRelay({ process: true, env: { ...env, ...groupSettings, PORT: String(port) } })
    browser = await launchBrowser()
    board = await createBoard(relay, 'Steuerungsgruppe Jobcenter')
    issuer.signInAs({ subject: 'steuerung@example.org', name: 'Sabine Steuer', groups: ['/jobcenter/steuerung'] })
    const lead = visitor(relay.httpUrl, '198.51.100.50')
    await lead.throughProvider()
    const switched = await lead.request(boardSignInPath(board.id), {
      method: 'PUT',
      headers: { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' },
      body: '{"required":true}',
    })
    expect(switched.status).toBe(200)
  })
  afterAll(async () => {
    for (const p of people) await p.context.close()
    await browser?.close()
    await stopCreatorSignIn(relay, issuer)
  })

  const person = async (viewport = { width: 1366, height: 768 }, locale = 'de-DE') => {
    const p = await newPerson(browser, viewport, locale)
    people.push(p)
    return p
  }
  const participantLink = () => `${relay.httpUrl}/b/${board.id}#${board.access.participant}`

  it('shows the gate, signs in at the provider and comes back to the board with the sign-in name', { timeout: 90_000 }, async () => {
    const { page, problems } = await person()
    await page.goto(participantLink())
    await page.getByRole('heading', { name: 'Anmeldung erforderlich' }).waitFor()
    await screenshot(page, 'board-sign-in-gate-1366.png')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'board-sign-in-gate-390.png')
    await page.setViewportSize({ width: 1920, height: 1080 })

    issuer.signInAs({ subject: 'mitglied@example.org', name: 'Mira Mitglied', groups: ['/netzwerk/mitglieder'] })
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 30_000 })
    // Back on the board itself, opened with the link's key this tab kept; the address shows none.
    expect(new URL(page.url()).pathname).toBe(`/b/${board.id}`)
    expect(page.url()).not.toContain(board.access.participant)
    await page.waitForFunction(() => window.__netzwerkstatt?.editor?.user.getName() === 'Mira Mitglied')
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(false)
    await screenshot(page, 'board-sign-in-admitted-1920.png')
    expect(problems).toEqual([])
  })

  it('tells a sign-in whose groups are not admitted why, in English too', { timeout: 90_000 }, async () => {
    const { page, problems } = await person({ width: 1366, height: 768 }, 'en-GB')
    await page.goto(participantLink())
    await page.getByRole('heading', { name: 'Sign-in required' }).waitFor()
    await screenshot(page, 'board-sign-in-gate-en-1366.png')
    // May create boards, but is no member of the network.
    issuer.signInAs({ subject: 'planung@example.org', name: 'Paul Plan', groups: ['/sozialamt/planung'] })
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'No access with this sign-in' }).waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    await screenshot(page, 'board-sign-in-forbidden-en-1366.png')
    expect(problems).toEqual([])
  })

  it("shows the facilitator's switch on, with who is signed in", { timeout: 90_000 }, async () => {
    const { page, problems } = await person()
    await page.goto(`${relay.httpUrl}/b/${board.id}#${board.access.facilitator}`)
    issuer.signInAs({ subject: 'steuerung@example.org', name: 'Sabine Steuer', groups: ['/jobcenter/steuerung'] })
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: /Teilen|Links/ }).first().click()
    const toggle = page.getByRole('checkbox', { name: 'Nur angemeldete Mitglieder' })
    await toggle.waitFor()
    expect(await toggle.isChecked()).toBe(true)
    await page.getByText('Angemeldet als Sabine Steuer').waitFor()
    await screenshot(page, 'board-sign-in-switch-1366.png')
    expect(problems).toEqual([])
  })
})
