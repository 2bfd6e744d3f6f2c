/**
 * The link's key leaves the address bar (`client/linkKey.ts`), in Chromium against the real relay:
 * after load, `location.href`, `document.URL` and every entry of the tab's history hold no token,
 * for each kind of link (a board's three roles, the phone's „Beitragen“ view, a board opened
 * through its network, the network link, the pack link; a join code: test/browser/join.test.ts);
 * a reload in the same tab opens the same role, also beside a tab on another board; a link pasted
 * into the tab takes over; the cleaned address in a browser without the key explains what is
 * missing and opens no socket. The CSP stays the second wall: a page script's request to tldraw's
 * CDN is refused before it leaves. (The no-referrer header on every page: test/unit/http/headers.test.ts.)
 * Screenshots: test/artifacts/link-key-missing-{de,en}-390.png, link-key-network-missing-390.png,
 * link-key-fahrplan-copy-{1366,390}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { networkLink } from '../../shared/networkApi.ts'
import { PackLinkView, packLinkApiPath } from '../../shared/networkCredential.ts'
import { expectNoKeyInAddress as expectNoKey } from '../helpers/addressBar.ts'
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
  async function reload(tab: Page) {
    await tab.reload()
    await tab.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await tab.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
  }

  /** A laptop with a facilitator tab on a board (made once: the CSP test uses the same tab). */
  let laptopTab: Promise<{ person: Person; page: Page; board: CreatedBoard }> | undefined
  const theFacilitatorTab = () =>
    (laptopTab ??= (async () => {
      const board = await createBoard(suite.relay, 'Steuerungsrunde')
      const person = await suite.person({ keep: true })
      await openBoardPage(person.page, boardPageUrl(suite.relay, board))
      return { person, page: person.page, board }
    })())

  it('no board link of any role leaves its key in the address or the history; a reload opens the same role, beside a tab on another board; a link pasted into the tab takes over', { timeout: 120_000 }, async () => {
    const { person, page: facilitatorTab, board: first } = await theFacilitatorTab()
    const second = await createBoard(suite.relay, 'Fachtag')
    // This browser now knows the facilitator's link: without the tab's own key a reload would open that.
    expect(new URL(facilitatorTab.url()).pathname).toBe(`/b/${first.id}`)
    await expectNoKey(facilitatorTab, tokens(first))
    const participantTab = await person.context.newPage()
    await openBoardPage(participantTab, boardPageUrl(suite.relay, first, 'participant'))
    expect(new URL(participantTab.url()).pathname).toBe(`/b/${first.id}`)
    await expectNoKey(participantTab, tokens(first))
    const otherTab = await person.context.newPage()
    await openBoardPage(otherTab, boardPageUrl(suite.relay, second, 'observer'))
    expect(new URL(otherTab.url()).pathname).toBe(`/b/${second.id}`)
    await expectNoKey(otherTab, tokens(second))

    for (const tab of [participantTab, otherTab]) await reload(tab)
    expect(await openedRole(participantTab), 'the participant tab after its reload').toBe('participant')
    expect(await openedRole(otherTab), 'the observer tab after its reload').toBe('observer')
    await expectNoKey(participantTab, [...tokens(first), ...tokens(second)])

    // The read-only link pasted into the participant's tab: only the fragment changes, the page opens anew.
    await participantTab.goto(boardPageUrl(suite.relay, first, 'observer'))
    await participantTab.waitForFunction(() => window.__netzwerkstatt?.editor.getIsReadonly() === true, undefined, { timeout: 20_000 })
    await participantTab.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await expectNoKey(participantTab, tokens(first))
    for (const tab of [participantTab, otherTab]) await tab.close()
    expect(person.problems).toEqual([])
  })

  it("nor does the phone's „Beitragen“ view", { timeout: 60_000 }, async () => {
    const board = await createBoard(suite.relay, 'Fallwerkstatt', { template: 'protokoll', locale: 'de' })
    const onPhone = await suite.person({ viewport: phone })
    await onPhone.page.goto(`${at(`/b/${board.id}`)}?ansicht=beitragen#${board.access.participant}`)
    await onPhone.page.locator('.nws-contribute h2').first().waitFor({ timeout: 20_000 })
    await expectNoKey(onPhone.page, tokens(board))
    expect(onPhone.problems).toEqual([])
  })

  it('nor does the network link, nor a board opened through it; the coordinator copies the network link from the Fahrplan', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Fallwerkstatt', { template: 'protokoll', locale: 'de' })
    const network = await createNetwork('Netzwerk Frühe Hilfen Süd')
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    const coordinator = await suite.person()
    await coordinator.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.relay.httpUrl })
    await coordinator.page.goto(at(networkLink(network.id, network.token)))
    await coordinator.page.getByRole('heading', { level: 1, name: 'Netzwerk Frühe Hilfen Süd' }).waitFor()
    await expectNoKey(coordinator.page, [network.token])
    // The link to pass on is still there to copy, whole.
    await coordinator.page.getByRole('button', { name: 'Netzwerk-Link kopieren' }).click()
    await coordinator.page.getByRole('button', { name: 'Link kopiert' }).waitFor()
    expect(await coordinator.page.evaluate(() => navigator.clipboard.readText())).toBe(at(networkLink(network.id, network.token)))
    await screenshot(coordinator.page.locator('.nws-fahrplan__header'), 'link-key-fahrplan-copy-1366.png')
    await coordinator.page.setViewportSize(phone)
    await screenshot(coordinator.page.locator('.nws-fahrplan__header'), 'link-key-fahrplan-copy-390.png')
    await coordinator.page.setViewportSize(laptop)

    // Through the network: the address keeps only the network's id (no secret), the network's link stays out.
    await coordinator.page.locator('.nws-network-board a', { hasText: 'Fallwerkstatt' }).first().click()
    await coordinator.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    expect(new URL(coordinator.page.url()).hash).toBe(`#n.${network.id}`)
    await expectNoKey(coordinator.page, [network.token, ...tokens(board)])
    // Back to the Fahrplan in the same tab: its key was kept for the tab.
    await coordinator.page.goBack()
    await coordinator.page.getByRole('heading', { level: 1, name: 'Netzwerk Frühe Hilfen Süd' }).waitFor()
    await expectNoKey(coordinator.page, [network.token])
    expect(coordinator.problems).toEqual([])
  })

  it('the pack link drops its key and still downloads after a reload', { timeout: 60_000 }, async () => {
    const network = await createNetwork('Netzwerk Pflege Ost')
    const made = await apiFetch(suite.relay, packLinkApiPath(network.id), { method: 'POST', headers: { authorization: `Bearer ${network.token}` } })
    const pack = PackLinkView.parse(await made.json())
    const group = await suite.person()
    await group.page.goto(at(pack.link!))
    await group.page.getByRole('heading', { level: 1, name: 'Unterlagen für die Steuerungsgruppe' }).waitFor()
    await expectNoKey(group.page, [pack.token!])
    await group.page.reload()
    await group.page.locator('[data-pack="md"]').waitFor()
    expect(group.problems).toEqual([])
  })

  async function missingKey(person: Person, path: string, heading: string, name: string) {
    await person.page.goto(at(path))
    await person.page.getByRole('heading', { name: heading }).waitFor()
    await screenshot(person.page, name)
  }

  it('the cleaned address in a browser without the key says the key is missing and to use the original link, and opens nothing', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Auftakt')
    // What every board page leaves in the address (above): sent on, or bookmarked on another device.
    const cleaned = `/b/${board.id}`
    const colleague = await suite.person({ viewport: phone })
    const sockets: string[] = []
    colleague.page.on('websocket', (socket) => sockets.push(socket.url()))
    await missingKey(colleague, cleaned, 'Diesem Link fehlt der Schlüssel', 'link-key-missing-de-390.png')
    await colleague.page.getByText('Öffnen Sie bitte den ursprünglichen Link aus Ihrer Einladung', { exact: false }).waitFor()
    expect(await colleague.page.locator('.tl-canvas').count()).toBe(0)
    expect(sockets, 'a page without a key connects nowhere').toEqual([])
    const english = await suite.person({ viewport: phone, locale: 'en-GB' })
    await missingKey(english, cleaned, 'This link lacks its key', 'link-key-missing-en-390.png')
    await english.page.getByText('open the original link from your invitation', { exact: false }).waitFor()
    // The original link pasted into that tab (only the fragment changes): the board opens.
    await english.page.goto(boardPageUrl(suite.relay, board, 'participant'))
    await english.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await expectNoKey(english.page, tokens(board))

    const network = await createNetwork('Netzwerk Nord')
    await missingKey(colleague, `/n/${network.id}`, 'Diesem Link fehlt der Schlüssel', 'link-key-network-missing-390.png')
    await colleague.page.getByText('Netzwerk-Link kopieren', { exact: false }).waitFor()
    for (const p of [colleague, english]) expect(p.problems).toEqual([])
  })

  it("the CSP still refuses a page script's request to another origin (the second wall)", { timeout: 60_000 }, async () => {
    const { person, page, board } = await theFacilitatorTab()
    const reachedNetwork: string[] = []
    await person.context.route('https://cdn.tldraw.com/**', (route) => {
      reachedNetwork.push(route.request().url())
      return route.fulfill({ status: 200, body: '' })
    })
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
    await person.context.unroute('https://cdn.tldraw.com/**')
    expect(outcome.fetched).toBe('refused')
    expect(outcome.image).toBe('refused')
    expect(outcome.refused.some((r) => r.startsWith('connect-src https://cdn.tldraw.com'))).toBe(true)
    expect(outcome.refused.some((r) => r.startsWith('img-src https://cdn.tldraw.com'))).toBe(true)
    expect(reachedNetwork).toEqual([])
    // And had it gone out, it would have carried no key.
    for (const token of tokens(board)) expect(outcome.href).not.toContain(token)
  })
})
