/**
 * A facilitator with two devices: the board made on the office laptop, the facilitator link
 * opened on the projector laptop. The projector shows the join screen (the same code as the
 * office) without replacing any link; a link replaced on one device is what the other shows
 * next, also on a join screen left open; server errors read in the page's language. The join screen shows an address others can
 * reach (PUBLIC_URL, or the machine's LAN address when opened as localhost) and warns when it
 * cannot. Screenshot: test/artifacts/second-device-join-view.png (1920×1080).
 */
import { networkInterfaces } from 'node:os'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { lanAddress as lanAddressOf } from '../../server/joinAddress.ts'

const fullHd = { width: 1920, height: 1080 }
/** This machine's address in its network, as a relay listening on all interfaces tells it. */
const lanAddress = lanAddressOf(networkInterfaces(), '0.0.0.0')

describe.skipIf(skipBrowserTests)('a second facilitator device', () => {
  let relay: RelayProcess
  let browser: Browser
  const people: Person[] = []
  const person = async (locale = 'de-DE') => {
    const p = await newPerson(browser, fullHd, locale)
    people.push(p)
    return p
  }
  beforeAll(async () => {
    // Listening on the LAN too, as at a workshop: the office laptop opens the app as 127.0.0.1, the
    // links it shows (and the projector laptop) use the machine's LAN address where it has one.
    relay = await startRelay({ process: true, env: { HOST: '0.0.0.0' } })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const p of people) await p.context.close()
    await browser?.close()
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
  })

  async function createBoard(page: Page, title: string) {
    await page.goto(relay.httpUrl)
    await page.getByLabel('Titel').fill(title)
    await page.getByRole('button', { name: 'Board anlegen' }).click()
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
  }

  const openLinks = async (page: Page) => {
    await page.getByRole('button', { name: 'Links zu diesem Board' }).click()
    await page.locator('.nws-link-row').first().waitFor()
  }
  const closeLinks = (page: Page) => page.keyboard.press('Escape')
  const linkIn = (page: Page, role: string) => page.locator(`.nws-link-row[data-role="${role}"] input`)
  // The same link: its board and token. The address in front may differ, as each panel shows the
  // relay's answer (the LAN address) once it is in, and what the browser remembers until then.
  const boardAndToken = (link: string) => (link ? new URL(link).pathname + new URL(link).hash : '')
  const tokenIn = async (page: Page, role: string) => boardAndToken(await linkIn(page, role).inputValue())

  /** Opens the join screen from the links panel and waits for its code; returns the code's text. */
  async function showJoinScreen(page: Page) {
    await page.getByRole('button', { name: 'Beitreten-Ansicht für den Beamer' }).click()
    const screen = page.getByRole('dialog')
    await screen.locator('.nws-join__code').waitFor({ timeout: 20_000 })
    return (await screen.locator('.nws-join__code').textContent())!.replace(/^.*: /, '')
  }
  const closeJoinScreen = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click()

  it('shows the join screen on the projector laptop without throwing anyone off', { timeout: 180_000 }, async () => {
    const office = await person()
    await createBoard(office.page, 'Netzwerktreffen Frühe Hilfen')
    await openLinks(office.page)
    const facilitatorLink = await linkIn(office.page, 'facilitator').inputValue()
    const participantLink = await linkIn(office.page, 'participant').inputValue()
    const officeCode = await showJoinScreen(office.page)
    await closeJoinScreen(office.page)

    const participant = await person()
    await openBoardPage(participant.page, participantLink)

    // The projector laptop has only the facilitator link.
    const projector = await person()
    await openBoardPage(projector.page, facilitatorLink)
    await openLinks(projector.page)
    await expect.poll(() => tokenIn(projector.page, 'participant')).toBe(boardAndToken(participantLink))
    const projectorCode = await showJoinScreen(projector.page)
    // The same code as on the office laptop: showing it here ends nothing there.
    expect(projectorCode).toBe(officeCode)
    expect(await projector.page.getByRole('dialog').textContent()).not.toContain('nicht bekannt')
    if (lanAddress) expect(await projector.page.getByRole('dialog').locator('[data-join-link]').textContent()).toMatch(new RegExp(`^${lanAddress.replace(/\./g, '\\.')}:`))
    await screenshot(projector.page, 'second-device-join-view.png')
    await projector.page.setViewportSize({ width: 1366, height: 768 })
    await screenshot(projector.page, 'second-device-join-view-1366.png')
    await closeJoinScreen(projector.page)
    if (!(await projector.page.locator('.nws-links').isVisible())) await openLinks(projector.page)
    await screenshot(projector.page.locator('.nws-links'), 'second-device-links.png')
    expect(await participant.page.locator('.nws-status').getAttribute('data-state')).toBe('connected')
    for (const p of [office, participant, projector]) expect(p.problems).toEqual([])
  })

  it('shows the link that works now after the other device replaced it, also on an open join screen', { timeout: 180_000 }, async () => {
    const office = await person()
    await createBoard(office.page, 'Fallwerkstatt')
    await openLinks(office.page)
    const facilitatorLink = await linkIn(office.page, 'facilitator').inputValue()
    const oldLink = await linkIn(office.page, 'participant').inputValue()
    // The office laptop's join screen stays up (it is the one on the projector today).
    const oldCode = await showJoinScreen(office.page)

    const projector = await person()
    await openBoardPage(projector.page, facilitatorLink)
    await openLinks(projector.page)
    await projector.page.getByRole('button', { name: 'Link „Teilnehmende“: Neuen Link erzeugen' }).click()
    await projector.page.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()
    // Done once it says so: until then the panel may still show the old link, under another address
    // (the relay's answer to opening the panel can arrive before the new link does).
    await projector.page.getByText('Neuer Link erzeugt').waitFor()
    const newLink = await linkIn(projector.page, 'participant').inputValue()
    expect(boardAndToken(newLink)).not.toBe(boardAndToken(oldLink))

    // The open join screen moves on to a code for the new link by itself.
    const shownCode = async () => (await office.page.locator('.nws-join__code').textContent())?.replace(/^.*: /, '')
    await expect.poll(shownCode, { timeout: 60_000 }).not.toBe(oldCode)
    const code = (await shownCode())!
    const joiner = await person()
    await joiner.page.goto(`${relay.httpUrl}/j/${code}`)
    await joiner.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    // On the board with the new link: its own links panel shows it (the address keeps no key).
    expect(new URL(joiner.page.url()).pathname).toBe(new URL(newLink).pathname)
    await joiner.page.getByRole('button', { name: 'Links zu diesem Board' }).click()
    expect(await tokenIn(joiner.page, 'participant')).toBe(boardAndToken(newLink))

    // The office laptop's links panel shows the new link, not the dead one.
    await closeJoinScreen(office.page)
    if (await office.page.locator('.nws-links').isVisible()) {
      await closeLinks(office.page)
      await office.page.locator('.nws-links').waitFor({ state: 'hidden' })
    }
    await openLinks(office.page)
    await expect.poll(() => tokenIn(office.page, 'participant')).toBe(boardAndToken(newLink))
    for (const p of [office, projector, joiner]) expect(p.problems).toEqual([])
  })

  it('says what went wrong in the page language, never in the server’s English', { timeout: 120_000 }, async () => {
    const office = await person()
    await createBoard(office.page, 'Sozialraumkonferenz')
    await office.page.route('**/api/boards/*/join-code', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'storage is unavailable' }) }),
    )
    await office.page.route('**/api/boards/*/links', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'storage is unavailable' }) }),
    )
    await openLinks(office.page)
    await office.page.getByRole('button', { name: 'Beitreten-Ansicht für den Beamer' }).click()
    const alert = office.page.getByRole('dialog').getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).not.toContain('storage')
    expect(await alert.textContent()).toContain('Server')
  })
})


describe.skipIf(skipBrowserTests)('the address the join screen shows', () => {
  let browser: Browser
  const relays: RelayProcess[] = []
  const people: Person[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const p of people) await p.context.close()
    await browser?.close()
    for (const r of relays) {
      await r.kill()
      removeDataDir(r.dataDir)
    }
  })

  /** A board made on a relay started with `env`, opened at `host`; the join screen's short link and warning. */
  async function joinScreenAt(env: Record<string, string>, host: string) {
    const relay = await startRelay({ process: true, env })
    relays.push(relay)
    const p = await newPerson(browser, fullHd)
    people.push(p)
    await p.page.goto(`http://${host}:${relay.port}/`)
    await p.page.getByLabel('Titel').fill('Adresse')
    await p.page.getByRole('button', { name: 'Board anlegen' }).click()
    await p.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await p.page.getByRole('button', { name: 'Links zu diesem Board' }).click()
    await p.page.getByRole('button', { name: 'Beitreten-Ansicht für den Beamer' }).click()
    const screen = p.page.getByRole('dialog')
    await screen.locator('[data-join-link]').waitFor({ timeout: 20_000 })
    return {
      page: p.page,
      port: relay.port,
      link: (await screen.locator('[data-join-link]').textContent())!,
      qr: (await screen.locator('.nws-qr').getAttribute('data-qr-text'))!,
      warning: await screen.locator('[data-reach-warning]').textContent({ timeout: 1000 }).catch(() => null),
    }
  }

  it('warns plainly when only this computer can reach the address', { timeout: 120_000 }, async () => {
    // The default: the relay listens on 127.0.0.1 only.
    const shown = await joinScreenAt({}, 'localhost')
    expect(shown.link).toMatch(/^localhost:\d+\/j\//)
    expect(shown.warning).toContain('Nur dieser Rechner')
    await screenshot(shown.page, 'join-view-local-only.png')
    // The links panel says the same of the links it shows.
    await shown.page.getByRole('dialog').getByRole('button', { name: 'Schließen' }).click()
    if (!(await shown.page.locator('.nws-links').isVisible())) await shown.page.getByRole('button', { name: 'Links zu diesem Board' }).click()
    await expect.poll(() => shown.page.locator('.nws-links [data-reach-warning]').textContent()).toContain('nur auf diesem Rechner')
    await screenshot(shown.page.locator('.nws-links'), 'links-local-only.png')
  })

  it.skipIf(!lanAddress)('shows the LAN address when the page was opened as localhost', { timeout: 120_000 }, async () => {
    const shown = await joinScreenAt({ HOST: '0.0.0.0' }, 'localhost')
    expect(shown.link).toMatch(new RegExp(`^${lanAddress!.replace(/\./g, '\\.')}:${shown.port}/j/`))
    expect(shown.qr).toBe(`http://${shown.link}`)
    expect(shown.warning).toBeNull()
    await screenshot(shown.page, 'join-view-lan.png')
  })

  it('keeps the link just replaced when an answer about the links, asked for before, arrives after it', { timeout: 120_000 }, async () => {
    // PUBLIC_URL: the links show the relay's address only once its answer about the links is in.
    // LOCAL_CREATION: this test's board is made at the server's own machine, which https PUBLIC_URL denies by default.
    const relay = await startRelay({ process: true, env: { PUBLIC_URL: 'https://board.example.org', LOCAL_CREATION: 'allow' } })
    relays.push(relay)
    const p = await newPerson(browser, fullHd)
    people.push(p)
    await p.page.goto(`http://127.0.0.1:${relay.port}/`)
    await p.page.getByLabel('Titel').fill('Steuerungsgruppe')
    await p.page.getByRole('button', { name: 'Board anlegen' }).click()
    await p.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    // The panel asks the relay for the links as it opens; that answer is held until the link is replaced.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await p.page.route(/\/api\/boards\/[^/]+\/links$/, async (route) => {
      if (route.request().method() !== 'GET') return route.continue()
      const answer = await route.fetch()
      await held
      await route.fulfill({ response: answer })
    })
    await p.page.getByRole('button', { name: 'Links zu diesem Board' }).click()
    const link = p.page.locator('.nws-link-row[data-role="participant"] input')
    const token = async () => new URL(await link.inputValue()).hash
    const oldToken = await token()
    await p.page.getByRole('button', { name: 'Link „Teilnehmende“: Neuen Link erzeugen' }).click()
    await p.page.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()
    await expect.poll(token).not.toBe(oldToken)
    const newToken = await token()
    release()
    await expect.poll(() => link.inputValue()).toMatch(/^https:\/\/board\.example\.org\/b\//)
    expect(await token()).toBe(newToken)
  })

  it('shows PUBLIC_URL when it is set', { timeout: 120_000 }, async () => {
    const shown = await joinScreenAt({ PUBLIC_URL: 'https://board.example.org', LOCAL_CREATION: 'allow' }, '127.0.0.1')
    expect(shown.link).toMatch(/^board\.example\.org\/j\//)
    expect(shown.qr).toBe(`https://${shown.link}`)
    expect(shown.warning).toBeNull()
  })
})
