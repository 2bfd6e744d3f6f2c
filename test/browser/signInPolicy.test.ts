/**
 * The server's sign-in rule in the facilitator's links menu, in Chromium: under
 * SIGN_IN_POLICY=required for every link the switch stays on, greyed, and says why; with a rule
 * for some links it still switches, and names the links the rule holds anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, type Person } from '../helpers/boardPages.ts'
import { createBoard } from '../helpers/clients.ts'
import { freePort } from '../helpers/freePort.ts'
import { creatorSignInEnv, groupSettings, startTestIssuer, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe.skipIf(skipBrowserTests)('the sign-in rule in the links menu', () => {
  let issuer: TestIssuer
  let browser: Browser
  const relays: RelayProcess[] = []
  const people: Person[] = []

  beforeAll(async () => {
    issuer = await startTestIssuer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const p of people) await p.context.close()
    await browser?.close()
    for (const relay of relays) {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
    await issuer?.close()
  })

  /** A relay under the rule, a board on it, and its facilitator signed in with the links menu open. */
  const facilitatorUnder = async (rule: Record<string, string>, viewport = { width: 1366, height: 768 }) => {
    const port = await freePort()
    const env = await creatorSignInEnv(issuer, 'Steuerungsgruppe 2026!', `http://127.0.0.1:${port}`)
    const relay = await startRelay({ process: true, env: { ...env, ...groupSettings, PORT: String(port), ...rule } })
    relays.push(relay)
    const board = await createBoard(relay, 'Steuerungsgruppe Jobcenter')
    const p = await newPerson(browser, viewport)
    people.push(p)
    await p.page.goto(`${relay.httpUrl}/b/${board.id}#${board.access.facilitator}`)
    issuer.signInAs({ subject: 'steuerung@example.org', name: 'Sabine Steuer', groups: ['/jobcenter/steuerung'] })
    await p.page.getByRole('button', { name: 'Anmelden' }).click()
    await p.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 30_000 })
    await p.page.getByRole('button', { name: /Teilen|Links/ }).first().click()
    const toggle = p.page.getByRole('checkbox', { name: 'Nur angemeldete Mitglieder' })
    await toggle.waitFor()
    return { ...p, toggle }
  }

  it('keeps the switch on and greyed under a rule for every link, and says why', { timeout: 120_000 }, async () => {
    const { page, problems, toggle } = await facilitatorUnder({ SIGN_IN_POLICY: 'required' })
    expect(await toggle.isChecked()).toBe(true)
    expect(await toggle.isDisabled()).toBe(true)
    await page.getByText('Der Betrieb dieses Servers verlangt auf jedem Board eine Anmeldung für alle Links.', { exact: false }).waitFor()
    await page.locator('[data-sign-in-policy]').scrollIntoViewIfNeeded()
    await screenshot(page, 'sign-in-policy-all-1366.png')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.locator('[data-sign-in-policy]').scrollIntoViewIfNeeded()
    await screenshot(page, 'sign-in-policy-all-390.png')
    expect(problems).toEqual([])
  })

  it('names the links a partial rule holds, and leaves the switch to the facilitator', { timeout: 120_000 }, async () => {
    const { page, problems, toggle } = await facilitatorUnder({ SIGN_IN_POLICY: 'required', SIGN_IN_FOR: 'facilitator,participant' })
    expect(await toggle.isChecked()).toBe(false)
    expect(await toggle.isDisabled()).toBe(false)
    const hint = page.locator('[data-sign-in-policy]')
    await hint.waitFor()
    expect(await hint.textContent()).toMatch(/für diese Links: .+ und .+\./)
    await hint.scrollIntoViewIfNeeded()
    await screenshot(page, 'sign-in-policy-some-1366.png')
    expect(problems).toEqual([])
  })
})
