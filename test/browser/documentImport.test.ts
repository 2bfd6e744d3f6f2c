/**
 * A document to annotate in Chromium: a PDF chosen with "Dokument einfügen" becomes one locked
 * image per page inside a frame named after the file, for everyone at the board, and people put
 * Zettel on its pages. Its pages are drawn in the browser (pdf.js): nothing leaves the origin.
 * Bad files (broken, password-protected, not a PDF, too many pages) say so and change nothing.
 * Files: test/artifacts/document-{1920,1366,390}.png, document-pages-dialog.png, document-progress.png.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, newPerson, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { brokenPdf, chooseDocument, embeddedFont, importFinished, numberedPdf, pdfWithJavaScript } from '../helpers/pdfFiles.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

/** The frames on the current page, each with its images in reading order. */
const documentFrames = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'frame')
      .map((frame) => ({
        id: frame.id,
        name: (frame.props as { name: string }).name,
        images: editor
          .getSortedChildIdsForParent(frame.id)
          .map((id) => editor.getShape(id)!)
          .filter((s) => s.type === 'image')
          .map((s) => {
            const asset: unknown = editor.getAsset((s.props as { assetId: string }).assetId as never)
            const box = editor.getShapePageBounds(s)!
            return { id: s.id as string, locked: s.isLocked, x: box.x, y: box.y, src: ((asset as { props?: { src?: string } } | undefined)?.props?.src ?? null) }
          }),
      }))
  })

/** Everything on the board that a failed import must leave as it was (shapes count frames' children too). */
const boardState = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return { shapes: editor.getCurrentPageShapeIds().size, assets: editor.getAssets().length }
  })

describe.skipIf(skipBrowserTests)('a PDF to annotate', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })
  let anna: Person
  let ben: Person
  let participantUrl: string
  /** Requests Anna's page made; none may leave the origin. */
  const requests: string[] = []

  beforeAll(async () => {
    const board = await createBoard(suite.relay, 'Gründung')
    anna = await suite.person()
    ben = await suite.person({ viewport: { width: 1366, height: 768 } })
    anna.page.on('request', (request) => requests.push(request.url()))
    await openBoardPage(anna.page, boardPageUrl(suite.relay, board))
    participantUrl = boardPageUrl(suite.relay, board, 'participant')
    await openBoardPage(ben.page, participantUrl)
  })

  it('brings a 3-page PDF as three locked images in a frame named after the file, for everyone', async () => {
    const pdf = await numberedPdf(3, { font: embeddedFont })
    const dialogs: string[] = []
    anna.page.on('dialog', (dialog) => void dialogs.push(dialog.message()))
    await chooseDocument(anna.page, 'Kooperationsvereinbarung.pdf', pdf)
    await importFinished(anna.page, 'Kooperationsvereinbarung')

    const [frame] = await documentFrames(anna.page)
    expect(frame.name).toBe('Kooperationsvereinbarung')
    expect(frame.images).toHaveLength(3)
    for (const image of frame.images) {
      expect(image.locked).toBe(true)
      expect(image.src).toMatch(/^\/api\/boards\/[A-Za-z0-9_-]{22}\/assets\/[A-Za-z0-9_-]{22}$/)
    }
    // A row, left to right.
    expect(frame.images[0].x).toBeLessThan(frame.images[1].x)
    expect(frame.images[1].x).toBeLessThan(frame.images[2].x)

    // Ben, a participant, has the same document.
    await expect.poll(async () => (await documentFrames(ben.page)).map((f) => [f.name, f.images.length, f.images.every((i) => i.locked)]), { timeout: hang(15_000) }).toEqual([['Kooperationsvereinbarung', 3, true]])
    // ... and sees its pages drawn.
    await ben.page.waitForFunction(() => [...document.querySelectorAll('.tl-image')].filter((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0).length === 3, null, { timeout: hang(20_000) })
    // Read with his link (the files follow the board's links: their address alone reads nothing),
    // and an export of the pages carries them as pictures.
    const read = await ben.page.evaluate(async (address) => {
      const editor = window.__netzwerkstatt!.editor
      const images = [...editor.getCurrentPageShapeIds()].filter((id) => editor.getShape(id)!.type === 'image')
      const svg = (await editor.getSvgString(images))?.svg ?? ''
      return {
        shown: [...document.querySelectorAll('.tl-image')].map((img) => (img as HTMLImageElement).src.slice(0, 5)),
        bare: (await fetch(address)).status,
        exported: svg.match(/href="data:image\//g)?.length ?? 0,
      }
    }, frame.images[0].src!)
    expect(read).toEqual({ shown: ['blob:', 'blob:', 'blob:'], bare: 401, exported: 3 })

    // Ben drags across page 2: a locked page does not move.
    const page2Id: string = frame.images[1].id
    const page2 = await ben.page.evaluate((id: string) => {
      const editor = window.__netzwerkstatt!.editor
      editor.zoomToFit({ animation: { duration: 0 } })
      const center = editor.pageToScreen(editor.getShapePageBounds(id as never)!.center)
      return { x: center.x, y: center.y }
    }, page2Id)
    await ben.page.mouse.move(page2.x, page2.y)
    await ben.page.mouse.down()
    await ben.page.mouse.move(page2.x + 120, page2.y + 80, { steps: 5 })
    await ben.page.mouse.up()
    expect((await documentFrames(ben.page))[0].images[1]).toMatchObject({ x: frame.images[1].x, y: frame.images[1].y })

    // ... then writes a Zettel on it with the note tool.
    await ben.page.keyboard.press('Escape')
    await ben.page.keyboard.press('n')
    await ben.page.mouse.click(page2.x, page2.y)
    await ben.page.keyboard.type('Wer lädt ein?')
    await ben.page.keyboard.press('Escape')
    const onPage2 = (page: Page) =>
      page.evaluate((id: string) => {
        const editor = window.__netzwerkstatt!.editor
        const box = editor.getShapePageBounds(id as never)!
        const image = editor.getShape(id as never)!
        return editor
          .getCurrentPageShapes()
          .filter((s) => s.type === 'note' && box.containsPoint(editor.getShapePageBounds(s)!.center))
          .map((s) => ({ text: editor.getShapeUtil(s).getText(s), above: s.index > image.index || s.parentId !== image.parentId }))
      }, page2Id)
    await expect.poll(() => onPage2(anna.page), { timeout: hang(15_000) }).toEqual([{ text: 'Wer lädt ein?', above: true }])

    await screenshot(ben.page, 'document-1366.png')
    await anna.page.evaluate(() => {
      window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } })
    })
    await anna.page.waitForFunction(() => [...document.querySelectorAll('.tl-image')].every((img) => (img as HTMLImageElement).complete))
    await screenshot(anna.page, 'document-1920.png')

    // The document's script never ran, and pdf.js needed nothing from elsewhere.
    expect(dialogs).toEqual([])
    const origin = new URL(suite.relay.httpUrl).origin
    expect(requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))).toEqual([])
    expect(anna.problems).toEqual([])
  })

  it('takes a PDF dropped on the canvas, and a picture dropped with it as before', async () => {
    const before = await boardState(anna.page)
    const pdf = (await numberedPdf(2)).toString('base64')
    // A 1×1 PNG.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
    await anna.page.evaluate(
      ({ pdf, png }) => {
        const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        const data = new DataTransfer()
        data.items.add(new File([bytes(pdf)], 'Flyer.pdf', { type: 'application/pdf' }))
        data.items.add(new File([bytes(png)], 'Foto.png', { type: 'image/png' }))
        const canvas = document.querySelector('.tl-canvas')!
        const box = canvas.getBoundingClientRect()
        const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true, cancelable: true, dataTransfer: data }
        canvas.dispatchEvent(new DragEvent('dragover', at))
        canvas.dispatchEvent(new DragEvent('drop', at))
      },
      { pdf, png },
    )
    await expect.poll(async () => (await documentFrames(anna.page)).find((f) => f.name === 'Flyer')?.images.length, { timeout: hang(60_000) }).toBe(2)
    await importFinished(anna.page, 'Flyer')
    // The frame with two pages, and the picture beside it.
    await expect.poll(() => boardState(anna.page), { timeout: hang(15_000) }).toEqual({ shapes: before.shapes + 4, assets: before.assets + 3 })
  })

  it('asks which pages of a long PDF to bring, and refuses more than 50', async () => {
    const before = await boardState(anna.page)
    await chooseDocument(anna.page, 'Statistik 2025.pdf', await numberedPdf(25))
    const dialog = anna.page.getByRole('dialog', { name: 'Welche Seiten?' })
    await dialog.getByText(/25 Seiten/).waitFor()
    await screenshot(anna.page, 'document-pages-dialog.png')
    await dialog.getByLabel('Seiten').fill('1-60')
    await dialog.getByRole('button', { name: 'Einfügen' }).click()
    await dialog.getByText(/Seite 60 gibt es nicht|höchstens/).waitFor()
    await dialog.getByLabel('Seiten').fill('2-4, 25')
    await dialog.getByRole('button', { name: 'Einfügen' }).click()
    await importFinished(anna.page, 'Statistik 2025')
    const frame = (await documentFrames(anna.page)).find((f) => f.name === 'Statistik 2025')!
    expect(frame.images).toHaveLength(4)
    // The frame and its four pages.
    expect(await boardState(anna.page)).toEqual({ shapes: before.shapes + 5, assets: before.assets + 4 })
  })

  it('refuses a 500-page choice above the cap and changes nothing when cancelled', async () => {
    const before = await boardState(anna.page)
    await chooseDocument(anna.page, 'Handbuch.pdf', await numberedPdf(500))
    const dialog = anna.page.getByRole('dialog', { name: 'Welche Seiten?' })
    await dialog.getByLabel('Seiten').fill('1-500')
    await dialog.getByRole('button', { name: 'Einfügen' }).click()
    await dialog.getByText(/höchstens 50 Seiten/).waitFor()
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await boardState(anna.page)).toEqual(before)
  })

  it('says what is wrong with a bad file and changes nothing', async () => {
    const before = await boardState(anna.page)
    const cases: Array<[string, Buffer, RegExp, string?]> = [
      ['kaputt.pdf', await brokenPdf(), /beschädigt/],
      ['geheim.pdf', await numberedPdf(2, { userPassword: 'geheim' }), /mit einem Passwort geschützt/],
      ['notizen.txt', Buffer.from('Nur Text, kein PDF'), /kein PDF/, 'text/plain'],
    ]
    for (const [name, buffer, message, type] of cases) {
      await chooseDocument(anna.page, name, buffer, type)
      const alert = anna.page.getByText(message)
      await alert.first().waitFor()
      expect(await boardState(anna.page)).toEqual(before)
    }
    expect(anna.problems).toEqual([])
  })

  it('brings a PDF with JavaScript as a picture only, for a participant too: the script never runs', async () => {
    const before = await boardState(ben.page)
    const dialogs: string[] = []
    const sent: string[] = []
    ben.page.on('dialog', (dialog) => void dialogs.push(dialog.message()))
    ben.page.on('request', (request) => void sent.push(request.url()))
    await chooseDocument(ben.page, 'mit-skript.pdf', pdfWithJavaScript())
    await importFinished(ben.page, 'mit-skript')
    const frame = (await documentFrames(ben.page)).find((f) => f.name === 'mit-skript')!
    expect(frame.images).toHaveLength(1)
    expect(await boardState(ben.page)).toEqual({ shapes: before.shapes + 2, assets: before.assets + 1 })
    expect(dialogs).toEqual([])
    const origin = new URL(suite.relay.httpUrl).origin
    expect(sent.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))).toEqual([])
    expect(ben.problems).toEqual([])
    // One undo takes the whole document away again, for everyone.
    await ben.page.keyboard.press('Control+z')
    await expect.poll(async () => (await documentFrames(anna.page)).some((f) => f.name === 'mit-skript'), { timeout: hang(15_000) }).toBe(false)
    expect((await boardState(ben.page)).shapes).toBe(before.shapes)
  })

  it('shows the pages being drawn and can be cancelled, leaving nothing behind', async () => {
    const before = await boardState(anna.page)
    await chooseDocument(anna.page, 'Lang.pdf', await numberedPdf(20))
    const progress = anna.page.getByRole('dialog', { name: 'Dokument wird eingefügt' })
    await progress.getByText(/Seite \d+ von 20/).waitFor()
    await screenshot(anna.page, 'document-progress.png')
    await progress.getByRole('button', { name: 'Abbrechen' }).click()
    await progress.waitFor({ state: 'detached' })
    expect(await boardState(anna.page)).toEqual(before)
  })

  it('fits a phone: the document in view at 390 px', async () => {
    // Ben's window made phone-sized: the page lays itself out anew, no second load needed.
    const phone = ben
    await phone.page.setViewportSize({ width: 390, height: 844 })
    await expect.poll(async () => (await documentFrames(phone.page)).length, { timeout: hang(15_000) }).toBeGreaterThan(0)
    await phone.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const frame = editor.getCurrentPageShapes().find((s) => s.type === 'frame')!
      editor.zoomToBounds(editor.getShapePageBounds(frame)!, { animation: { duration: 0 } })
    })
    await phone.page.waitForFunction(() => [...document.querySelectorAll('.tl-image')].every((img) => (img as HTMLImageElement).complete))
    await screenshot(phone.page, 'document-390.png')
    // Choosing pages on a phone.
    await chooseDocument(phone.page, 'Statistik.pdf', await numberedPdf(25))
    const dialog = phone.page.getByRole('dialog', { name: 'Welche Seiten?' })
    await dialog.getByLabel('Seiten').waitFor()
    await screenshot(phone.page, 'document-pages-390.png')
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    await dialog.waitFor({ state: 'detached' })
  })

  it('is in the toolbar\'s further tools for those who may add pictures, not for observers', async () => {
    await anna.page.keyboard.press('Escape')
    await anna.page.getByTestId('tools.more-button').click()
    const item = anna.page.getByTestId('tools.more-content').getByRole('radio', { name: /Dokument einfügen/ }).or(anna.page.getByTestId('tools.more-content').getByRole('button', { name: /Dokument einfügen/ }))
    await item.waitFor()
    await screenshot(anna.page, 'document-toolbar-1920.png')
    const chooser = anna.page.waitForEvent('filechooser')
    await item.click()
    await (await chooser).setFiles([])

    const board = await createBoard(suite.relay, 'Nur lesen')
    const olga = await suite.person()
    await openBoardPage(olga.page, boardPageUrl(suite.relay, board, 'observer'))
    await olga.page.getByTestId('main-menu.button').click()
    await olga.page.getByRole('menuitem').first().waitFor()
    expect(await olga.page.getByRole('menuitem', { name: 'Dokument einfügen …' }).count()).toBe(0)
  })

  it('asked nothing from another origin during all these imports', () => {
    const origin = new URL(suite.relay.httpUrl).origin
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))).toEqual([])
  })

  describe('a PDF larger than the board has room for', () => {
    let relay: Relay
    let person: Person
    beforeAll(async () => {
      // Room for a page, not for ten: a relay of its own in this process, in the file's browser.
      relay = await startRelay({ env: { MAX_BOARD_ASSET_BYTES: String(40 * 1024) } })
    })
    afterAll(async () => {
      await person?.context.close()
      await relay?.kill()
      if (relay) removeDataDir(relay.dataDir)
    })

    it('says so before anything is uploaded, and changes nothing', async () => {
      try {
        person = await newPerson(suite.browser, { width: 1366, height: 768 })
        const board = await createBoard(relay, 'Voll')
        await openBoardPage(person.page, boardPageUrl(relay, board))
        const before = await boardState(person.page)
        const uploads: string[] = []
        person.page.on('request', (r) => r.method() === 'POST' && r.url().includes('/assets') && uploads.push(r.url()))
        await chooseDocument(person.page, 'Zu groß.pdf', await numberedPdf(10))
        await person.page.getByText(/kein Platz mehr/).first().waitFor({ timeout: hang(60_000) })
        expect(uploads).toEqual([])
        expect(await boardState(person.page)).toEqual(before)
        await person.page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'))
        await screenshot(person.page, 'document-no-room.png')
      } finally {
        await person?.context.close()
      }
    }, hang(120_000))
  })
})
