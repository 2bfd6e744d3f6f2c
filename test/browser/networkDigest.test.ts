/**
 * The digest by e-mail on the Fahrplan in Chromium, on a relay with a mail relay (SMTP_URL, a
 * real SMTP server process) and an OpenID Connect provider (settings of its own: a relay of the
 * file's own): a coordinator signed in through the provider (the sign-in's cookie from
 * `signedInVisitor.ts`; the sign-in on the start page itself: `signIn.test.ts`) switches it on
 * for the address the provider gave; on a device without a sign-in the Fahrplan offers the
 * sign-in instead. That the relay keeps it switched on, and the mail itself:
 * test/integration/networkDigest.test.ts.
 * Screenshots: test/artifacts/between-digest-{1366,390}.png.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { freePort } from '../helpers/freePort.ts'
import { newPerson, type Person } from '../helpers/boardPages.ts'
import { CreatedNetwork } from '../../shared/networkApi.ts'
import { visitor } from '../helpers/signedInVisitor.ts'
import { creatorSignInEnv, startTestIssuer, stopCreatorSignIn, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { startRelay, type RelayProcess } from '../helpers/relay.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts'
import { hang } from '../helpers/hang.ts'

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

  const fromElsewhere = async (width: number, address: string) => {
    const person = await newPerson(browser, { width, height: width === 390 ? 844 : 768 })
    people.push(person)
    await person.context.setExtraHTTPHeaders({ 'x-forwarded-for': address })
    return person
  }

  it('a coordinator signed in through the provider switches it on for her address; a device without a sign-in is offered one', { timeout: hang(90_000) }, async () => {
    // Kim signs in through the provider from her address and creates the network there.
    const kim = visitor(relay.httpUrl, '198.51.100.40')
    expect((await kim.throughProvider()).status).toBe(302)
    const created = await kim.request('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Netzwerk Frühe Hilfen Süd' }) })
    expect(created.status).toBe(201)
    const network = CreatedNetwork.parse(await created.json())
    const link = `${relay.httpUrl}${network.link}`

    // Her browser, with her sign-in: the Fahrplan offers the digest to the address the provider gave.
    const { page, context, problems } = await fromElsewhere(1366, '198.51.100.40')
    await context.addCookies([...kim.cookies].map(([name, value]) => ({ name, value, url: relay.httpUrl })))
    await page.goto(link)
    const since = page.getByRole('region', { name: 'Seit Ihrem letzten Besuch' })
    const box = since.getByRole('checkbox', { name: 'Alle 7 Tage an kim@example.org schicken' })
    expect(await box.isChecked()).toBe(false)
    // The box follows the relay's answer, not the click: a click, then its state.
    await box.click()
    await expect.poll(() => box.isChecked()).toBe(true)
    await since.getByText('Nur Titel der Boards und Zahlen').waitFor()
    await screenshot(page, 'between-digest-1366.png')
    expect(problems).toEqual([])

    // The same network on a phone without a sign-in: the way to one, no switch.
    const phone = await fromElsewhere(390, '198.51.100.41')
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
