/**
 * The contribution view („Beitragen“) in real Chromium against the real relay, on one Planspiel
 * that a phone, the facilitator's canvas and a desktop participant share (pages loaded once, each
 * test a behaviour on them): a phone gets the list by default and loads no tldraw, within the budget below
 * on the wire, in a phone's layout; a long Zettel pinned before any canvas was open fits its note;
 * the desk's canvas switches to the list, where a keyboard alone reads the cells in order and pins
 * a Zettel, and the list is remembered; the phone writes, changes and deletes a Zettel that the
 * canvas shows in the cell; axe finds nothing serious (de; en below); a
 * dot given from the list counts on the facilitator's side, and taken back (also after a reload)
 * it is the giver's again; a Zettel's comments are read and answered from the list and show in the
 * canvas's thread, and an observer's phone gets the list and writes once the facilitator allows
 * it; what others pin into one's cell is read out; and, last because they change the Planspiel,
 * the facilitator's step, timer, private round, „Einverstanden?“ round (answered from the list) and
 * „Alle zu mir“ reach the phone. On an English
 * board of its own, a facilitator's link opens the canvas on a phone, a view chosen by the address
 * wins and is remembered, axe finds nothing serious in that English list, and „To the board“ goes
 * back. 10 page loads: the facilitator's and the desk's canvases, the phone (and its reload), the
 * desk's switch and its remembered list, the observer's phone, the English phone's canvas, list
 * and way back.
 * That a Zettel from the list reaches the relay and the facilitator in the first cell of every
 * template is test/integration/contributionWrites.test.ts's.
 * Screenshots (ARTIFACTS=1): test/artifacts/beitragen-<width>.png, beitragen-vote-390.png, beitragen-vote-result-390.png,
 * beitragen-takeback-390.png, beitragen-comments-390.png, beitragen-comment-edit-390.png, beitragen-round-390.png.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { axeFindings } from '../helpers/axe.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { listDevices, longZettel, noteFits, phoneViewport } from '../helpers/listPages.ts'
import { boardBrowserSuite, writeNoteInCell } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { privateRevealPath, roundClosePath, type CreatedBoard } from '../../shared/api.ts'
import { privateEntry } from '../../shared/board/entries/private.ts'
import { setTimer, startTimer, timerEntry } from '../../shared/board/entries/timer.ts'
import { readRecords } from '../../shared/board/records.ts'
import { chooseStep, stepEntry } from '../../shared/board/entries/step.ts'
import { focusEntry } from '../../shared/board/entries/focus.ts'
import { readRound, removeRound, startRound } from '../../shared/board/entries/zustimmung.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { authorId } from '../../shared/author.ts'
import { readContribution } from '../../client/beitragen/contributionModel.ts'
import { pinZettel } from '../../client/beitragen/zettelWrites.ts'
// Read here as the relay and the editor read it, every template known (the list loads its board's: `knownTemplates.ts`).
import '../../shared/templates/catalogue.ts'
import { startThread } from '../../client/comments/commentThreads.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

/**
 * Compressed bytes a first visit to the view may cost. 289 kB before issue 44, 305 kB after: the
 * phone writes into every template, so the templates' texts travel with it (three new instruments,
 * the phases' guiding questions, the Fallkonferenz's hold). 338 kB with issue 61's nine new
 * instruments and the case rules; 349.5 kB with issue 62 (its controls' words, as client/i18n.ts
 * travels whole to every view, the „Einverstanden?“ round's entries and the storage stand-in for
 * a frame on another site: 4.4 kB). 238 kB with issue 64: the list loads only its board's
 * templates (the Planspiel here, the largest) and neither the judge nor tldraw's schema; 200 kB
 * once it carried neither lodash (through @tldraw/utils) nor the editor's and facilitation's
 * words (`client/firstLoadLocale.ts`).
 */
const firstVisitBudget = 205_000

describe.skipIf(skipBrowserTests)('Beitragen: the board as a list', () => {
  const suite = boardBrowserSuite()
  // The pages live until the file ends: every test acts on the ones loaded once below.
  const { device, openView, ...devices } = listDevices(suite, { keep: true })

  /** Where the note with this text lies on the canvas: inside the cell's page bounds, or why not. */
  const noteInCell = (page: Page, text: string, cellId: string) =>
    page.evaluate(
      ({ text, cellId }) => {
        const editor = window.__netzwerkstatt!.editor
        const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text)
        if (!note) return 'no note'
        const cell = editor.getShapePageBounds(cellId as never)
        if (!cell) return 'no cell'
        return cell.containsPoint(editor.getShapePageBounds(note)!.center) ? 'in cell' : 'outside the cell'
      },
      { text, cellId },
    )

  const notesWith = (page: Page, text: string) =>
    page.evaluate((text) => {
      const editor = window.__netzwerkstatt!.editor
      return editor.getCurrentPageShapes().filter((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text).length
    }, text)

  /** The Planspiel all the first tests share. */
  let board: CreatedBoard
  /** A phone that had never seen the app, on the board's participant link: the list. */
  let phone: Page
  /** The facilitator's canvas at 1440 × 900. */
  let facilitator: Page
  /** A participant at a desktop browser, on the canvas until a test switches. */
  let desk: Page
  /** What the phone's first visit fetched: every URL, and the bytes on the wire. */
  const firstVisit = { requests: [] as string[], bytes: 0 }

  beforeAll(async () => {
    board = await createBoard(suite.relay, 'Planspiel im Landkreis', { template: 'planspiel', locale: 'de' })
    // A long Zettel pinned into the list's last cell (behind every cell the keyboard test tabs
    // through) while no canvas is open, and on the relay before one opens: another client gets it.
    const writer = 'l'.repeat(32)
    const early = connectClient(suite.relay, board.id, undefined, { token: board.access.participant, writer })
    try {
      await whenSynced(early)
      const author = authorId(writer, board.id)
      const last = readContribution(readRecords(early.doc).records, { role: 'participant', author, protection: undefined })[0].cells.at(-1)!
      const id = pinZettel(early.doc, last.id, longZettel, author)!
      const witness = connectClient(suite.relay, board.id)
      await until(witness.doc, () => readRecords(witness.doc).records.some((r) => r.id === id)).finally(() => witness.destroy())
    } finally {
      early.destroy()
    }
    facilitator = await devices.canvas(boardPageUrl(suite.relay, board), { width: 1440, height: 900 })

    phone = await device('phone')
    const onRequest = (request: { url(): string }) => firstVisit.requests.push(request.url())
    phone.on('request', onRequest)
    const cdp = await phone.context().newCDPSession(phone)
    await cdp.send('Network.enable')
    cdp.on('Network.loadingFinished', (event) => (firstVisit.bytes += event.encodedDataLength))
    await openView(phone, boardPageUrl(suite.relay, board, 'participant'))
    await phone.waitForLoadState('networkidle')
    phone.off('request', onRequest)
    await cdp.detach()

    desk = await devices.canvas(boardPageUrl(suite.relay, board, 'participant'), { width: 1366, height: 768 })
  }, hang(120_000))

  it('a phone gets the list by default and loads no tldraw: no BoardPage chunk, within its budget on the wire, a phone’s layout', async () => {
    expect(await phone.locator('.tl-container').count(), 'the phone got the list, not the canvas').toBe(0)
    expect(firstVisit.requests.filter((url) => /BoardPage|tldraw/.test(url))).toEqual([])
    console.log(`Beitragen first visit: ${firstVisit.bytes} bytes on the wire, ${firstVisit.requests.length} requests`)
    expect(firstVisit.bytes).toBeLessThanOrEqual(firstVisitBudget)

    // A phone's layout: nothing wider than the screen, type of 16 px and up, tap targets of 44 px and up.
    const layout = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      smallType: [...document.querySelectorAll('.nws-contribute p, .nws-contribute li, .nws-contribute label, .nws-contribute button, .nws-contribute textarea')]
        .filter((element) => parseFloat(getComputedStyle(element).fontSize) < 16)
        .map((element) => element.textContent),
      smallTargets: [...document.querySelectorAll('.nws-contribute button')]
        .filter((element) => element.getBoundingClientRect().height < 44 || element.getBoundingClientRect().width < 44)
        .map((element) => element.textContent),
    }))
    expect(layout).toEqual({ scrollWidth: phoneViewport.width, smallType: [], smallTargets: [] })

    await screenshot(phone, 'beitragen-390.png', { fullPage: false })
    if (process.env.ARTIFACTS) {
      await phone.setViewportSize({ width: 1366, height: 768 })
      await screenshot(phone, 'beitragen-1366.png')
      await phone.setViewportSize(phoneViewport)
    }
  })

  it('a long Zettel pinned while no canvas was open fits its note once the facilitator opens the board', async () => {
    await expect.poll(() => noteFits(facilitator, longZettel), { timeout: hang(10_000) }).toBe('fits')
  })

  it('from the canvas to the list by keyboard alone: the Planspiel’s cells in order, a Zettel pinned; the list remembered', { timeout: hang(60_000) }, async () => {
    // The desk's canvas switches to the list (a page load with ?ansicht=beitragen): the keyboard test runs on that fresh page.
    const page = desk
    await page.getByRole('button', { name: 'Beitragen' }).click()
    await page.locator('.nws-contribute h2').first().waitFor({ timeout: hang(20_000) })
    expect(await page.locator('.tl-container').count(), 'the switch opened the list').toBe(0)

    const headings = await page.locator('.nws-contribute h2, .nws-contribute h3').allInnerTexts()
    expect(headings.slice(0, 4)).toEqual(['Planspiel – Frau Wiesental: Mietschulden und kein Krippenplatz', 'Rollen: Alleinerziehende(r)', 'Rollen: Jobcenter', 'Rollen: Schuldnerberatung'])
    expect(headings).toContain('Spielszenen: Szene 1 · Was war gut?')
    expect(headings.indexOf('Spielszenen: Szene 1 · Was war gut?')).toBeLessThan(headings.indexOf('Auswertung auf drei Ebenen: Das Spiel'))

    // Tab from the top: „Zur Tafel“ first, „Namen ändern“, the long list's „Springen zu …“, then the first cell's field, each with a visible focus ring.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zur Tafel')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Namen ändern')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Springen zu …')
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLTextAreaElement
      return { label: element.labels?.[0]?.textContent, outline: getComputedStyle(element).outlineStyle }
    })
    expect(focused).toEqual({ label: 'Neuer Zettel für „Rollen: Alleinerziehende(r)“', outline: 'solid' })
    // On through the roles' fields and buttons to the first scene's „Was war gut?“, as someone tabbing would.
    const target = 'Neuer Zettel für „Spielszenen: Szene 1 · Was war gut?“'
    const focusedLabel = () => page.evaluate(() => (document.activeElement as HTMLTextAreaElement).labels?.[0]?.textContent ?? null)
    let presses = 0
    while ((await focusedLabel()) !== target && presses < 40) {
      await page.keyboard.press('Tab')
      presses++
    }
    // From the first cell's field: eight roles and the scene's „Wer trifft wen“, each a field and a button.
    expect(presses).toBe(2 * 9)
    await page.keyboard.type('Alle kannten die Zuständigkeiten')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const cell = page.locator('.nws-contribute__cell').filter({ has: page.getByRole('heading', { name: 'Spielszenen: Szene 1 · Was war gut?' }) })
    await cell.getByRole('listitem').filter({ hasText: 'Alle kannten die Zuständigkeiten' }).waitFor()
    // Said politely, and on the canvas in that cell.
    await page.locator('[aria-live="polite"]').getByText('Ihr Zettel ist angeheftet.').waitFor()
    const cellId = (await cell.getAttribute('data-cell'))!
    await expect.poll(() => noteInCell(facilitator, 'Alle kannten die Zuständigkeiten', cellId), { timeout: hang(10_000) }).toBe('in cell')

    // Remembered: the plain link (a desk's default is the canvas) opens the list again.
    await page.goto(boardPageUrl(suite.relay, board, 'participant'))
    await page.locator('.nws-contribute h2').first().waitFor({ timeout: hang(20_000) })
    expect(await page.locator('.tl-container').count(), 'the plain link opened the remembered list').toBe(0)
    // And back by „Zur Tafel“: the facilitator's phone below (the same button), and that a stored
    // „tafel“ opens the canvas on the next visit is chooseBoardView's (test/unit/contribution.test.ts).
  })

  it('a phone writes, changes and deletes a Zettel in a planspiel; the facilitator’s canvas shows each', { timeout: hang(60_000) }, async () => {
    const cell = phone.locator('.nws-contribute__cell').first()
    const cellId = (await cell.getAttribute('data-cell'))!
    const text = 'Idee vom Handy (planspiel)'
    await cell.getByRole('textbox').fill(text)
    await cell.getByRole('button', { name: 'Zettel anheften' }).click()
    await cell.getByRole('listitem').filter({ hasText: text }).waitFor()
    await expect.poll(() => noteInCell(facilitator, text, cellId), { timeout: hang(10_000) }).toBe('in cell')

    const changed = `${text}, geändert`
    await cell.getByRole('button', { name: `Zettel „${text}“ ändern` }).click()
    await cell.getByLabel('Text des Zettels').fill(changed)
    await cell.getByRole('button', { name: 'Speichern' }).click()
    // Back on „Ändern“, as a keyboard left it.
    await expect.poll(() => phone.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Zettel „${changed}“ ändern`)
    await expect.poll(() => noteInCell(facilitator, changed, cellId), { timeout: hang(10_000) }).toBe('in cell')

    await cell.getByRole('button', { name: `Zettel „${changed}“ löschen` }).click()
    await expect.poll(() => notesWith(facilitator, changed), { timeout: hang(10_000) }).toBe(0)
    await expect.poll(() => cell.getByRole('listitem').count()).toBe(0)
  })

  it('axe finds nothing serious in the view (de)', async () => {
    const cell = phone.locator('.nws-contribute__cell').first()
    await cell.getByRole('textbox').fill('Mein Zettel')
    await cell.getByRole('button', { name: 'Zettel anheften' }).click()
    await cell.getByRole('listitem').waitFor()
    expect(await axeFindings(phone)).toEqual([])
  })

  it('a dot given from the list counts in the facilitator’s vote', { timeout: hang(60_000) }, async () => {
    await writeNoteInCell(facilitator, 'level:spiel', 'Szenen zu lang')
    await writeNoteInCell(facilitator, 'level:transfer', 'Lotsin im Stadtteil')
    await facilitator.getByRole('button', { name: 'Punktabfrage …' }).click()
    // On the template, the part as the list names it: the phone's line says where the vote is.
    const scope = facilitator.getByLabel('Bereich')
    const template = await scope.locator('option', { hasText: /^Vorlage: / }).first().innerText()
    await scope.selectOption({ label: template })
    await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click()

    const part = template.replace(/^Vorlage: /, '')
    await phone.getByText(`Punktabfrage zu „${part}“ läuft: Sie haben noch 3 Punkte.`).waitFor()
    // Said politely whenever it changes; nothing to take back before a dot is given.
    expect(await phone.locator('.nws-contribute__vote').getAttribute('aria-live')).toBe('polite')
    expect(await phone.getByRole('button', { name: 'Punkt zurücknehmen von „Lotsin im Stadtteil“' }).count()).toBe(0)
    await phone.getByRole('button', { name: 'Punkt geben für „Lotsin im Stadtteil“' }).click()
    await phone.getByText(`Punktabfrage zu „${part}“ läuft: Sie haben noch 2 Punkte.`).waitFor()
    await phone.getByRole('button', { name: 'Punkt geben für „Lotsin im Stadtteil“' }).getByText('1 Punkt von Ihnen').waitFor()

    await facilitator.getByRole('region', { name: 'Punktabfrage' }).getByText('1 Person hat 1 Punkt gesetzt.').waitFor({ timeout: hang(10_000) })
    await phone.getByRole('heading', { name: 'Auswertung auf drei Ebenen: Der Transfer' }).scrollIntoViewIfNeeded()
    await screenshot(phone, 'beitragen-vote-390.png')
  })

  it('a dot taken back in the list is back with its giver, on the relay and in the facilitator’s count', { timeout: hang(60_000) }, async () => {
    // The vote above, one dot of the phone's on „Lotsin im Stadtteil“.
    const progress = facilitator.getByRole('region', { name: 'Punktabfrage' }).locator('.nws-vote-panel__progress')
    const left = phone.locator('.nws-contribute__vote')
    const give = phone.getByRole('button', { name: 'Punkt geben für „Lotsin im Stadtteil“' })
    const takeBack = phone.getByRole('button', { name: 'Punkt zurücknehmen von „Lotsin im Stadtteil“' })
    await give.tap()
    await expect.poll(() => left.innerText()).toMatch(/^Punktabfrage zu „.+“ läuft: Sie haben noch 1 Punkt\.$/)
    await expect.poll(() => progress.innerText(), { timeout: hang(10_000) }).toBe('1 Person hat 2 Punkte gesetzt.')

    await takeBack.tap()
    await expect.poll(() => left.innerText()).toMatch(/^Punktabfrage zu „.+“ läuft: Sie haben noch 2 Punkte\.$/)
    await give.getByText('1 Punkt von Ihnen').waitFor()
    await expect.poll(() => progress.innerText(), { timeout: hang(10_000) }).toBe('1 Person hat 1 Punkt gesetzt.')
    await phone.getByRole('heading', { name: 'Auswertung auf drei Ebenen: Der Transfer' }).scrollIntoViewIfNeeded()
    await screenshot(phone, 'beitragen-takeback-390.png')

    // The relay kept the ballot as it was last sent: a reload shows the one dot left on the Zettel.
    await phone.reload()
    await phone.locator('.nws-contribute h2').first().waitFor({ timeout: hang(20_000) })
    await expect.poll(() => left.innerText()).toMatch(/^Punktabfrage zu „.+“ läuft: Sie haben noch 2 Punkte\.$/)
    await takeBack.tap()
    await expect.poll(() => left.innerText()).toMatch(/^Punktabfrage zu „.+“ läuft: Sie haben noch 3 Punkte\.$/)
    await expect.poll(() => takeBack.count()).toBe(0)
    // No dot, no voter: the ballot withdrawn counts nobody.
    await expect.poll(() => progress.innerText(), { timeout: hang(10_000) }).toBe('Noch hat niemand Punkte gesetzt.')

    // Before the reveal the list shows no count; after it, every phone's list reads the result:
    // the ranking above the parts, and each Zettel's dots beside its words.
    await give.tap()
    await expect.poll(() => progress.innerText(), { timeout: hang(10_000) }).toBe('1 Person hat 1 Punkt gesetzt.')
    expect(await phone.locator('.nws-contribute__result, .nws-contribute__count').count()).toBe(0)
    await facilitator.getByRole('region', { name: 'Punktabfrage' }).getByRole('button', { name: 'Ergebnis aufdecken' }).click()
    const result = phone.getByRole('region', { name: 'Ergebnis der Punktabfrage' })
    await expect.poll(() => result.getByRole('listitem').allInnerTexts(), { timeout: hang(10_000) }).toEqual([expect.stringMatching(/^1\.\s*Lotsin im Stadtteil\s*1 Punkt$/)])
    await phone.locator('.nws-contribute__item').filter({ hasText: 'Lotsin im Stadtteil' }).locator('.nws-contribute__count[data-count="1"]').waitFor()
    await screenshot(phone, 'beitragen-vote-result-390.png')
  })

  it('a Zettel’s comments read and answered in the list show in the canvas’s thread; an observer writes once allowed', { timeout: hang(90_000) }, async () => {
    // Another participant asks something on „Lotsin im Stadtteil“ while the phone reads the list.
    const writer = 'n'.repeat(32)
    const neighbour = connectClient(suite.relay, board.id, undefined, { token: board.access.participant, writer })
    onTestFinished(() => neighbour.destroy())
    await whenSynced(neighbour)
    const note = readRecords(neighbour.doc).records.find((r) => r.type === 'note' && plainText((r.props as { richText: unknown }).richText) === 'Lotsin im Stadtteil')!
    startThread(neighbour.doc, authorId(writer, board.id), 'Nachbarin', { kind: 'shape', shapeId: note.id, pageId: note.parentId as string }, 'Wer bezahlt die Lotsin?')
    const page = phone

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
    await expect.poll(() => facilitator.locator(`[data-comment-badge="${note.id}"]`).textContent(), { timeout: hang(10_000) }).toBe('2')
    await facilitator.locator('[data-comments-toggle]').click()
    const thread = facilitator.locator('.nws-comments .nws-comment-thread').filter({ hasText: 'Wer bezahlt die Lotsin?' })
    await thread.getByText('Der Landkreis, zwei Jahre lang').waitFor()
    expect(await facilitator.locator('.nws-comments .nws-comment-thread').count()).toBe(1)

    // An observer's phone gets the list, said to be an observer's; it reads the comments, and may
    // not write until the facilitator allows it.
    const observer = await device('phone')
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
    await thread.getByText('Gibt es das schon im Nachbarkreis?').waitFor({ timeout: hang(10_000) })
    await page.getByRole('list', { name: 'Kommentare zu „Lotsin im Stadtteil“' }).getByText('Gibt es das schon im Nachbarkreis?').waitFor()
    // The observer's page is done: an open page costs the tests after it.
    await observer.context().close()

    // One's own comment changed and deleted from the list, as on the canvas; another's cannot be.
    expect(await page.getByRole('button', { name: 'Kommentar „Wer bezahlt die Lotsin?“ bearbeiten' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Kommentar „Wer bezahlt die Lotsin?“ löschen' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Kommentar „Der Landkreis, zwei Jahre lang“ bearbeiten' }).tap()
    await page.getByLabel('Text des Kommentars').fill('Der Landkreis, drei Jahre lang')
    await screenshot(page, 'beitragen-comment-edit-390.png')
    await page.getByRole('button', { name: 'Speichern' }).tap()
    await thread.getByText('Der Landkreis, drei Jahre lang').waitFor({ timeout: hang(10_000) })
    await page.getByRole('button', { name: 'Kommentar „Der Landkreis, drei Jahre lang“ löschen' }).tap()
    await page.locator('[aria-live="polite"]').getByText('Der Kommentar ist gelöscht.').waitFor()
    await expect.poll(() => thread.getByText('Der Landkreis, drei Jahre lang').count(), { timeout: hang(10_000) }).toBe(0)
    expect(await axeFindings(page)).toEqual([])
    // The canvases are done: the tests below need only the phone (an open canvas keeps drawing, and
    // would fly along with the summons below).
    await facilitator.context().close()
    await desk.context().close()
  })

  // The same phone, still on the Planspiel: what others pin first (a step would hide the roles), then
  // the facilitator's step, timer, private round and summons (they change the Planspiel: last).
  it('reads out politely what others pin into the cell one writes in, and nothing of other cells', { timeout: hang(60_000) }, async () => {
    const writer = 'w'.repeat(32)
    const neighbour = connectClient(suite.relay, board.id, undefined, { token: board.access.participant, writer })
    try {
      await whenSynced(neighbour)
      const [first, second] = [phone.locator('.nws-contribute__cell').nth(0), phone.locator('.nws-contribute__cell').nth(1)]
      const heading = await first.getByRole('heading').innerText()
      await first.getByRole('textbox').fill('Ich schreibe noch')
      // The view's announcer (the running vote's line is polite too).
      const live = phone.locator('[aria-live="polite"][aria-atomic="true"]')
      pinZettel(neighbour.doc, (await second.getAttribute('data-cell'))!, 'Anderswo', authorId(writer, board.id))
      await second.getByRole('listitem').filter({ hasText: 'Anderswo' }).waitFor()
      pinZettel(neighbour.doc, (await first.getAttribute('data-cell'))!, 'Von nebenan', authorId(writer, board.id))
      await expect.poll(() => live.innerText()).toBe(`Neuer Zettel in „${heading}“: Von nebenan`)
      // The words one was writing stay.
      expect(await first.getByRole('textbox').inputValue()).toBe('Ich schreibe noch')
    } finally {
      neighbour.destroy()
    }
  })

  it('the facilitator’s step, timer, private round, „Einverstanden?“ round and „Alle zu mir“ reach the list; the phone answers the round', { timeout: hang(60_000) }, async () => {
    // The facilitator's side as a y-websocket client: the entries as the canvas would set them.
    const facilitator = connectClient(suite.relay, board.id)
    try {
      await whenSynced(facilitator)
      const { doc } = facilitator
      const shapes = readRecords(doc).records.filter((r) => r.typeName === 'shape')
      const title = shapes.find((r) => (r.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'title')!
      const instance = (title.meta as { netzwerkstatt: { instance: string } }).netzwerkstatt.instance

      const now = Date.now()
      stepEntry.set(doc, chooseStep(instance, 'step:play', now))
      timerEntry.set(doc, startTimer(setTimer(10 * 60_000, now), now))
      await phone.getByText('Aktueller Schritt: 2 · Spiel (≈ 90 Min.)').waitFor()
      await phone.getByText(/^Restzeit: (10:00|09:\d\d)$/).waitFor()

      // Private writing: the Zettel stays with its writer and the relay until the reveal.
      privateEntry.set(doc, { id: 'round-1', startedAt: now })
      await phone.getByText('Verdeckt schreiben:', { exact: false }).waitFor()
      const cell = phone.locator('.nws-contribute__cell').first()
      const cellId = (await cell.getAttribute('data-cell'))!
      await cell.getByRole('textbox').fill('Nur für mich, bis zum Aufdecken')
      // The relay has it once its answer is in: only then is it shown as pinned.
      const stored = phone.waitForResponse((response) => response.url().endsWith('/private') && response.request().method() === 'PUT')
      await cell.getByRole('button', { name: 'Zettel anheften' }).click()
      expect((await stored).ok()).toBe(true)
      await cell.getByRole('listitem').filter({ hasText: 'Ihr Zettel: Nur für mich, bis zum Aufdecken' }).waitFor()
      // The board holds the earlier tests' Zettel: the private one is the one with these words.
      const privateInDoc = () =>
        readRecords(doc)
          .records.filter((r) => r.typeName === 'shape' && r.type === 'note')
          .filter((note) => plainText((note.props as { richText: unknown }).richText) === 'Nur für mich, bis zum Aufdecken')
      expect(privateInDoc()).toEqual([])
      const reveal = await apiFetch(suite.relay, privateRevealPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roundId: 'round-1' }) })
      expect(await reveal.json()).toEqual({ revealed: 1, leftOut: 0, waiting: 0 })
      await expect.poll(() => privateInDoc().map((note) => note.parentId)).toHaveLength(1)
      await cell.getByRole('listitem').filter({ hasText: 'Ihr Zettel: Nur für mich, bis zum Aufdecken' }).waitFor()
      expect(await cell.getByRole('listitem').count()).toBe(1)
      expect(cellId).toBeTruthy()

      // An „Einverstanden?“ round: on top of the list, answered there for the Haus typed once (the
      // phone's name then carries it), as the canvas's panel answers it; the facilitator's document
      // holds the answer, and the outcome shows once the round is closed.
      const proposal = pinZettel(doc, cellId, 'Gemeinsame Sprechstunde ab März', authorId('f'.repeat(32), board.id))!
      startRound(doc, { id: 'einverstanden', note: proposal, question: 'Gemeinsame Sprechstunde ab März', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', startedAt: Date.now() })
      const round = phone.getByRole('region', { name: 'Einverstanden?' })
      await round.getByText('Gemeinsame Sprechstunde ab März').waitFor()
      await round.getByText('Steuerungsgruppe · gilt').waitFor()
      await round.getByText('Noch keine Antwort.').waitFor()
      const name = await phone.evaluate(() => (JSON.parse(localStorage.getItem('TLDRAW_USER_DATA_v3')!) as { user: { name: string } }).user.name)
      await round.getByLabel('Für welche Organisation antworten Sie?').fill('Jobcenter')
      await round.getByRole('button', { name: 'Ja', exact: true }).tap()
      await until(doc, () => Object.keys(readRound(doc)?.answers ?? {}).length > 0)
      expect(Object.values(readRound(doc)!.answers)).toEqual([{ name, haus: 'Jobcenter', antwort: 'ja' }])
      // Her answer marked, the tally as the panel shows it, and her Haus now in her name.
      await expect.poll(() => round.getByRole('button', { name: 'Ja', exact: true }).getAttribute('aria-pressed')).toBe('true')
      expect(await round.getByRole('button', { name: 'Nein', exact: true }).getAttribute('aria-pressed')).toBe('false')
      await round.getByText('1 Haus hat geantwortet').waitFor()
      expect(await round.locator('[data-round-haus]').allInnerTexts()).toEqual([`Jobcenter: Ja – ${name}`])
      await round.getByText('Sie antworten für: Jobcenter').waitFor()
      // The list's 16-px type and 44-px targets hold for the round too.
      const roundLayout = await round.evaluate((section) => ({
        smallType: [...section.querySelectorAll('p, li, label, button, input')].filter((e) => parseFloat(getComputedStyle(e).fontSize) < 16).map((e) => e.textContent),
        smallTargets: [...section.querySelectorAll('button')].filter((e) => e.getBoundingClientRect().height < 44 || e.getBoundingClientRect().width < 44).map((e) => e.textContent),
        wide: section.getBoundingClientRect().right > window.innerWidth,
      }))
      expect(roundLayout).toEqual({ smallType: [], smallTargets: [], wide: false })
      await round.scrollIntoViewIfNeeded()
      await screenshot(phone, 'beitragen-round-390.png', { fullPage: false })
      const closed = await apiFetch(suite.relay, roundClosePath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roundId: 'einverstanden', day: '2026-11-28' }) })
      expect(closed.status).toBe(204)
      await round.getByText('Beschlossen.').waitFor()
      expect(await round.getByRole('button').count(), 'a closed round takes no answers').toBe(0)
      removeRound(doc, 'einverstanden')
      await expect.poll(() => round.count()).toBe(0)

      // „Alle zu mir“ (the part it brings everyone to, in the doc) brings the list to the template and its heading.
      focusEntry.set(doc, { part: instance, pageId: title.parentId as string, at: Date.now() })
      await expect.poll(() => phone.evaluate(() => document.activeElement?.tagName)).toBe('H2')
      await phone.locator('[aria-live="polite"]').getByText('Die Moderation holt alle zu', { exact: false }).waitFor()
    } finally {
      facilitator.destroy()
    }
  })

  it('on a phone, a facilitator’s link opens the canvas; a view chosen by the address wins over the role and is remembered; axe finds nothing serious in the view (en)', { timeout: hang(90_000) }, async () => {
    // An English board and phone of their own: the English list is read here too.
    const board = await createBoard(suite.relay, 'Simulation game', { template: 'planspiel', locale: 'en' })
    const connected = (page: Page) => page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })

    const facilitatorPhone = await device('phone', 'en-GB')
    await facilitatorPhone.goto(boardPageUrl(suite.relay, board))
    await connected(facilitatorPhone)
    expect(await facilitatorPhone.locator('.nws-contribute').count(), 'a facilitator’s link on a phone opens the canvas').toBe(0)
    // The canvas was the default, not a choice: nothing remembered.
    expect(await facilitatorPhone.evaluate(() => localStorage.getItem('netzwerkstatt:ansicht'))).toBeNull()
    // (An observer's phone gets the list: the comments test's observer above.)

    // Chosen by the address, the list wins over the role and stays this browser's choice (that the
    // stored choice wins over the role on the next visit is chooseBoardView's, test/unit/contribution.test.ts).
    await openView(facilitatorPhone, `${suite.relay.httpUrl}/b/${board.id}?ansicht=beitragen#${board.access.facilitator}`)
    expect(await facilitatorPhone.locator('.tl-container').count(), 'the address’s list wins over the role').toBe(0)
    expect(await facilitatorPhone.evaluate(() => localStorage.getItem('netzwerkstatt:ansicht')), 'the address’s choice is remembered').toBe('beitragen')
    // The English list: a note pinned, and axe finds nothing serious.
    const cell = facilitatorPhone.locator('.nws-contribute__cell').first()
    await cell.getByRole('textbox').fill('My note')
    await cell.getByRole('button', { name: 'Pin note' }).click()
    await cell.getByRole('listitem').waitFor()
    expect(await axeFindings(facilitatorPhone), 'axe on the English list').toEqual([])
    // And back, by the list's own button: the canvas, and the list gone.
    await facilitatorPhone.getByRole('button', { name: 'To the board' }).tap()
    await connected(facilitatorPhone)
    expect(await facilitatorPhone.locator('.nws-contribute').count(), '„To the board“ opens the canvas').toBe(0)
    expect(await facilitatorPhone.evaluate(() => localStorage.getItem('netzwerkstatt:ansicht'))).toBe('tafel')
    // Its canvas stops here: nothing later uses it.
    await facilitatorPhone.context().close()
  })
})
