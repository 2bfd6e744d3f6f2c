/**
 * Signing in with the organisation's account, in Chromium, against relays of the file's own (their
 * settings are what is tested: a creator password, an OpenID Connect provider and its groups, a
 * sign-in rule) and one test provider for all (`startTestIssuer`, in this process):
 * - creating boards from another machine: the start page asks for the creator password or sends
 *   the creator to the provider, and then creates the board (the browser speaks as 198.51.100.40
 *   through the test standing in for a trusted proxy);
 * - a board that requires sign-in: a participant link opens the gate page, "Anmelden" goes to the
 *   provider and back to the board, which opens with the sign-in's name; a sign-in of a group that
 *   is not admitted sees why;
 * - the server's sign-in rule in the facilitator's links menu: under SIGN_IN_POLICY=required for
 *   every link the switch stays on, greyed, says why and who is signed in (what the switch shows
 *   for each answer, a board switched on by its facilitator and a rule for some links too:
 *   test/unit/signInSwitch.test.ts; the answers: test/integration/boardSignIn.test.ts, signInPolicy.test.ts).
 * The creators' and the boards' sign-in share one relay; the rule needs a relay of its own.
 * Page loads: 9 (the start page, back from the provider, signed out, the new board; twice a board's
 * gate and the way back to it; the board under the rule, whose facilitator signed in without this
 * browser: the gate's way through the provider is the tests' above).
 * What the relays refuse without a sign-in: test/integration/boardSignIn.test.ts, signInPolicy.test.ts, creators.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { boardSignInPath, type CreatedBoard } from '../../shared/api.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, type Person } from '../helpers/boardPages.ts'
import { createBoard } from '../helpers/clients.ts'
import { freePort } from '../helpers/freePort.ts'
import { creatorSignInEnv, groupSettings, startTestIssuer, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { visitor } from '../helpers/signedInVisitor.ts'
import { hang } from '../helpers/hang.ts'

const password = 'Steuerungsgruppe 2026!'
const steering = { subject: 'steuerung@example.org', name: 'Sabine Steuer', groups: ['/jobcenter/steuerung'] }

describe.skipIf(skipBrowserTests)('signing in, in the browser', () => {
  let issuer: TestIssuer
  let browser: Browser
  const relays: Relay[] = []
  const people: Person[] = []
  // The creators' and boards' sign-in; a rule for every link.
  let signInRelay: Relay
  let ruleForAll: Relay

  /** A relay whose creators sign in with the password or through the provider, with the groups' rights, and `env`. */
  async function startSignInRelay(base: Record<string, string>, env: Record<string, string> = {}) {
    const port = await freePort()
    const relay = await startRelay({ env: { ...base, PUBLIC_URL: `http://127.0.0.1:${port}`, ...groupSettings, PORT: String(port), ...env } })
    relays.push(relay)
    return relay
  }
  const person = async (viewport = { width: 1366, height: 768 }, locale = 'de-DE') => {
    const p = await newPerson(browser, viewport, locale)
    people.push(p)
    return p
  }

  beforeAll(async () => {
    issuer = await startTestIssuer()
    // The password's hash once for both (hashing is slow on purpose); the relays start side by side.
    const base = await creatorSignInEnv(issuer, password, '')
    ;[signInRelay, ruleForAll, browser] = await Promise.all([startSignInRelay(base), startSignInRelay(base, { SIGN_IN_POLICY: 'required' }), launchBrowser()])
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

  describe('creating boards from another machine, and a board that requires sign-in', () => {
    let relay: Relay
    let board: CreatedBoard
    beforeAll(async () => {
      relay = signInRelay
      board = await createBoard(relay, 'Steuerungsgruppe Jobcenter')
      issuer.signInAs(steering)
      const lead = visitor(relay.httpUrl, '198.51.100.50')
      await lead.throughProvider()
      const switched = await lead.request(boardSignInPath(board.id), {
        method: 'PUT',
        headers: { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' },
        body: '{"required":true}',
      })
      expect(switched.status).toBe(200)
    })

    const fromElsewhere = async () => {
      const p = await person({ width: 1440, height: 900 })
      await p.context.setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.40' })
      return p
    }
    const participantLink = () => `${relay.httpUrl}/b/${board.id}#${board.access.participant}`

    // One browser from elsewhere: first through the organisation's account and out again, then
    // with the password (the start page is loaded once; the provider brings it back once).
    it('signs in through the organisation account and comes back to the start page, signs out; then asks for the password, says when it is wrong, and creates the board', { timeout: hang(90_000) }, async () => {
      const { page, problems } = await fromElsewhere()
      await page.goto(relay.httpUrl)
      const passwordField = page.getByLabel('Passwort zum Anlegen von Boards')
      await passwordField.waitFor()
      expect(await page.getByLabel('Titel').count()).toBe(0)
      await screenshot(page, 'sign-in-start-de.png')

      // Someone of a group that may create boards.
      issuer.signInAs(steering)
      await page.getByRole('link', { name: 'Mit dem Konto Ihrer Organisation anmelden' }).click()
      // Out to the provider and back: the start page, now with the form.
      await page.getByText('Sie sind zum Anlegen von Boards angemeldet.').waitFor()
      expect(new URL(page.url()).pathname).toBe('/')
      await screenshot(page, 'sign-in-signed-in-de.png')
      await page.getByRole('button', { name: 'Abmelden' }).click()
      await passwordField.waitFor()
      expect(await page.getByLabel('Titel').count(), 'signed out: no form to create a board').toBe(0)

      await passwordField.fill('nicht das Passwort')
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByRole('alert').filter({ hasText: 'Das Passwort stimmt nicht.' }).waitFor()

      await passwordField.fill(password)
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.getByText('Sie sind zum Anlegen von Boards angemeldet.').waitFor()
      await page.getByLabel('Titel').fill('Steuerungsgruppe Mai')
      await page.getByRole('button', { name: 'Board anlegen' }).click()
      await page.waitForURL(/\/b\//)
      await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
      expect(problems).toEqual([])
    })

    it('shows the gate of a board that requires sign-in, signs in at the provider and comes back to the board with the sign-in name', { timeout: hang(90_000) }, async () => {
      const { page, problems } = await person()
      await page.goto(participantLink())
      await page.getByRole('heading', { name: 'Anmeldung erforderlich' }).waitFor()
      await screenshot(page, 'board-sign-in-gate-1366.png')
      await page.setViewportSize({ width: 390, height: 844 })
      await screenshot(page, 'board-sign-in-gate-390.png')
      await page.setViewportSize({ width: 1920, height: 1080 })

      issuer.signInAs({ subject: 'mitglied@example.org', name: 'Mira Mitglied', groups: ['/netzwerk/mitglieder'] })
      await page.getByRole('button', { name: 'Anmelden' }).click()
      await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(30_000) })
      // Back on the board itself, opened with the link's key this tab kept; the address shows none.
      expect(new URL(page.url()).pathname).toBe(`/b/${board.id}`)
      expect(page.url()).not.toContain(board.access.participant)
      await page.waitForFunction(() => window.__netzwerkstatt?.editor?.user.getName() === 'Mira Mitglied')
      expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(false)
      await screenshot(page, 'board-sign-in-admitted-1920.png')
      expect(problems).toEqual([])
    })

    it('tells a sign-in whose groups are not admitted to the board why, in English too', { timeout: hang(90_000) }, async () => {
      const { page, problems } = await person({ width: 1366, height: 768 }, 'en-GB')
      await page.goto(participantLink())
      await page.getByRole('heading', { name: 'Sign-in required' }).waitFor()
      await screenshot(page, 'board-sign-in-gate-en-1366.png')
      // May create boards, but is no member of the network.
      issuer.signInAs({ subject: 'planung@example.org', name: 'Paul Plan', groups: ['/sozialamt/planung'] })
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { name: 'No access with this sign-in' }).waitFor({ timeout: hang(30_000) })
      await page.getByRole('button', { name: 'Sign out' }).waitFor()
      await screenshot(page, 'board-sign-in-forbidden-en-1366.png')
      expect(problems).toEqual([])
    })
  })

  describe("the server's sign-in rule in the links menu", () => {
    /**
     * A relay under the rule, a board on it, and its facilitator signed in with the links menu open.
     * The way in through the gate and the provider is the tests' above: this browser gets the
     * session cookie of a sign-in made without it (`visitor`), and loads the board once.
     */
    const facilitatorUnder = async (relay: Relay) => {
      const board = await createBoard(relay, 'Steuerungsgruppe Jobcenter')
      issuer.signInAs(steering)
      const signedIn = visitor(relay.httpUrl, '127.0.0.1')
      const back = await signedIn.throughProvider({ path: `/api/auth/oidc/login?return=${encodeURIComponent(`/b/${board.id}`)}` })
      expect(back.headers.get('location'), 'the provider sent the sign-in back to the board').toBe(`/b/${board.id}`)
      const p = await person()
      await p.context.addCookies([...signedIn.cookies].map(([name, value]) => ({ name, value, url: relay.httpUrl, httpOnly: true, sameSite: 'Lax' as const })))
      await p.page.goto(`${relay.httpUrl}/b/${board.id}#${board.access.facilitator}`)
      await p.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(30_000) })
      await p.page.getByRole('button', { name: /Teilen|Links/ }).first().click()
      const toggle = p.page.getByRole('checkbox', { name: 'Nur angemeldete Mitglieder' })
      await toggle.waitFor()
      return { ...p, toggle }
    }

    it('keeps the switch on and greyed under a rule for every link, says why, and who is signed in', { timeout: hang(120_000) }, async () => {
      const { page, problems, toggle } = await facilitatorUnder(ruleForAll)
      expect(await toggle.isChecked()).toBe(true)
      expect(await toggle.isDisabled()).toBe(true)
      await page.getByText('Angemeldet als Sabine Steuer').waitFor()
      await page.getByText('Der Betrieb dieses Servers verlangt auf jedem Board eine Anmeldung für alle Links.', { exact: false }).waitFor()
      await page.locator('[data-sign-in-policy]').scrollIntoViewIfNeeded()
      await screenshot(page, 'sign-in-policy-all-1366.png')
      await page.setViewportSize({ width: 390, height: 844 })
      await page.locator('[data-sign-in-policy]').scrollIntoViewIfNeeded()
      await screenshot(page, 'sign-in-policy-all-390.png')
      expect(problems).toEqual([])
    })
  })
})
