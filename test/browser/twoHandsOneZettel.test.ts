/**
 * Two hands on one Zettel (issue 59), in real Chromium against the real relay, on one board: a
 * participant's phone in the list („Beitragen“, 390 px), the facilitator's canvas (1366 × 768) and
 * a reader on the link „Nur ansehen“ (a y-websocket client: it only reads what the relay holds,
 * and a canvas drawing it is the facilitator's). The facilitator adds words at the Zettel's end
 * while the phone corrects a word and saves, both editing before either's words arrive; the same
 * with the phone offline; a reload of the phone's list and of the canvas, and a reader connecting
 * anew; and a save arriving while the facilitator types leaves her caret after her last character.
 * Every word on every screen and in the relay's copy, each time. Four page loads: the phone, the
 * canvas, and a reload of each.
 * That the texts converge whatever the order of the updates is the property test's
 * (test/unit/richTextMerge.test.ts); the list's save as a change, test/unit/contribution.test.ts's.
 * Screenshots (ARTIFACTS=1): test/artifacts/two-hands-<step>-<390|1366>.png.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { readRecord } from '../../shared/board/records.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { listDevices } from '../helpers/listPages.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('two hands on one Zettel: the list and the canvas merge its words', () => {
  const suite = boardBrowserSuite()
  const { device, openView, canvas } = listDevices(suite, { keep: true })

  let board: CreatedBoard
  /** The participant's phone, on the list. */
  let phone: Page
  /** The facilitator's canvas. */
  let facilitator: Page
  /** Someone who only reads, on the link „Nur ansehen“: what the relay holds and passes on. */
  let reader: TestClient
  /** The Zettel's shape id, read from the canvas once the phone has pinned it. */
  let noteId: string

  const canvasText = (page: Page) =>
    page.evaluate((id) => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getShape(id as never)
      return note ? (editor.getShapeUtil(note).getText(note) ?? '') : 'no note'
    }, noteId)
  /** The Zettel's text as a client of the relay reads it. */
  const readText = (client: TestClient) => {
    const note = readRecord(client.doc, noteId) as { props?: { richText?: unknown } } | undefined
    return note ? plainText(note.props?.richText) : 'no note'
  }
  /** The list's one Zettel, without the „Ihr Zettel: “ before it. */
  const listText = async () => (await phone.locator('.nws-contribute__text').innerText()).replace(/^Ihr Zettel: /, '')
  const everyScreen = async (text: string) => {
    await expect.poll(listText, { timeout: hang(15_000) }).toBe(text)
    await expect.poll(() => canvasText(facilitator), { timeout: hang(15_000) }).toBe(text)
    await expect.poll(() => readText(reader), { timeout: hang(15_000) }).toBe(text)
  }

  /** Opens the Zettel on the canvas as a person does, by a double-click on it, and waits for the caret. */
  async function openOnCanvas() {
    const at = await facilitator.evaluate((id) => {
      const editor = window.__netzwerkstatt!.editor
      const bounds = editor.getShapePageBounds(id as never)!
      editor.zoomToBounds(bounds.clone().expandBy(200), { immediate: true })
      return editor.pageToScreen(bounds.center)
    }, noteId)
    await facilitator.mouse.dblclick(at.x, at.y)
    await facilitator.waitForFunction(() => window.__netzwerkstatt!.editor.getRichTextEditor()?.isFocused === true)
  }
  const leaveCanvasText = async () => {
    await facilitator.keyboard.press('Escape')
    await facilitator.keyboard.press('Escape')
    await facilitator.waitForFunction(() => window.__netzwerkstatt!.editor.getEditingShapeId() === null)
  }
  /** „Ändern“ on the phone: the field, holding the Zettel's words as the list shows them. */
  async function openOnPhone(text: string) {
    await phone.getByRole('button', { name: `Zettel „${text}“ ändern` }).tap()
    const field = phone.getByLabel('Text des Zettels')
    await field.waitFor()
    return field
  }
  const connection = () => phone.locator('.nws-contribute__connection').getAttribute('data-state')

  beforeAll(async () => {
    board = await createBoard(suite.relay, 'Netzwerk Alleinerziehende', { template: 'zielsystem', locale: 'de' })
    phone = await device('phone')
    await openView(phone, boardPageUrl(suite.relay, board, 'participant'))
    const cell = phone.locator('.nws-contribute__cell').first()
    await cell.getByRole('textbox').fill('Termine im Jugendamt absprechen')
    await cell.getByRole('button', { name: 'Zettel anheften' }).click()
    await cell.getByRole('listitem').filter({ hasText: 'Termine im Jugendamt absprechen' }).waitFor()

    facilitator = await canvas(boardPageUrl(suite.relay, board), { width: 1366, height: 768 })
    reader = connectClient(suite.relay, board.id, undefined, { token: board.access.observer })
    await whenSynced(reader)
    // The Zettel's id once a canvas draws it (a hook: waitForFunction, not expect.poll).
    const drawn = (page: Page) =>
      page
        .waitForFunction(() => {
          const editor = window.__netzwerkstatt!.editor
          return editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === 'Termine im Jugendamt absprechen')?.id
        })
        .then((handle) => handle.jsonValue() as Promise<string>)
    noteId = await drawn(facilitator)
    await until(reader.doc, () => readText(reader) === 'Termine im Jugendamt absprechen')
  }, hang(90_000))
  afterAll(() => reader?.destroy())

  it('the facilitator adds words on the canvas while the phone corrects a word and saves: both on every screen', { timeout: hang(60_000) }, async () => {
    // Both open the Zettel before either has written: the phone's field holds the text without the
    // facilitator's words, the canvas's editor the text without the phone's correction.
    await openOnCanvas()
    const field = await openOnPhone('Termine im Jugendamt absprechen')
    await Promise.all([
      facilitator.keyboard.type(' (nur mit Bildungsträger)'),
      (async () => {
        await field.fill('Termine im Jobcenter absprechen')
        await phone.getByRole('button', { name: 'Speichern' }).tap()
      })(),
    ])
    await leaveCanvasText()
    await everyScreen('Termine im Jobcenter absprechen (nur mit Bildungsträger)')
    await screenshot(phone, 'two-hands-together-390.png', { fullPage: false })
    await screenshot(facilitator, 'two-hands-together-1366.png')
  })

  it('the phone offline saves a change while the facilitator types on the canvas; back online, both on every screen', { timeout: hang(60_000) }, async () => {
    await expect.poll(connection).toBe('connected')
    await phone.context().setOffline(true)
    try {
      await expect.poll(connection, { timeout: hang(15_000) }).toBe('offline')
      const field = await openOnPhone('Termine im Jobcenter absprechen (nur mit Bildungsträger)')
      await openOnCanvas()
      await field.fill('Termine im Jobcenter vereinbaren (nur mit Bildungsträger)')
      await phone.getByRole('button', { name: 'Speichern' }).tap()
      await facilitator.keyboard.type(' ab März')
      await leaveCanvasText()
      // Each side has its own words only: the canvas's reached the reader, the phone's stayed on the phone.
      await expect.poll(() => readText(reader)).toBe('Termine im Jobcenter absprechen (nur mit Bildungsträger) ab März')
      expect(await listText()).toBe('Termine im Jobcenter vereinbaren (nur mit Bildungsträger)')
      await screenshot(phone, 'two-hands-offline-390.png', { fullPage: false })
    } finally {
      await phone.context().setOffline(false)
    }
    await expect.poll(connection, { timeout: hang(20_000) }).toBe('connected')
    await everyScreen('Termine im Jobcenter vereinbaren (nur mit Bildungsträger) ab März')
    await screenshot(phone, 'two-hands-online-again-390.png', { fullPage: false })
  })

  it('a reload of the phone and of the canvas, and a reader connecting anew, show the same text', { timeout: hang(60_000) }, async () => {
    await Promise.all([phone.reload(), facilitator.reload()])
    await phone.locator('.nws-contribute h2').first().waitFor({ timeout: hang(20_000) })
    await facilitator.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await facilitator.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    const text = 'Termine im Jobcenter vereinbaren (nur mit Bildungsträger) ab März'
    await everyScreen(text)
    // What the relay keeps, read by a reader new to the board (as a third screen loading it now would).
    const fresh = connectClient(suite.relay, board.id, undefined, { token: board.access.observer })
    try {
      await whenSynced(fresh)
      expect(readText(fresh), 'the relay keeps the merged words').toBe(text)
    } finally {
      fresh.destroy()
    }
  })

  it('a save from the phone arriving while the facilitator types leaves her caret after her last character', { timeout: hang(60_000) }, async () => {
    const before = 'Termine im Jobcenter vereinbaren (nur mit Bildungsträger) ab März'
    await openOnCanvas()
    // She stops after a space, as between words: the list does not show it, and its save keeps it.
    await facilitator.keyboard.type(' und ')
    // Her words reach the phone while she is still in the Zettel; its correction lies before her
    // caret: her next letters must still follow „ und “.
    await expect.poll(listText).toBe(`${before} und`)
    const field = await openOnPhone(`${before} und`)
    await field.fill(`Feste ${before} und`)
    await phone.getByRole('button', { name: 'Speichern' }).tap()
    await facilitator.waitForFunction(() => window.__netzwerkstatt!.editor.getRichTextEditor()?.state.doc.textContent.startsWith('Feste '))
    await facilitator.keyboard.type('April')
    await leaveCanvasText()
    await everyScreen(`Feste ${before} und April`)
    await screenshot(facilitator, 'two-hands-caret-1366.png')
    await screenshot(phone, 'two-hands-caret-390.png', { fullPage: false })
  })
})
