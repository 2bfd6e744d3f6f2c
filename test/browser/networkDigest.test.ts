/**
 * The digest by e-mail on the Fahrplan in Chromium, on a relay with a mail relay (SMTP_URL, a
 * real SMTP server process) and an OpenID Connect provider: a coordinator signed in through the
 * provider switches it on for the address the provider gave, and it stays on; on a device without
 * a sign-in the Fahrplan offers the sign-in instead. The mail itself: test/integration/networkDigest.test.ts.
 * Screenshots: test/artifacts/between-digest-{1366,390}.png.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { freePort } from '../helpers/freePort.ts'
import { newPerson, type Person } from '../helpers/boardPages.ts'
import { copiedNetworkLink } from '../helpers/networkCalls.ts'
import { creatorSignInEnv, startTestIssuer, stopCreatorSignIn, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { startRelay, type RelayProcess } from '../helpers/relay.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts'

describe.skipIf(skipBrowserTests)('the digest by e-mail on the Fahrplan', () => {
  let relay: RelayProcess
  let issuer: TestIssuer
  let smtp: SmtpSink
  let browser: Browser
  const people: Person[] = []

  beforeAll(async () => {
    issuer = await startTestIssuer()
    issuer.signInAs({ subject: 'kim-koordination', name: 'Kim Koordination', email: 'kim@example.org' })
    smtp = await startSmtpSink()
    const port = await freePort()
    relay = await startRelay({ process: true, env: {
        ...(await creatorSignInEnv(issuer, 'Netzwerk-Gründung 2026', `http://127.0.0.1:${port}`)),
        PORT: String(port),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Netzwerkstatt <netzwerkstatt@example.org>',
      },
    })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const p of people) await p.context.close()
    await browser?.close()
    await stopCreatorSignIn(relay, issuer)
    await smtp?.close()
  })

  const fromElsewhere = async (width: number) => {
    const person = await newPerson(browser, { width, height: width === 390 ? 844 : 768 })
    people.push(person)
    await person.context.setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.40' })
    return person
  }

  it('a coordinator signed in through the provider switches it on for her address; a device without a sign-in is offered one', { timeout: 90_000 }, async () => {
    const { page, problems } = await fromElsewhere(1366)
    await page.goto(relay.httpUrl)
    await page.getByRole('link', { name: 'Mit dem Konto Ihrer Organisation anmelden' }).click()
    await page.getByText('Sie sind zum Anlegen von Boards angemeldet.').waitFor()
    await page.getByLabel('Name des Netzwerks').fill('Netzwerk Frühe Hilfen Süd')
    await page.getByRole('button', { name: 'Netzwerk anlegen' }).click()
    await page.waitForURL(/\/n\/[\w-]+$/)
    const link = await copiedNetworkLink(page)

    const since = page.getByRole('region', { name: 'Seit Ihrem letzten Besuch' })
    const box = since.getByRole('checkbox', { name: 'Alle 7 Tage an kim@example.org schicken' })
    expect(await box.isChecked()).toBe(false)
    // The box follows the relay's answer, not the click: a click, then its state.
    await box.click()
    await expect.poll(() => box.isChecked()).toBe(true)
    await since.getByText('Nur Titel der Boards und Zahlen').waitFor()
    await screenshot(page, 'between-digest-1366.png')
    // Still on after a reload: the relay keeps it.
    await page.reload()
    await expect.poll(() => since.getByRole('checkbox', { name: /kim@example\.org/ }).isChecked()).toBe(true)
    expect(problems).toEqual([])

    // The same network on a phone without a sign-in: the way to one, no switch.
    const phone = await fromElsewhere(390)
    await phone.page.goto(link)
    const offered = phone.page.getByRole('region', { name: 'Seit Ihrem letzten Besuch' })
    await offered.getByText('Melden Sie sich an, um alle 7 Tage per E-Mail zu erfahren').waitFor()
    expect(await offered.getByRole('link', { name: 'Anmelden' }).getAttribute('href')).toMatch(/^\/api\/auth\/oidc\/login\?return=%2Fn%2F/)
    expect(await offered.getByRole('checkbox').count()).toBe(0)
    await offered.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await screenshot(phone.page, 'between-digest-390.png')
    // Switched on, not sent: nothing happened on the boards, and a week has not passed.
    expect(smtp.mails).toEqual([])
  })
})
