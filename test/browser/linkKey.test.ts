/**
 * The link's key leaves the address bar (`client/linkKey.ts`), in Chromium against the real relay:
 * after load, `location.href`, `document.URL` and every entry of the tab's history hold no token,
 * for a board opened through its network, the network link and the pack link; the cleaned address
 * in a browser without the key explains what is missing and opens no socket, and the original link
 * pasted into that tab opens the phone's „Beitragen“ view, without its key in the address either.
 * (A board's three roles, a join code, a reload in the same tab, a pasted link and the CSP as the
 * second wall: test/browser/join.test.ts, on its office's browser.)
 * Page loads: 9 (the network page, a board through it and back; the pack page and its reload; the
 * key-missing pages of a board in German, of its „Beitragen“ view in English and of a network; the
 * pasted link).
 * (The no-referrer header on every page: test/unit/http/headers.test.ts.)
 * Screenshots: test/artifacts/link-key-missing-{de,en}-390.png, link-key-network-missing-390.png,
 * link-key-fahrplan-copy-{1366,390}.png.
 */
import { describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { networkLink } from '../../shared/networkApi.ts'
import { PackLinkView, packLinkApiPath } from '../../shared/networkCredential.ts'
import { expectNoKeyInAddress as expectNoKey } from '../helpers/addressBar.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, type Person } from '../helpers/boardPages.ts'
import { apiFetch, createBoard } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

const laptop = { width: 1366, height: 768 }
const phone = { width: 390, height: 844 }

describe.skipIf(skipBrowserTests)('the link key leaves the address', () => {
  const suite = boardBrowserSuite(laptop)
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)
  const at = (path: string) => `${suite.relay.httpUrl}${path}`

  const tokens = (board: CreatedBoard) => Object.values(board.access)
  it('nor does the network link, nor a board opened through it; the coordinator copies the network link from the Fahrplan', { timeout: hang(120_000) }, async () => {
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
    await coordinator.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    expect(new URL(coordinator.page.url()).hash).toBe(`#n.${network.id}`)
    await expectNoKey(coordinator.page, [network.token, ...tokens(board)])
    // Back to the Fahrplan in the same tab: its key was kept for the tab.
    await coordinator.page.goBack()
    await coordinator.page.getByRole('heading', { level: 1, name: 'Netzwerk Frühe Hilfen Süd' }).waitFor()
    await expectNoKey(coordinator.page, [network.token])
    expect(coordinator.problems).toEqual([])
  })

  it('the pack link drops its key and still downloads after a reload', { timeout: hang(60_000) }, async () => {
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

  it("the cleaned address in a browser without the key says the key is missing and to use the original link, and opens nothing; the original link pasted opens the phone's „Beitragen“ view, whose address drops the key too", { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Auftakt', { template: 'protokoll', locale: 'de' })
    // What every board page leaves in the address: sent on, or bookmarked on another device; a
    // phone's „Beitragen“ view keeps the view it asks for.
    const cleaned = `/b/${board.id}`
    const beitragen = `${cleaned}?ansicht=beitragen`
    const colleague = await suite.person({ viewport: phone })
    const sockets: string[] = []
    colleague.page.on('websocket', (socket) => sockets.push(socket.url()))
    await missingKey(colleague, cleaned, 'Diesem Link fehlt der Schlüssel', 'link-key-missing-de-390.png')
    await colleague.page.getByText('Öffnen Sie bitte den ursprünglichen Link aus Ihrer Einladung', { exact: false }).waitFor()
    expect(await colleague.page.locator('.tl-canvas').count()).toBe(0)
    expect(sockets, 'a page without a key connects nowhere').toEqual([])
    const english = await suite.person({ viewport: phone, locale: 'en-GB' })
    await missingKey(english, beitragen, 'This link lacks its key', 'link-key-missing-en-390.png')
    await english.page.getByText('open the original link from your invitation', { exact: false }).waitFor()
    // The original link pasted into that tab (only the fragment changes): the board opens, in the
    // phone's „Beitragen“ view the address asks for, and its key leaves the address there too.
    await english.page.goto(`${at(beitragen)}#${board.access.participant}`)
    await english.page.locator('.nws-contribute h2').first().waitFor({ timeout: hang(20_000) })
    await expectNoKey(english.page, tokens(board))

    const network = await createNetwork('Netzwerk Nord')
    await missingKey(colleague, `/n/${network.id}`, 'Diesem Link fehlt der Schlüssel', 'link-key-network-missing-390.png')
    await colleague.page.getByText('Netzwerk-Link kopieren', { exact: false }).waitFor()
    for (const p of [colleague, english]) expect(p.problems).toEqual([])
  })
})
