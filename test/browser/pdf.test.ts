/**
 * The board as PDF in Chromium: "PDF (über Drucken)" in the main menu lays out one page per
 * template (with the notes on it), or per frame where the page has frames, and opens the print
 * dialog; Chromium's own PDF printer then makes a file with that many pages. A participant prints
 * too; a Fallkonferenz prints nothing before its confirmations are recorded. Zettel that are not
 * typed for the check reach the board as stored updates before the page loads.
 * Files: test/artifacts/board-{template,pages}.pdf, report-day.pdf, pdf-print-sheet.png and further screenshots.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { artifacts, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, templateTitles, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import { connectClient, untilHeld, whenSynced } from '../helpers/clients.ts'
import { putNotesInCells, recordsIn } from '../helpers/records.ts'
import { consentEntry } from '../../shared/board/entries/consent.ts'
import { recordedFor } from '../helpers/consentRecords.ts'
import { hang } from '../helpers/hang.ts'
import { toastAfter, toasts } from '../helpers/toasts.ts'

/** Chooses "PDF (über Drucken)" in the main menu, with the print dialog replaced by a flag. */
async function choosePdf(page: Page) {
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes')
  })
  await page.getByTestId('main-menu.button').click()
  await page.getByText('Ergebnisse exportieren').hover()
  await page.getByRole('menuitem', { name: 'PDF (über Drucken)' }).click()
}

/** Chooses the menu item with the print dialog replaced by a flag; returns the sheet's pages. */
async function printFromMenu(page: Page) {
  await choosePdf(page)
  await page.locator('body[data-printed="yes"]').waitFor({ state: 'attached' })
  return page.evaluate(() =>
    [...document.querySelectorAll('#nws-print .nws-print-page')].map((section) => ({
      heading: section.querySelector('h1')!.textContent,
      drawn: (section.querySelector('img') as HTMLImageElement).naturalWidth > 0,
    })),
  )
}

/** Pages in a PDF file, counted from its page objects. */
const pdfPages = (file: string) => (readFileSync(file, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length

describe.skipIf(skipBrowserTests)('PDF of the board', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('one page per template, for a participant too', { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel Nord', { template: 'planspiel', locale: 'de' })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    // Participants have no Versionen in their main menu (test/browser/versions.test.ts is the facilitator's side).
    await page.getByTestId('main-menu.button').click()
    await page.getByRole('menuitem', { name: 'Zur Startseite' }).waitFor()
    expect(await page.getByRole('menuitem', { name: 'Versionen …' }).count()).toBe(0)
    await page.keyboard.press('Escape')
    const sheet = await printFromMenu(page)
    expect(sheet).toEqual([{ heading: 'Planspiel Nord · Planspiel – Frau Wiesental: Mietschulden und kein Krippenplatz', drawn: true }])
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'pdf-print-sheet.png')
    const file = join(artifacts, 'board-template.pdf')
    await page.pdf({ path: file, landscape: true, format: 'A4' })
    expect(pdfPages(file)).toBe(1)
    expect(problems).toEqual([])
  })

  it('prints no Fallkonferenz (PDF, PNG, a copied picture of the page) before its confirmations are recorded, and says so', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Fallkonferenz Nord', { template: 'fallkonferenz', locale: 'de' })
    // The facilitator's other device: the three initials are on the board before the page loads (their typing is not what this test is about).
    const recorder = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.facilitator })
    await whenSynced(recorder)
    putNotesInCells(recorder.doc, ['einverstaendnis', 'entbindung', 'pseudonym'].map((row): [string, string] => [`einverstaendnis:cell:${row}:bestaetigt`, 'MK']))
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note').length)).toBe(3)
    await writeNoteInCell(page, 'fall:cell:problem:inhalt', 'Kita-Platz fehlt seit Mai')
    // The pictures' SVG text, kept as they are made (the page's CSP lets nobody fetch blob: URLs).
    await page.evaluate(() => {
      const made: Blob[] = []
      ;(window as unknown as { __blobs: Blob[] }).__blobs = made
      const create = URL.createObjectURL.bind(URL)
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) made.push(blob)
        return create(blob)
      }
    })
    const printedText = () => page.evaluate(async () => (await Promise.all((window as unknown as { __blobs: Blob[] }).__blobs.map((b) => b.text()))).join('\n'))
    // Each refusal is a toast of 4 s: watched for from before the choice that brings it.
    const refusalText = /fehlen noch Bestätigungen.*noch keine Bestätigungen festgehalten/
    const refusal = toasts(page, refusalText)
    await toastAfter(page, refusalText, () => choosePdf(page))
    await screenshot(page, 'pdf-fallkonferenz-held-back.png')
    expect(await page.locator('body[data-printed="yes"]').count()).toBe(0)
    expect(await printedText()).not.toContain('Kita-Platz')
    // Closed by hand rather than waited out, so the next refusal is a new toast; in one step in the
    // page, as by then it may have closed itself.
    const closeRefusal = async () => {
      await refusal.locator('.tlui-toast__close').evaluateAll((buttons) => buttons.forEach((button) => (button as HTMLElement).click()))
      await expect.poll(() => refusal.count()).toBe(0)
    }
    await closeRefusal()
    // tldraw's own picture export is refused the same way.
    const downloads: string[] = []
    page.on('download', (download) => downloads.push(download.suggestedFilename()))
    await page.keyboard.press('Escape')
    await page.getByTestId('main-menu.button').click()
    await page.getByRole('menuitem', { name: 'Alle exportieren als' }).hover()
    await toastAfter(page, refusalText, () => page.getByRole('menuitem', { name: 'PNG' }).click())
    expect(downloads).toEqual([])
    // Copying a picture with nothing selected copies the whole page: refused as well.
    await closeRefusal()
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.selectNone()
      editor.focus()
    })
    await toastAfter(page, refusalText, () => page.keyboard.press('Control+Shift+c'))
    // Recorded (by the facilitator's other device): the case opens, is written, and printed.
    consentEntry.set(recorder.doc, recordedFor(recordsIn<TLShape>(recorder.doc)))
    await expect.poll(() => page.locator('.nws-case-banner').getAttribute('data-locked')).toBe('false')
    recorder.destroy()
    await writeNoteInCell(page, 'fall:cell:problem:inhalt', 'Kita-Platz fehlt seit Mai')
    await printFromMenu(page)
    expect(await printedText()).toContain('Kita-Platz fehlt seit Mai')
    expect(problems).toEqual([])
  })

  it('prints every page of the board, and every note legible on A4', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Netzwerktag', {
      template: 'beteiligtenanalyse',
      locale: 'de',
      options: { partners: ['Jobcenter', 'Jugendamt', 'Kita-Träger', 'Familienzentrum', 'Schuldnerberatung', 'Wohnungsamt'] },
    })
    // Two Zettel in the analysis, on the board before the page loads.
    const writer = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.facilitator })
    await whenSynced(writer)
    const stored = putNotesInCells(writer.doc, [['cell:p0:ziele', 'Vermittlung'], ['cell:p5:strategien', 'Runder Tisch']])
    await untilHeld(writer.doc, stored)
    writer.destroy()
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    // A second page of the board with two frames, made in the other order than they read (left to
    // right), and a note in the left one; the facilitator goes back to the first.
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const first = editor.getCurrentPageId()
      editor.createPage({ name: 'Nachmittag' })
      editor.setCurrentPage(editor.getPages().find((p) => p.name === 'Nachmittag')!.id)
      editor.createShapes([
        { type: 'frame', x: 1200, y: 0, props: { w: 800, h: 500, name: 'Maßnahmen' } },
        { type: 'frame', x: 0, y: 0, props: { w: 900, h: 500, name: 'Verabredungen' } },
      ])
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Treffen im März' }] }] }
      editor.createShape({ type: 'note', x: 100, y: 100, props: { richText } })
      editor.setCurrentPage(first)
    })
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'note').length)).toBe(2)
    // The pictures' SVG text, kept as they are made (the page's CSP lets nobody fetch blob: URLs).
    await page.evaluate(() => {
      const made = new Map<string, Blob>()
      ;(window as unknown as { __blobs: Map<string, Blob> }).__blobs = made
      const create = URL.createObjectURL.bind(URL)
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        const url = create(blob)
        if (blob instanceof Blob) made.set(url, blob)
        return url
      }
    })
    const sheet = await printFromMenu(page)
    expect(sheet.every((p) => p.drawn)).toBe(true)
    // One sheet per frame where a page has frames, in reading order.
    expect(sheet.slice(-2).map((p) => p.heading)).toEqual(['Netzwerktag · Nachmittag · Verabredungen', 'Netzwerktag · Nachmittag · Maßnahmen'])
    expect(sheet[0].heading).toMatch(/^Netzwerktag · Seite 1 · Beteiligtenanalyse/)
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name)).toBe('Seite 1')

    // Each note's text, as tall as it prints on some sheet (the picture in its A4 box, 273 × 160 mm).
    await page.setViewportSize({ width: 1032, height: 794 })
    await page.emulateMedia({ media: 'print' })
    const printed = await page.evaluate(async (notes) => {
      const tallest: Record<string, number> = {}
      for (const img of document.querySelectorAll<HTMLImageElement>('#nws-print img')) {
        const box = img.getBoundingClientRect()
        const svg = await (window as unknown as { __blobs: Map<string, Blob> }).__blobs.get(img.src)!.text()
        const holder = document.createElement('div')
        holder.style.cssText = `position:fixed;left:0;top:0;width:${box.width}px;height:${box.height}px;`
        holder.innerHTML = svg
        const inline = holder.querySelector('svg')!
        inline.setAttribute('width', String(box.width))
        inline.setAttribute('height', String(box.height))
        document.documentElement.append(holder)
        for (const note of notes) {
          const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent!.includes(note)) continue
            const range = document.createRange()
            range.selectNodeContents(node)
            const height = Math.min(...[...range.getClientRects()].map((r) => r.height))
            tallest[note] = Math.max(tallest[note] ?? 0, height)
          }
        }
        holder.remove()
      }
      return tallest
    }, ['Vermittlung', 'Runder Tisch', 'Treffen im März'])
    // In pt (96 px to the inch): at least 8 pt.
    for (const note of ['Vermittlung', 'Runder Tisch', 'Treffen im März']) expect(((printed[note] ?? 0) * 72) / 96, note).toBeGreaterThanOrEqual(8)
    await screenshot(page, 'pdf-legible-sheet.png')
    await screenshot(page.locator('#nws-print .nws-print-page').nth(1), 'pdf-legible-part.png')
    const file = join(artifacts, 'board-pages.pdf')
    await page.pdf({ path: file, landscape: true, format: 'A4' })
    expect(pdfPages(file)).toBe(sheet.length)
    expect(problems).toEqual([])
  })

  it('prints the Dokumentation in the order of the day, without empty tables unless asked', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Netzwerktag Kita', { template: 'zukunftskonferenz', locale: 'de', options: { question: 'Wie kommen Kinder unter drei gut in die Kita?' } })
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    // In the afternoon the minutes: put where there is room, here up and to the left.
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const { w, h } = editor.getViewportPageBounds()
      editor.setCamera({ x: 8000 + w / 2, y: 8000 + h / 2, z: 1 })
    })
    let panel = await openTemplatesPanel(page)
    await panel.getByRole('button', { name: /^Protokoll/ }).click()
    await panel.getByRole('button', { name: 'Einfügen' }).click()
    await panel.waitFor({ state: 'detached' })
    const titles = await templateTitles(page)
    // Read top to bottom, the minutes would come first.
    expect(titles.find((t) => t.template === 'protokoll')!.box.y).toBeLessThan(titles.find((t) => t.template === 'zukunftskonferenz')!.box.y)
    const write = (template: string, key: string, text: string) => writeNoteInCell(page, key, text, template)
    await write('zukunftskonferenz', 'action:a1:massnahme', 'Notfallbetreuung aufbauen')
    await write('protokoll', 'tops:cell:top1:thema', 'Kita-Randzeiten')
    await expect
      .poll(async () => (await (await fetch(`${suite.relay.httpUrl}/api/boards/${board.id}/export?format=md`, { headers: { authorization: `Bearer ${board.access.facilitator}` } })).text()).includes('Kita-Randzeiten'))
      .toBe(true)

    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes')
    })
    const printReport = async () => {
      await page.evaluate(() => document.body.removeAttribute('data-printed'))
      await panel.locator('[data-report="print"]').click()
      await page.locator('body[data-printed="yes"]').waitFor({ state: 'attached' })
      return {
        chapters: await page.locator('#nws-print .nws-report h2').allTextContents(),
        tables: await page.locator('#nws-print .nws-report table').count(),
      }
    }
    panel = await openTemplatesPanel(page)
    const sent = await printReport()
    expect(sent.chapters).toEqual(['Beschlüsse', 'Inhalt', 'Zukunftskonferenz', expect.stringMatching(/^Protokoll/), 'Offene Punkte'])
    // Only tables someone wrote in (and the open items).
    expect(sent.tables).toBe(3)
    await page.setViewportSize({ width: 1123, height: 794 })
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'report-first-page.png')
    await page.pdf({ path: join(artifacts, 'report-day.pdf'), landscape: true, format: 'A4' })
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1440, height: 900 })

    // The switch takes the empty ones along, e.g. to fill in by hand.
    await panel.getByLabel('Auch leere Tabellen (zum Ausfüllen von Hand)').check()
    for (const [width, height] of [[1920, 1080], [1366, 768], [390, 844]]) {
      await page.setViewportSize({ width, height })
      await panel.locator('[data-report="pdf"]').scrollIntoViewIfNeeded()
      await screenshot(page, `report-switch-${width}.png`)
    }
    await page.setViewportSize({ width: 1440, height: 900 })
    const blank = await printReport()
    expect(blank.chapters).toEqual(sent.chapters)
    expect(blank.tables).toBeGreaterThan(sent.tables)
    expect(problems).toEqual([])
  })
})
