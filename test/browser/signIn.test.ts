/**
 * Creating boards from another machine in Chromium: the start page asks for the creator password
 * or sends the creator to the organisation's OpenID Connect provider, and then creates the board.
 * The browser speaks as 198.51.100.40 through the test standing in for a trusted proxy.
 */
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { hashPassword } from '../../server/auth/creatorPassword.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, type Person } from '../helpers/boardPages.ts'
import { startTestIssuer, stopCreatorSignIn, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { startRelay, type RelayProcess } from '../helpers/relay.ts'

const password = 'Steuerungsgruppe 2026!'

/** A port nobody listens on now: the relay's public URL must be known before it starts. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

describe.skipIf(skipBrowserTests)('signing in to create boards, in the browser', () => {
  let relay: RelayProcess
  let issuer: TestIssuer
  let browser: Browser
  const people: Person[] = []

  beforeAll(async () => {
    issuer = await startTestIssuer()
    const port = await freePort()
    relay = await startRelay({ process: true, env: {
        PORT: String(port),
        TRUST_PROXY: '127.0.0.1',
        CREATOR_PASSWORD_HASH: await hashPassword(password),
        OIDC_ISSUER: issuer.url,
        OIDC_CLIENT_ID: issuer.clientId,
        OIDC_CLIENT_SECRET: issuer.clientSecret,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const p of people) await p.context.close()
    await browser?.close()
    await stopCreatorSignIn(relay, issuer)
  })

  const fromElsewhere = async () => {
    const person = await newPerson(browser, { width: 1440, height: 900 })
    people.push(person)
    await person.context.setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.40' })
    return person
  }

  it('asks for the password, says when it is wrong, then creates the board', { timeout: 60_000 }, async () => {
    const { page, problems } = await fromElsewhere()
    await page.goto(relay.httpUrl)
    const passwordField = page.getByLabel('Passwort zum Anlegen von Boards')
    await passwordField.waitFor()
    expect(await page.getByLabel('Titel').count()).toBe(0)
    await screenshot(page, 'sign-in-start-de.png')

    await passwordField.fill('nicht das Passwort')
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByRole('alert').filter({ hasText: 'Das Passwort stimmt nicht.' }).waitFor()

    await passwordField.fill(password)
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByText('Sie sind zum Anlegen von Boards angemeldet.').waitFor()
    await page.getByLabel('Titel').fill('Steuerungsgruppe Mai')
    await page.getByRole('button', { name: 'Board anlegen' }).click()
    await page.waitForURL(/\/b\//)
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    expect(problems).toEqual([])
  })

  it('signs in through the organisation account and comes back to the start page', { timeout: 60_000 }, async () => {
    const { page, problems } = await fromElsewhere()
    await page.goto(relay.httpUrl)
    await page.getByRole('link', { name: 'Mit dem Konto Ihrer Organisation anmelden' }).click()
    // Out to the provider and back: the start page, now with the form.
    await page.getByText('Sie sind zum Anlegen von Boards angemeldet.').waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    await screenshot(page, 'sign-in-signed-in-de.png')
    await page.getByRole('button', { name: 'Abmelden' }).click()
    await page.getByLabel('Passwort zum Anlegen von Boards').waitFor()
    expect(problems).toEqual([])
  })
})
