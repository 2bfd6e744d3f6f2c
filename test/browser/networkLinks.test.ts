/**
 * Renewing links in Chromium, against the real relay: the facilitator renews her own link on the
 * board after a confirmation that says what happens, and the page moves to the new link while the
 * old one is refused; the coordinator opens a board from the Fahrplan through the network (no
 * board token in the address), makes the Steuerungsgruppe's pack link, which opens a page that
 * downloads the pack, and renews the network link after a dialog.
 * Screenshots: test/artifacts/links-facilitator-confirm-{1366,390}.png,
 * links-network-dialog-{1366,390}.png, links-pack-area-{1366,390}.png, links-pack-page.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests, downloaded } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { copiedNetworkLink, networkCalls } from '../helpers/networkCalls.ts'
import { networkLink } from '../../shared/networkApi.ts'

const phone = { width: 390, height: 844 }
const laptop = { width: 1366, height: 768 }

describe.skipIf(skipBrowserTests)('renewing links', () => {
  const suite = boardBrowserSuite(laptop)
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)
  const status = async (path: string, token: string) => (await apiFetch(suite.relay, path, { headers: { authorization: `Bearer ${token}` } })).status

  it('the facilitator renews her own link after a confirmation; the page moves to the new one, the old one is refused', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Netzwerktreffen März')
    const { page } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await page.getByRole('button', { name: 'Links' }).first().click()
    const row = page.locator('.nws-link-row[data-role="facilitator"]')
    await row.getByRole('button', { name: /Neuen Link erzeugen/ }).click()
    await row.getByText('Der bisherige Moderationslink funktioniert dann sofort nicht mehr').waitFor()
    await screenshot(page, 'links-facilitator-confirm-1366.png')
    // On a phone, opened there: the popover placed for that width.
    await page.keyboard.press('Escape')
    await page.setViewportSize(phone)
    await page.getByRole('button', { name: 'Links' }).first().click()
    await row.getByRole('button', { name: /Neuen Link erzeugen/ }).click()
    await row.getByText('Der bisherige Moderationslink funktioniert dann sofort nicht mehr').waitFor()
    await row.scrollIntoViewIfNeeded()
    await screenshot(page, 'links-facilitator-confirm-390.png')

    // The page opens anew with the new link (its key kept for the tab, not in the address).
    await Promise.all([page.waitForEvent('load'), row.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()])
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })
    await page.getByRole('button', { name: 'Links' }).first().click()
    const renewed = new URL(await row.locator('input').inputValue()).hash.slice(1)
    expect(renewed).not.toBe(board.access.facilitator)
    expect(new URL(page.url()).hash).toBe('')
    expect(await status(`/api/boards/${board.id}`, board.access.facilitator)).toBe(401)
    expect(await status(`/api/boards/${board.id}`, renewed)).toBe(200)
  })

  it('the coordinator opens a board through the network, makes the pack link, and renews the network link after a dialog', { timeout: 180_000 }, async () => {
    const network = await createNetwork('Netzwerk Frühe Hilfen')
    const board = await createBoard(suite.relay, 'Gründungsveranstaltung', { template: 'protokoll' })
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    const { page } = await suite.person()
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(`${suite.relay.httpUrl}${networkLink(network.id, network.token)}`)
    await page.getByRole('heading', { level: 1, name: 'Netzwerk Frühe Hilfen' }).waitFor()

    // The board opens from the Fahrplan through the network: its address holds no board token.
    const href = await page.locator('.nws-network-board a', { hasText: 'Gründungsveranstaltung' }).first().getAttribute('href')
    expect(href).toBe(`/b/${board.id}#n.${network.id}`)
    const boardPage = await page.context().newPage()
    await openBoardPage(boardPage, `${suite.relay.httpUrl}${href}`)
    await boardPage.getByRole('button', { name: 'Links' }).first().click()
    await boardPage.getByText('Sie haben das Board über den Netzwerk-Link geöffnet').waitFor()
    // The links to pass on are there (kept for facilitators); the board's facilitator token is not.
    await boardPage.locator('.nws-link-row[data-role="participant"] input').waitFor()
    expect(await boardPage.content()).not.toContain(board.access.facilitator)
    await boardPage.close()

    // The pack link, in the pack area.
    const area = page.locator('[data-pack-link]')
    await area.getByText('Noch kein Link für die Steuerungsgruppe.').waitFor()
    await area.getByRole('button', { name: 'Link erzeugen' }).click()
    const input = area.getByLabel('Link für die Steuerungsgruppe')
    await input.waitFor()
    const packUrl = await input.inputValue()
    expect(packUrl).toMatch(new RegExp(`/n/${network.id}/pack#[\\w-]{32}$`))
    await screenshot(area, 'links-pack-area-1366.png')
    await page.setViewportSize(phone)
    await area.scrollIntoViewIfNeeded()
    await screenshot(area, 'links-pack-area-390.png')
    await page.setViewportSize(laptop)
    const packToken = new URL(packUrl).hash.slice(1)
    expect(await status(`/api/networks/${network.id}`, packToken)).toBe(403)

    // The Steuerungsgruppe's page: the pack and nothing else.
    const group = await suite.person()
    await group.page.goto(packUrl)
    await group.page.getByRole('heading', { level: 1, name: 'Unterlagen für die Steuerungsgruppe' }).waitFor()
    await screenshot(group.page, 'links-pack-page.png')
    const [download] = await Promise.all([group.page.waitForEvent('download'), group.page.locator('[data-pack="md"]').click()])
    expect((await downloaded(download)).toString('utf8')).toContain('Netzwerk Frühe Hilfen')

    // Renewing the pack link: a confirmation, then the old one downloads nothing.
    await area.getByRole('button', { name: 'Neuen Link erzeugen' }).click()
    await area.getByText('Der bisherige Link der Steuerungsgruppe lädt danach nichts mehr herunter.').waitFor()
    await area.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()
    await area.getByText('Neuer Link erzeugt – der alte gilt nicht mehr.').waitFor()
    expect(await input.inputValue()).not.toBe(packUrl)
    const [refused] = await Promise.all([group.page.waitForResponse((r) => r.url().includes('/pack?')), group.page.locator('[data-pack="md"]').click()])
    expect(refused.status()).toBe(401)
    await group.page.getByRole('alert').getByText('Dieser Netzwerk-Link gilt nicht (mehr).', { exact: false }).waitFor()

    // The network link: a dialog says what happens; the page then opens with the new link.
    await page.getByRole('button', { name: 'Netzwerk-Link erneuern' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Der bisherige Netzwerk-Link funktioniert dann sofort nicht mehr').waitFor()
    await screenshot(page, 'links-network-dialog-1366.png')
    await page.setViewportSize(phone)
    await screenshot(page, 'links-network-dialog-390.png')
    await page.setViewportSize(laptop)
    await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Ja, Netzwerk-Link erneuern' }).click()])
    await page.getByRole('heading', { level: 1, name: 'Netzwerk Frühe Hilfen' }).waitFor()
    expect(new URL(page.url()).hash).toBe('')
    const renewed = new URL(await copiedNetworkLink(page)).hash.slice(1)
    expect(renewed).not.toBe(network.token)
    expect(await status(`/api/networks/${network.id}`, network.token)).toBe(401)
    expect(await status(`/api/networks/${network.id}`, renewed)).toBe(200)
    // No request line ever carried a token.
    for (const token of [network.token, renewed, packToken, ...Object.values(board.access)]) expect(requests.some((url) => url.includes(token))).toBe(false)
  })
})
