/**
 * A Fallkonferenz walked from an empty board of a network to a released export, as a facilitator
 * and a participant do it in Chromium against the real relay: the template is inserted with its
 * generated pseudonym; the case cannot be written before the confirmations (the Zettel goes again
 * with a notice); the facilitator records them in the dialog; the participant writes the case, one
 * Zettel naming the person („Frau Yilmaz kam mit …“), and a comment naming someone; the facilitator
 * releases the board. Then the board's own Markdown export has the case but neither name, and the
 * network's steering pack has nothing of the board: not the names, not the ways forward.
 * Files (ARTIFACTS=1): test/artifacts/fallkonferenz-walk-1366.png, fallkonferenz-walk-390.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { networkPackPath } from '../../shared/networkApi.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, openTemplatesPanel, writeNoteInCell } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { releaseBoard } from '../helpers/release.ts'

const suite = boardBrowserSuite({ width: 1366, height: 768 })
const banner = (page: Page) => page.locator('.nws-case-banner')

/** What the participant writes once the case is open: the case, a name in it, a way forward, a question for every case. */
const theCase: Array<[key: string, text: string]> = [
  ['fall:cell:problem:inhalt', 'Mietschulden, Kita-Platz fehlt'],
  ['fall:cell:verlauf:inhalt', 'Frau Yilmaz kam mit ihrer Tochter zur Beratung'],
  ['loesungen:cell:l1:loesung', 'Ratenplan mit dem Vermieter'],
  ['loesungen:cell:l1:wer', 'Schuldnerberatung'],
  ['erkenntnisse:cell:erkenntnisse:verfahren', 'Wer lädt zur Fallkonferenz ein?'],
]

describe.skipIf(skipBrowserTests)('a Fallkonferenz from an empty board to a released export', () => {
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)

  it('holds the names back from the board’s export and the whole case from the network’s pack', { timeout: 240_000 }, async () => {
    const network = await createNetwork('Netzwerk Alleinerziehende Heidekreis')
    const board = await createBoard(suite.relay, 'Fallarbeit Nord')
    // Filed as not internal: the pack must find the case by itself.
    expect((await addBoard(network, board, 'dienstleistungskette')).status).toBe(201)

    // The facilitator inserts the template; the pseudonym is generated, not typed.
    const facilitator = await suite.person()
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))
    let panel = await openTemplatesPanel(f)
    await panel.getByRole('button', { name: /^Fallkonferenz/ }).click()
    await panel.getByLabel('Datum').fill('2026-11-25')
    expect(await panel.getByLabel('Pseudonym des Falls').inputValue()).toBe('FK-2026-11-25-1')
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })
    await expect.poll(() => banner(f).getAttribute('data-locked')).toBe('true')

    // Before the confirmations: the case cannot be written, a notice says why.
    await writeNoteInCell(f, 'fall:cell:problem:inhalt', 'Mietschulden')
    await expect.poll(() => f.getByText('Fall noch gesperrt').count()).toBeGreaterThan(0)
    expect(await noteTexts(f)).not.toContain('Mietschulden')

    // The facilitator records every confirmation in the dialog.
    panel = await openTemplatesPanel(f)
    await panel.locator('.nws-instance[data-template="fallkonferenz"]').getByRole('button', { name: 'Bestätigungen festhalten' }).click()
    const dialog = f.getByRole('dialog', { name: 'Bestätigungen vor der Fallkonferenz' })
    await dialog.waitFor()
    await dialog.getByLabel('Einverständnis der Person').selectOption('liegt-vor')
    await dialog.getByLabel('Schweigepflichtsentbindung (schriftlich)').selectOption('liegt-vor')
    await dialog.getByLabel('Entbunden sind (eine Stelle je Zeile)').fill('Jobcenter\nSchuldnerberatung\nJugendamt')
    await dialog.getByLabel('Heute am Tisch (eine Stelle je Zeile)').fill('JC\nSchuldnerberatung\nJugendamt')
    await dialog.getByLabel('Auf dem Board steht nur das Pseudonym, nichts Erkennbares.').check()
    await dialog.getByLabel('Moderation (Name)').fill('B. Sommer')
    await dialog.getByLabel('Die Moderation gehört nicht zur Stelle, die den Fall einbringt.').check()
    await dialog.getByLabel('Geprüft am').fill('2026-11-25')
    await dialog.getByLabel('Bestätigt von (Name oder Kürzel)').fill('BS')
    expect(await dialog.locator('.nws-consent__verdict').textContent()).toMatch(/Alle Bestätigungen liegen vor/)
    await dialog.getByRole('button', { name: 'Festhalten' }).click()
    await expect.poll(() => banner(f).getAttribute('data-locked')).toBe('false')

    // The participant writes the case, a name among it, and comments naming someone.
    const participant = await suite.person()
    const p = participant.page
    await openBoardPage(p, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => banner(p).getAttribute('data-locked')).toBe('false')
    for (const [key, text] of theCase) await writeNoteInCell(p, key, text)
    await expect.poll(() => noteTexts(f)).toEqual(expect.arrayContaining(theCase.map(([, text]) => text)))
    await p.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === 'Mietschulden, Kita-Platz fehlt')!
      editor.select(note.id)
      editor.zoomToSelection({ animation: { duration: 0 } })
      editor.zoomOut(undefined, { animation: { duration: 0 } })
    })
    await p.getByRole('button', { name: 'Kommentare' }).click()
    await p.getByRole('button', { name: 'Kommentieren' }).click()
    await p.getByRole('textbox', { name: 'Ihr Kommentar' }).fill('Rückruf bei Herrn Aydın wegen der Miete')
    await p.getByRole('button', { name: 'Senden' }).click()
    await f.locator('[data-comment-badge]').first().waitFor()

    // The facilitator releases the board.
    await releaseBoard(suite.relay, board, '2026-11-26')

    const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })
    const exported = await (await apiFetch(suite.relay, `/api/boards/${board.id}/export?format=md`, bearer(board.access.facilitator))).text()
    // The case is the board's own once released: its text, its way forward, its generated pseudonym.
    expect(exported).toContain('Mietschulden, Kita-Platz fehlt')
    expect(exported).toContain('Ratenplan mit dem Vermieter')
    expect(exported).toContain('FK-2026-11-25-1')
    // Never the names.
    expect(exported).not.toMatch(/Yilmaz|Aydın/)
    expect(exported).toMatch(/1 Zettel, der wie ein Name aussieht/)

    const pack = await (await apiFetch(suite.relay, networkPackPath(network.id, 'md', 'de', '2026-11-26'), bearer(network.token))).text()
    expect(pack).toContain('1 internes Board ist nicht enthalten')
    expect(pack).not.toMatch(/Yilmaz|Aydın|Ratenplan|Mietschulden|FK-2026-11-25-1|Fallarbeit Nord/)

    await screenshot(p, 'fallkonferenz-walk-1366.png')
    const phone = await suite.person({ viewport: { width: 390, height: 844 }, device: { hasTouch: true, isMobile: true } })
    await openBoardPage(phone.page, boardPageUrl(suite.relay, board, 'participant'))
    await expect.poll(() => banner(phone.page).getAttribute('data-locked')).toBe('false')
    await screenshot(phone.page, 'fallkonferenz-walk-390.png')
    expect(facilitator.problems).toEqual([])
    expect(participant.problems).toEqual([])
    expect(phone.problems).toEqual([])
  })
})
