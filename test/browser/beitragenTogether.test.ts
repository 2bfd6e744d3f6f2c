/**
 * The contribution view („Beitragen“) beside the facilitator's canvas, in real Chromium against
 * the real relay: a phone (390 × 844, touch) takes a dot back in a Punktabfrage, and the
 * facilitator's vote panel counts it; a phone reads a Zettel's comments, answers, changes and
 * deletes its own, and the canvas shows the answer in the thread; an observer reads them and writes only once the
 * facilitator allows it, their phone getting the list (both on one Planspiel, its canvas and the
 * phone loaded once); and which view a phone opens for a facilitator's link, and a chosen one.
 * Screenshots (ARTIFACTS=1): test/artifacts/beitragen-takeback-390.png, beitragen-comments-390.png,
 * beitragen-comment-edit-390.png.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorId } from '../../shared/author.ts'
import { readRecords, type StoredRecord } from '../../shared/board/records.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { startThread } from '../../client/comments/commentThreads.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { listDevices } from '../helpers/listPages.ts'
import { boardBrowserSuite, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { axeFindings } from '../helpers/axe.ts'
import { screenshot } from '../helpers/screenshots.ts'

describe.skipIf(skipBrowserTests)('Beitragen beside the canvas: dots taken back, comments', () => {
  const suite = boardBrowserSuite()
  // One Planspiel, its facilitator's canvas and a participant's phone loaded once for both tests.
  const { device, canvas, openView } = listDevices(suite, { keep: true })
  /** A phone that has never seen the app (no view chosen). */
  const phone = () => device('phone')
  let board: CreatedBoard
  let facilitator: Page
  let page: Page
  let note: StoredRecord
  // Another participant, who asked something on the Zettel before the phone came.
  const writer = 'n'.repeat(32)
  let neighbour: TestClient | undefined

  beforeAll(async () => {
    board = await createBoard(suite.relay, 'Beitragen zusammen', { template: 'planspiel', locale: 'de' })
    facilitator = await canvas(boardPageUrl(suite.relay, board))
    await writeNoteInCell(facilitator, 'level:spiel', 'Szenen zu lang')
    await writeNoteInCell(facilitator, 'level:transfer', 'Lotsin im Stadtteil')
    neighbour = connectClient(suite.relay, board.id, undefined, { token: board.access.participant, writer })
    await whenSynced(neighbour)
    const doc = neighbour.doc
    const noteWith = (text: string) => readRecords(doc).records.find((r) => r.type === 'note' && plainText((r.props as { richText: unknown }).richText) === text)
    await until(doc, () => noteWith('Lotsin im Stadtteil') !== undefined)
    note = noteWith('Lotsin im Stadtteil')!
    startThread(doc, authorId(writer, board.id), 'Nachbarin', { kind: 'shape', shapeId: note.id, pageId: note.parentId as string }, 'Wer bezahlt die Lotsin?')
    page = await phone()
    await openView(page, boardPageUrl(suite.relay, board, 'participant'))
  }, 90_000)
  afterAll(() => neighbour?.destroy())

  it('a dot taken back in the list is back with its giver, on the relay and in the facilitator’s count', { timeout: 60_000 }, async () => {
    await facilitator.getByRole('button', { name: 'Punktabfrage …' }).click()
    await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click()
    const progress = facilitator.getByRole('region', { name: 'Punktabfrage' }).locator('.nws-vote-panel__progress')

    const left = page.locator('.nws-contribute__vote')
    // Said politely whenever it changes.
    expect(await left.getAttribute('aria-live')).toBe('polite')
    await expect.poll(() => left.innerText()).toBe('Punktabfrage läuft: Sie haben noch 3 Punkte.')
    const give = page.getByRole('button', { name: 'Punkt geben für „Lotsin im Stadtteil“' })
    const takeBack = page.getByRole('button', { name: 'Punkt zurücknehmen von „Lotsin im Stadtteil“' })
    // Nothing to take back before a dot is given.
    expect(await takeBack.count()).toBe(0)
    await give.tap()
    await give.tap()
    await expect.poll(() => left.innerText()).toBe('Punktabfrage läuft: Sie haben noch 1 Punkt.')
    await expect.poll(() => progress.innerText(), { timeout: 10_000 }).toBe('1 Person hat 2 Punkte gesetzt.')

    await takeBack.tap()
    await expect.poll(() => left.innerText()).toBe('Punktabfrage läuft: Sie haben noch 2 Punkte.')
    await give.getByText('1 Punkt von Ihnen').waitFor()
    await expect.poll(() => progress.innerText(), { timeout: 10_000 }).toBe('1 Person hat 1 Punkt gesetzt.')
    await page.getByRole('heading', { name: 'Auswertung auf drei Ebenen: Der Transfer' }).scrollIntoViewIfNeeded()
    await screenshot(page, 'beitragen-takeback-390.png')

    // The relay kept the ballot as it was last sent: a reload shows the one dot left on the Zettel.
    await page.reload()
    await page.locator('.nws-contribute h2').first().waitFor({ timeout: 20_000 })
    await expect.poll(() => left.innerText()).toBe('Punktabfrage läuft: Sie haben noch 2 Punkte.')
    await takeBack.tap()
    await expect.poll(() => left.innerText()).toBe('Punktabfrage läuft: Sie haben noch 3 Punkte.')
    await expect.poll(() => takeBack.count()).toBe(0)
    // No dot, no voter: the ballot withdrawn counts nobody.
    await expect.poll(() => progress.innerText(), { timeout: 10_000 }).toBe('Noch hat niemand Punkte gesetzt.')
  })

  it('a Zettel’s comments read and answered in the list show in the canvas’s thread; an observer writes once allowed', { timeout: 90_000 }, async () => {
    const disclosure = page.getByRole('button', { name: '1 Kommentar zu „Lotsin im Stadtteil“' })
    await disclosure.waitFor()
    expect(await disclosure.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByRole('button', { name: '0 Kommentare zu „Szenen zu lang“' }).count()).toBe(1)
    await disclosure.tap()
    expect(await disclosure.getAttribute('aria-expanded')).toBe('true')
    const list = page.getByRole('list', { name: 'Kommentare zu „Lotsin im Stadtteil“' })
    await list.getByText('Wer bezahlt die Lotsin?').waitFor()
    await list.getByText('Nachbarin').waitFor()

    await page.getByLabel('Ihr Kommentar zu „Lotsin im Stadtteil“').fill('Der Landkreis, zwei Jahre lang')
    await page.getByRole('button', { name: 'Senden' }).tap()
    await page.getByRole('button', { name: '2 Kommentare zu „Lotsin im Stadtteil“' }).waitFor()
    await list.getByText('Der Landkreis, zwei Jahre lang').waitFor()
    await page.locator('[aria-live="polite"]').getByText('Ihr Kommentar ist gesendet.').waitFor()
    expect(await axeFindings(page)).toEqual([])
    await list.scrollIntoViewIfNeeded()
    await screenshot(page, 'beitragen-comments-390.png')

    // On the canvas: an answer in the neighbour's thread, the Zettel's badge counting both.
    await expect.poll(() => facilitator.locator(`[data-comment-badge="${note.id}"]`).textContent(), { timeout: 10_000 }).toBe('2')
    await facilitator.locator('[data-comments-toggle]').click()
    const thread = facilitator.locator('.nws-comments .nws-comment-thread').filter({ hasText: 'Wer bezahlt die Lotsin?' })
    await thread.getByText('Der Landkreis, zwei Jahre lang').waitFor()
    expect(await facilitator.locator('.nws-comments .nws-comment-thread').count()).toBe(1)

    // An observer reads them in the list, and may not write until the facilitator allows it.
    // (A phone on the observer's link gets the list, said to be an observer's.)
    const observer = await phone()
    await openView(observer, boardPageUrl(suite.relay, board, 'observer'))
    expect(await observer.locator('.tl-container').count(), 'an observer’s phone got the list').toBe(0)
    await observer.getByText('Sie sehen diese Tafel als beobachtende Person', { exact: false }).waitFor()
    await observer.getByRole('button', { name: '2 Kommentare zu „Lotsin im Stadtteil“' }).tap()
    await observer.getByText('Der Landkreis, zwei Jahre lang').waitFor()
    await observer.getByText('Mit dem Link „Nur ansehen“ ist Kommentieren gerade nicht freigegeben.').waitFor()
    expect(await observer.getByRole('textbox').count()).toBe(0)
    await facilitator.getByLabel('Link „Nur ansehen“ darf kommentieren').check()
    const field = observer.getByLabel('Ihr Kommentar zu „Lotsin im Stadtteil“')
    await field.waitFor()
    await field.fill('Gibt es das schon im Nachbarkreis?')
    await observer.getByRole('button', { name: 'Senden' }).tap()
    // The relay took it: the facilitator's canvas shows it in the thread.
    await thread.getByText('Gibt es das schon im Nachbarkreis?').waitFor({ timeout: 10_000 })
    await page.getByRole('list', { name: 'Kommentare zu „Lotsin im Stadtteil“' }).getByText('Gibt es das schon im Nachbarkreis?').waitFor()

    // One's own comment changed and deleted from the list, as on the canvas; another's cannot be.
    expect(await page.getByRole('button', { name: 'Kommentar „Wer bezahlt die Lotsin?“ bearbeiten' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Kommentar „Wer bezahlt die Lotsin?“ löschen' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Kommentar „Der Landkreis, zwei Jahre lang“ bearbeiten' }).tap()
    await page.getByLabel('Text des Kommentars').fill('Der Landkreis, drei Jahre lang')
    await screenshot(page, 'beitragen-comment-edit-390.png')
    await page.getByRole('button', { name: 'Speichern' }).tap()
    await thread.getByText('Der Landkreis, drei Jahre lang').waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: 'Kommentar „Der Landkreis, drei Jahre lang“ löschen' }).tap()
    await page.locator('[aria-live="polite"]').getByText('Der Kommentar ist gelöscht.').waitFor()
    await expect.poll(() => thread.getByText('Der Landkreis, drei Jahre lang').count(), { timeout: 10_000 }).toBe(0)
    expect(await axeFindings(page)).toEqual([])
  })

})

describe.skipIf(skipBrowserTests)('Beitragen beside the canvas: the view a link opens', () => {
  const suite = boardBrowserSuite()
  const { device, openView } = listDevices(suite)
  /** A phone that has never seen the app (no view chosen). */
  const phone = () => device('phone')

  it('on a phone, a facilitator’s link opens the canvas; a view chosen by the address wins over the role and is remembered', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Beitragen Ansicht', { template: 'zielsystem', locale: 'de' })
    const connected = (page: Page) => page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: 20_000 })

    const facilitatorPhone = await phone()
    await facilitatorPhone.goto(boardPageUrl(suite.relay, board))
    await connected(facilitatorPhone)
    expect(await facilitatorPhone.locator('.nws-contribute').count()).toBe(0)
    // The canvas was the default, not a choice: nothing remembered.
    expect(await facilitatorPhone.evaluate(() => localStorage.getItem('netzwerkstatt:ansicht'))).toBeNull()
    // (An observer's phone gets the list: the observer of the test above.)

    // Chosen by the address, the list wins over the role and stays this browser's choice (that the
    // stored choice wins over the role on the next visit is chooseBoardView's, test/unit/contribution.test.ts).
    await openView(facilitatorPhone, `${suite.relay.httpUrl}/b/${board.id}?ansicht=beitragen#${board.access.facilitator}`)
    expect(await facilitatorPhone.locator('.tl-container').count()).toBe(0)
    expect(await facilitatorPhone.evaluate(() => localStorage.getItem('netzwerkstatt:ansicht'))).toBe('beitragen')
    // And back, by the list's own button: the canvas, and the list gone.
    await facilitatorPhone.getByRole('button', { name: 'Zur Tafel' }).tap()
    await connected(facilitatorPhone)
    expect(await facilitatorPhone.locator('.nws-contribute').count()).toBe(0)
    expect(await facilitatorPhone.evaluate(() => localStorage.getItem('netzwerkstatt:ansicht'))).toBe('tafel')
  })
})
