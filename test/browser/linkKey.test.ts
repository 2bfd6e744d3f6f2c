/**
 * The link's key leaves the address bar (`client/linkKey.ts`), in Chromium against the real relay:
 * after load, `location.href`, `document.URL` and every entry of the tab's history hold no token,
 * for each kind of link (a board's three roles, the phone's „Beitragen“ view, a join code, a board
 * opened through its network, the network link, the pack link); a reload in the same tab opens the
 * same role, also beside a tab on another board; a link pasted into the tab takes over; the
 * cleaned address in a browser without the key explains what is missing. The CSP stays the second
 * wall: a page script's request to tldraw's CDN is refused before it leaves.
 * Screenshots: test/artifacts/link-key-missing-{de,en}-390.png, link-key-network-missing-390.png,
 * link-key-fahrplan-copy-{1366,390}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { joinPath } from '../../shared/joinCode.ts'
import { networkLink } from '../../shared/networkApi.ts'
import { PackLinkView, packLinkApiPath } from '../../shared/networkCredential.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { screenshot } from '../helpers/screenshots.ts'

const laptop = { width: 1366, height: 768 }
const phone = { width: 390, height: 844 }

describe.skipIf(skipBrowserTests)('the link key leaves the address', () => {
  const suite = boardBrowserSuite(laptop)
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)
  const at = (path: string) => `${suite.relay.httpUrl}${path}`

  /** What a script, an error report or the tab's history could read of the address. */
  async function addresses(page: Page): Promise<string[]> {
    const read = await page.evaluate(() => [window.location.href, document.URL])
    // Chromium's own list of the tab's entries: what Back and Forward would open.
    const cdp = await page.context().newCDPSession(page)
    const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: Array<{ url: string }> }
    await cdp.detach()
    return [...read, ...entries.map((entry) => entry.url)]
  }

  async function expectNoKey(page: Page, keys: readonly string[]) {
    const seen = await addresses(page)
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.filter((address) => keys.some((key) => address.includes(key)))).toEqual([])
  }

  /** The role the board page opened with, as its „Links“ popover shows it (a facilitator sees all three). */
  async function openedRole(page: Page): Promise<string> {
    if (await page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())) return 'observer'
    await page.getByRole('button', { name: 'Links' }).first().click()
    const rows = page.locator('.nws-link-row')
    await rows.first().waitFor()
    const roles = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-role')))
    await page.keyboard.press('Escape')
    return roles.length === 3 ? 'facilitator' : roles.join()
  }

  const tokens = (board: CreatedBoard) => Object.values(board.access)

  it('no board link leaves its key in the address or the history, and the page opens with it', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Netzwerktreffen Juni')
    const { context } = await suite.person()
    let page!: Page
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      // A tab each: in one tab the next link would only change the fragment (the last test covers that).
      page = await context.newPage()
      const response = await page.goto(boardPageUrl(suite.relay, board, role))
      // No referrer either: a link followed from the board names no page.
      expect((await response?.allHeaders())?.['referrer-policy']).toBe('no-referrer')
      await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
      await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
      expect(new URL(page.url()).pathname).toBe(`/b/${board.id}`)
      await expectNoKey(page, tokens(board))
    }
    expect(await openedRole(page)).toBe('observer')
  })

  it("nor does the phone's „Beitragen“ view, a join code, or a board opened through its network", { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Fallwerkstatt', { template: 'protokoll', locale: 'de' })
    const onPhone = await suite.person({ viewport: phone })
    await onPhone.page.goto(`${at(`/b/${board.id}`)}?ansicht=beitragen#${board.access.participant}`)
    await onPhone.page.locator('.nws-contribute h2').first().waitFor({ timeout: 20_000 })
    await expectNoKey(onPhone.page, tokens(board))

    // A join code (QR code, short link): the code's page moves on to the board, which then drops the key.
    const made = await apiFetch(suite.relay, `/api/boards/${board.id}/join-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.access.facilitator}` },
      body: JSON.stringify({ role: 'participant', token: board.access.participant }),
    })
    expect(made.status).toBe(201)
    const { code } = (await made.json()) as { code: string }
    const scanner = await suite.person()
    await scanner.page.goto(at(joinPath(code)))
    await scanner.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    expect(new URL(scanner.page.url()).pathname).toBe(`/b/${board.id}`)
    await expectNoKey(scanner.page, [...tokens(board), code])

    // Through the network: the address keeps only the network's id (no secret), the network's link stays out.
    const network = await createNetwork('Netzwerk Frühe Hilfen Süd')
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    const coordinator = await suite.person()
    await coordinator.page.goto(at(networkLink(network.id, network.token)))
    await coordinator.page.getByRole('heading', { level: 1, name: 'Netzwerk Frühe Hilfen Süd' }).waitFor()
    await expectNoKey(coordinator.page, [network.token])
    await coordinator.page.locator('.nws-network-board a', { hasText: 'Fallwerkstatt' }).first().click()
    await coordinator.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    expect(new URL(coordinator.page.url()).hash).toBe(`#n.${network.id}`)
    await expectNoKey(coordinator.page, [network.token, ...tokens(board)])
    // Back to the Fahrplan in the same tab: its key was kept for the tab.
    await coordinator.page.goBack()
    await coordinator.page.getByRole('heading', { level: 1, name: 'Netzwerk Frühe Hilfen Süd' }).waitFor()
    await expectNoKey(coordinator.page, [network.token])
  })

  it('the pack link drops its key and still downloads after a reload; the coordinator copies the network link from the Fahrplan', { timeout: 120_000 }, async () => {
    const network = await createNetwork('Netzwerk Pflege Ost')
    const made = await apiFetch(suite.relay, packLinkApiPath(network.id), { method: 'POST', headers: { authorization: `Bearer ${network.token}` } })
    const pack = PackLinkView.parse(await made.json())
    const group = await suite.person()
    await group.page.goto(at(pack.link!))
    await group.page.getByRole('heading', { level: 1, name: 'Unterlagen für die Steuerungsgruppe' }).waitFor()
    await expectNoKey(group.page, [pack.token!])
    await group.page.reload()
    await group.page.locator('[data-pack="md"]').waitFor()

    const coordinator = await suite.person()
    await coordinator.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.relay.httpUrl })
    await coordinator.page.goto(at(networkLink(network.id, network.token)))
    await coordinator.page.getByRole('button', { name: 'Netzwerk-Link kopieren' }).click()
    await coordinator.page.getByRole('button', { name: 'Link kopiert' }).waitFor()
    expect(await coordinator.page.evaluate(() => navigator.clipboard.readText())).toBe(at(networkLink(network.id, network.token)))
    await screenshot(coordinator.page.locator('.nws-fahrplan__header'), 'link-key-fahrplan-copy-1366.png')
    await coordinator.page.setViewportSize(phone)
    await screenshot(coordinator.page.locator('.nws-fahrplan__header'), 'link-key-fahrplan-copy-390.png')
  })

  it('a reload opens the same role again, beside a tab on another board; a link pasted into the tab takes over', { timeout: 120_000 }, async () => {
    const first = await createBoard(suite.relay, 'Steuerungsrunde')
    const second = await createBoard(suite.relay, 'Fachtag')
    const person = await suite.person()
    // This browser now knows the facilitator's link: without the tab's own key a reload would open that.
    await openBoardPage(person.page, boardPageUrl(suite.relay, first))
    const participantTab = await person.context.newPage()
    await openBoardPage(participantTab, boardPageUrl(suite.relay, first, 'participant'))
    const otherTab = await person.context.newPage()
    await openBoardPage(otherTab, boardPageUrl(suite.relay, second, 'observer'))

    for (const tab of [participantTab, otherTab]) {
      await tab.reload()
      await tab.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
      await tab.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    }
    expect(await openedRole(participantTab)).toBe('participant')
    expect(await openedRole(otherTab)).toBe('observer')
    await expectNoKey(participantTab, [...tokens(first), ...tokens(second)])

    // The read-only link pasted into the participant's tab: only the fragment changes, the page opens anew.
    await participantTab.goto(boardPageUrl(suite.relay, first, 'observer'))
    await participantTab.waitForFunction(() => window.__netzwerkstatt?.editor.getIsReadonly() === true, undefined, { timeout: 20_000 })
    await participantTab.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await expectNoKey(participantTab, tokens(first))
  })

  async function missingKey(person: Person, path: string, heading: string, name: string) {
    await person.page.goto(at(path))
    await person.page.getByRole('heading', { name: heading }).waitFor()
    await screenshot(person.page, name)
  }

  it('the cleaned address in a browser without the key says the key is missing and to use the original link', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Auftakt')
    const opener = await suite.person()
    await openBoardPage(opener.page, boardPageUrl(suite.relay, board, 'participant'))
    const cleaned = new URL(opener.page.url())
    expect(cleaned.hash).toBe('')

    // Sent on, or bookmarked on another device: a browser that never had the link.
    const colleague = await suite.person({ viewport: phone })
    await missingKey(colleague, cleaned.pathname, 'Diesem Link fehlt der Schlüssel', 'link-key-missing-de-390.png')
    await colleague.page.getByText('ursprünglichen Link aus Ihrer Einladung', { exact: false }).waitFor()
    expect(await colleague.page.locator('.tl-canvas').count()).toBe(0)
    const english = await suite.person({ viewport: phone, locale: 'en-GB' })
    await missingKey(english, cleaned.pathname, 'This link lacks its key', 'link-key-missing-en-390.png')
    await english.page.getByText('open the original link from your invitation', { exact: false }).waitFor()
    // The original link pasted into that tab (only the fragment changes): the board opens.
    await english.page.goto(boardPageUrl(suite.relay, board, 'participant'))
    await english.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await expectNoKey(english.page, tokens(board))

    const network = await createNetwork('Netzwerk Nord')
    await missingKey(colleague, `/n/${network.id}`, 'Diesem Link fehlt der Schlüssel', 'link-key-network-missing-390.png')
    await colleague.page.getByText('Netzwerk-Link kopieren', { exact: false }).waitFor()
    expect(colleague.problems).toEqual([])
  })

  it("the CSP still refuses a page script's request to another origin (the second wall)", { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Zweite Mauer')
    const { page, context } = await suite.person()
    const reachedNetwork: string[] = []
    await context.route('https://cdn.tldraw.com/**', (route) => {
      reachedNetwork.push(route.request().url())
      return route.fulfill({ status: 200, body: '' })
    })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    // What tldraw's licence check does for an evaluation or watermarked key: the address to its CDN.
    const outcome = await page.evaluate(async () => {
      const refused: string[] = []
      const bothRefused = new Promise<void>((resolve) =>
        document.addEventListener('securitypolicyviolation', (event) => {
          refused.push(`${event.effectiveDirective} ${event.blockedURI}`)
          if (refused.length === 2) resolve()
        }),
      )
      const url = `https://cdn.tldraw.com/watermarks/watermark-track.svg?url=${encodeURIComponent(window.location.href)}`
      const fetched = await fetch(url).then(
        () => 'sent',
        () => 'refused',
      )
      const image = await new Promise<string>((resolve) => {
        const img = new Image()
        img.onload = () => resolve('loaded')
        img.onerror = () => resolve('refused')
        img.src = url
      })
      await bothRefused
      return { fetched, image, refused, href: window.location.href }
    })
    expect(outcome.fetched).toBe('refused')
    expect(outcome.image).toBe('refused')
    expect(outcome.refused.some((r) => r.startsWith('connect-src https://cdn.tldraw.com'))).toBe(true)
    expect(outcome.refused.some((r) => r.startsWith('img-src https://cdn.tldraw.com'))).toBe(true)
    expect(reachedNetwork).toEqual([])
    // And had it gone out, it would have carried no key.
    for (const token of tokens(board)) expect(outcome.href).not.toContain(token)
  })
})
