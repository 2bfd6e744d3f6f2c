/**
 * Private writing in Chromium: the facilitator opens a round; a participant writes a note with
 * the note tool, which the facilitator's page does not have (nor any trace of its text), nor
 * another participant's copy of the board and the room's awareness (a y-websocket client); the
 * facilitator's reveal puts it on everyone's board. Then a second round on the same board and
 * pages: a private note survives the writer's reload, with the last words typed right before
 * leaving the page; a note the relay refuses is kept across a reload too; words the relay had not
 * got when the facilitator revealed reach the board after the reveal. What the relay keeps
 * out of every document until the reveal is test/integration/privateWriting.test.ts's.
 * Four page loads: the facilitator's and the writer's pages, and two reloads of the writer's.
 * Screenshots: test/artifacts/private-writing-{writer,revealed}.png.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { readRecords } from '../../shared/board/records.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { hang } from '../helpers/hang.ts'

/** The facilitator opens a round; the writer puts a note on the board at (x, y) and is typing into it. */
async function startWritingPrivately(facilitator: Page, writer: Page, x: number, y: number): Promise<void> {
  await facilitator.getByRole('button', { name: 'Verdeckt schreiben' }).click()
  await writer.getByText('Verdeckt schreiben: Ihre neuen Zettel sieht niemand').waitFor()
  await writer.keyboard.press('n')
  await writer.mouse.click(x, y)
  await writer.locator('[contenteditable="true"][role="textbox"]').waitFor()
}

/** A reload of a board page, waited for until it is connected and its editor is there again. */
async function reloadBoardPage(page: Page): Promise<void> {
  await page.reload()
  await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
  await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
}

describe.skipIf(skipBrowserTests)('private writing', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })
  // One board, the facilitator's and the writer's pages, for both rounds.
  let facilitator: Person
  let writer: Person
  /** Another participant: their copy of the board and what the room's awareness tells them. */
  let reader: TestClient
  const readerNotes = () =>
    readRecords(reader.doc)
      .records.filter((r) => r.typeName === 'shape' && r.type === 'note')
      .map((r) => plainText((r.props as { richText: unknown }).richText))

  beforeAll(async () => {
    const board = await createBoard(suite.relay, 'Gründungsworkshop', { template: 'beteiligtenanalyse', locale: 'de' })
    facilitator = await suite.person({ keep: true })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    writer = await suite.person({ keep: true })
    await openBoardPage(writer.page, boardPageUrl(suite.relay, board, 'participant'))
    reader = connectClient(suite.relay, board.id, undefined, { token: board.access.participant })
    await whenSynced(reader)
  }, hang(60_000))
  afterAll(() => reader?.destroy())

  it('nobody else has a private note until the reveal, which puts it on every board', { timeout: hang(90_000) }, async () => {
    await startWritingPrivately(facilitator.page, writer.page, 700, 600)
    await writer.page.keyboard.type('Geheime Idee: Lotsin im Jobcenter')
    await writer.page.keyboard.press('Escape')
    await facilitator.page.getByRole('button', { name: 'Aufdecken · 1 Zettel' }).waitFor()
    await screenshot(writer.page, 'private-writing-writer.png')

    // The facilitator has nothing of it, not even its text somewhere in the page; nor has another
    // participant's copy of the board, nor anything the room's awareness carries.
    expect(await noteTexts(facilitator.page)).toEqual([])
    expect(await facilitator.page.content()).not.toContain('Lotsin im Jobcenter')
    expect(readerNotes()).toEqual([])
    expect(JSON.stringify([...reader.provider.awareness.getStates().values()])).not.toContain('Lotsin im Jobcenter')

    await facilitator.page.getByRole('button', { name: 'Aufdecken · 1 Zettel' }).click()
    // Revealed with what the relay had; words it had not got yet follow (the last test).
    await until(reader.doc, () => readerNotes().includes('Geheime Idee: Lotsin im Jobcenter'))
    expect(readerNotes()).toEqual(['Geheime Idee: Lotsin im Jobcenter'])
    for (const page of [facilitator.page, writer.page]) {
      await expect.poll(() => noteTexts(page), { timeout: hang(10_000) }).toEqual(['Geheime Idee: Lotsin im Jobcenter'])
    }
    await writer.page.getByText('Verdeckt schreiben: Ihre neuen Zettel sieht niemand').waitFor({ state: 'detached' })
    await facilitator.page.getByRole('button', { name: 'Verdeckt schreiben' }).waitFor()
    await screenshot(facilitator.page, 'private-writing-revealed.png')
    expect([...facilitator.problems.splice(0), ...writer.problems.splice(0)]).toEqual([])
  })

  it('keeps a private note across the writer\'s reload, with the last words typed right before leaving the page', { timeout: hang(90_000) }, async () => {
    // A second round, away from the first round's revealed note.
    await startWritingPrivately(facilitator.page, writer.page, 1100, 300)
    await writer.page.keyboard.type('Anfang')
    // The first words have reached the relay; the last ones are typed and the page is left at once.
    await facilitator.page.getByRole('button', { name: 'Aufdecken · 1 Zettel' }).waitFor()
    await writer.page.keyboard.type(' und Ende')
    await writer.page.keyboard.press('Escape')
    await reloadBoardPage(writer.page)
    // „Anfang und Ende“ is not revealed: the writer's own private note, back after the reload, last words and all.
    await expect
      .poll(() => noteTexts(writer.page), { timeout: hang(10_000), message: 'the writer keeps an unrevealed private note across a reload, with its last words' })
      .toEqual(['Anfang und Ende', 'Geheime Idee: Lotsin im Jobcenter'])
    // Still nobody else's until the reveal.
    expect(await facilitator.page.content()).not.toContain('Anfang und Ende')
    expect([...facilitator.problems, ...writer.problems]).toEqual([])
  })

  it('a private note the relay refuses is never silent: the writer is told, keeps it across a reload, and it goes once it fits', { timeout: hang(90_000) }, async () => {
    // Still the second round: fifteen long Zettel are more than a writer's round may hold (MAX_PRIVATE_BYTES_PER_WRITER, 128 kB).
    const long = (i: number) => `${i} ${'Langer Gedanke '.repeat(600)}`
    await writer.page.evaluate((texts) => {
      const editor = window.__netzwerkstatt!.editor
      editor.createShapes(texts.map((text, i) => ({ type: 'note', x: 1400 + (i % 5) * 220, y: 600 + Math.floor(i / 5) * 220, props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } })))
    }, Array.from({ length: 15 }, (_, i) => long(i)))
    const refused = writer.page.getByRole('alert').filter({ hasText: 'Ihre verdeckten Zettel sind nicht gespeichert: Zusammen sind sie zu lang' })
    await refused.waitFor()
    await screenshot(writer.page, 'private-writing-refused.png')
    // The relay kept what it had: one Zettel of this round.
    await facilitator.page.getByRole('button', { name: 'Aufdecken · 1 Zettel' }).waitFor()
    // A reload keeps the refused words in the tab, and says so again.
    await reloadBoardPage(writer.page)
    await expect.poll(async () => (await noteTexts(writer.page)).length, { timeout: hang(10_000) }).toBe(17)
    await refused.waitFor()
    // Shortened to what fits: sent, and the notice goes.
    await writer.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const text = (shape: { props: unknown }) => JSON.stringify((shape.props as { richText?: unknown }).richText ?? '')
      editor.deleteShapes(editor.getCurrentPageShapes().filter((shape) => shape.type === 'note' && text(shape).includes('Langer Gedanke') && !text(shape).includes('"0 Langer')))
    })
    await refused.waitFor({ state: 'detached' })
    await facilitator.page.getByRole('button', { name: 'Aufdecken · 2 Zettel' }).waitFor()
    expect([...facilitator.problems, ...writer.problems]).toEqual([])
  })
  it('words typed as the facilitator reveals are not lost: the relay had the note without them, they follow it onto the board', { timeout: hang(90_000) }, async () => {
    // Still the second round: „Anfang und Ende“ and the shortened long Zettel are with the relay.
    // The writer's next words are on their way (held here) when the facilitator reveals.
    const held: Array<() => Promise<void>> = []
    let sending!: () => void
    const onTheWay = new Promise<void>((resolve) => (sending = resolve))
    await writer.page.route('**/api/boards/*/private', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue()
      held.push(() => route.continue())
      sending()
    })
    await writer.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((shape) => JSON.stringify(shape.props).includes('Anfang und Ende'))!
      const text = 'Anfang, Mitte und Ende'
      editor.updateShapes([{ id: note.id, type: 'note', props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } }])
    })
    await onTheWay
    // Heard from before the click: on a slow machine the words may follow the revealed note before the click returns.
    const revealedWithout = until(reader.doc, () => readerNotes().includes('Anfang und Ende'))
    await facilitator.page.getByRole('button', { name: 'Aufdecken · 2 Zettel' }).click()
    await revealedWithout
    // The held words reach the relay after the reveal, which refuses them for the closed round.
    for (const send of held) await send()
    await writer.page.unroute('**/api/boards/*/private')
    await until(reader.doc, () => readerNotes().includes('Anfang, Mitte und Ende'))
    expect(readerNotes()).not.toContain('Anfang und Ende')
    for (const page of [facilitator.page, writer.page]) {
      await expect.poll(async () => (await noteTexts(page)).includes('Anfang, Mitte und Ende'), { timeout: hang(10_000) }).toBe(true)
    }
    // Nothing tells the writer of a problem: her words are on the board.
    expect(await writer.page.getByRole('alert').filter({ hasText: 'verdeckten Zettel' }).count()).toBe(0)
    expect([...facilitator.problems, ...writer.problems]).toEqual([])
  })
})
