/**
 * The Versionen panel as a facilitator uses it: name a version, look at it, restore it into the
 * board for everyone (and undo that), open it as a new board, preview and comparison, all on one
 * facilitator's page of a Beteiligtenanalyse; a filled Gründungsveranstaltung's preview readable at two
 * window sizes on one page. Boards are filled by stored updates before their pages load; what a
 * participant gets is read from a y-websocket client's doc.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { boardPageUrl, connectClient, createBoard, untilHeld, whenSynced } from '../helpers/clients.ts'
import { putNotesInCells, putRecords, recordsIn } from '../helpers/records.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { downloaded, skipBrowserTests, tabOpenedBy } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { boardBrowserSuite, chooseFromMainMenu, openBoardPage, writeNoteInCell, type Person } from '../helpers/boardPages.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('versions in the browser', () => {
  const suite = boardBrowserSuite()

  const noteTexts = (page: Page) =>
    page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      return editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'note')
        .map((s) => editor.getShapeUtil(s).getText(s) ?? '')
        .sort()
    })
  /** The notes' texts in a client's doc, sorted, as `noteTexts` reads them from a page. */
  const docNoteTexts = (doc: Y.Doc) =>
    recordsIn(doc)
      .filter((r) => r.typeName === 'shape' && r.type === 'note')
      .map((s) => plainText((s.props as { richText?: unknown }).richText))
      .sort()
  const setText = (page: Page, text: string) =>
    page.evaluate((text) => {
      const editor = window.__netzwerkstatt!.editor
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
      const [note] = editor.getCurrentPageShapes().filter((s) => s.type === 'note')
      if (note) editor.updateShape({ id: note.id, type: 'note', props: { richText } })
      else editor.createShape({ type: 'note', x: 200, y: 200, props: { richText } })
    }, text)

  /** The board's rows in the relay's audit trail, read past the relay. */
  const auditActions = (boardId: string) => {
    const db = new Database(join(suite.relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
    try {
      return db.prepare<[string], { action: string }>('SELECT action FROM audit WHERE board_id = ? ORDER BY rowid').all(boardId).map((row) => row.action)
    } finally {
      db.close()
    }
  }

  // A facilitator on a Beteiligtenanalyse for the next three tests (one page load for all).
  let analysis: Promise<{ board: CreatedBoard; person: Person }> | undefined
  const onAnalysis = () =>
    (analysis ??= (async () => {
      const board = await createBoard(suite.relay, 'Zwei Seiten', { template: 'beteiligtenanalyse', options: { partners: ['Jobcenter', 'Jugendamt'] } })
      const person = await suite.person({ keep: true })
      await openBoardPage(person.page, boardPageUrl(suite.relay, board))
      return { board, person }
    })())

  it('names a version, shows it, restores it for everyone, undoes that, and opens it as a new board', { timeout: hang(120_000) }, async () => {
    const { board, person: moderation } = await onAnalysis()
    // A participant's device: what the relay gives everyone (no page of its own needed for that).
    const gast = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.participant })
    await whenSynced(gast)
    const gastTexts = () => docNoteTexts(gast.doc)
    await openBoardPage(moderation.page, boardPageUrl(suite.relay, board))
    await setText(moderation.page, 'Ziel: Kitaplätze')
    await expect.poll(gastTexts).toEqual(['Ziel: Kitaplätze'])

    const page = moderation.page
    await chooseFromMainMenu(page, 'Versionen …')
    const panel = page.getByRole('region', { name: 'Versionen' })
    await panel.getByLabel('Stand jetzt als Version speichern').fill('nach Schritt 3')
    await panel.getByRole('button', { name: 'Speichern' }).click()
    await panel.getByText('Version „nach Schritt 3“ gespeichert.').waitFor()
    await panel.locator('li[data-named]').filter({ hasText: 'nach Schritt 3' }).waitFor()

    await setText(moderation.page, 'Ziel: Kitaplätze und Ganztag')
    await expect.poll(gastTexts).toEqual(['Ziel: Kitaplätze und Ganztag'])

    // Looking at the version: a drawing of the board as it was.
    await panel.locator('li[data-named]').filter({ hasText: 'nach Schritt 3' }).getByRole('button', { name: 'Ansehen' }).click()
    const preview = page.getByRole('dialog', { name: /nach Schritt 3/ })
    await preview.locator('[data-preview="drawn"]').waitFor({ timeout: hang(20_000) })
    expect(await preview.locator('[data-preview="drawn"]').textContent()).toContain('Ziel: Kitaplätze')
    expect(await preview.locator('[data-preview="drawn"]').textContent()).not.toContain('Ganztag')
    await screenshot(page, 'versions-preview.png')

    // Restored for everyone, as one change; one undo takes it back for everyone.
    await preview.getByRole('button', { name: 'Ins Board zurückholen' }).click()
    await expect.poll(() => noteTexts(page)).toEqual(['Ziel: Kitaplätze'])
    await expect.poll(gastTexts).toEqual(['Ziel: Kitaplätze'])
    await page.getByText(/zurückgeholt/).first().waitFor()
    // The relay heard of it, for its audit trail (`npm run admin -- audit`).
    await expect.poll(() => auditActions(board.id)).toEqual(['board-created', 'version-restored'])
    await screenshot(page, 'versions-panel.png')
    await page.evaluate(() => void window.__netzwerkstatt!.editor.undo())
    await expect.poll(() => noteTexts(page)).toEqual(['Ziel: Kitaplätze und Ganztag'])
    await expect.poll(gastTexts).toEqual(['Ziel: Kitaplätze und Ganztag'])

    // As a new board, in a new tab, with the version's content and its own links.
    await panel.locator('li[data-named]').getByRole('button', { name: 'Ansehen' }).click()
    const tab = await tabOpenedBy(page, () => page.getByRole('dialog', { name: /nach Schritt 3/ }).getByRole('button', { name: 'Als neues Board öffnen' }).click())
    await tab.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await tab.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await expect.poll(() => noteTexts(tab)).toEqual(['Ziel: Kitaplätze'])
    expect(new URL(tab.url()).pathname).not.toBe(new URL(boardPageUrl(suite.relay, board)).pathname)
    await tab.close()
    const shown = page.getByRole('dialog', { name: /nach Schritt 3/ })
    if (await shown.isVisible()) await shown.getByRole('button', { name: 'Schließen' }).click()
    gast.destroy()
    // That participants have no Versionen in their main menu: pdf.test's participant page shows it.
    expect(moderation.problems).toEqual([])
  })

  it('shows a loading hint at once and opens the preview on the page the facilitator is on', { timeout: hang(90_000) }, async () => {
    const { person: { page, problems } } = await onAnalysis()
    // A second page with one note; the facilitator works there.
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createPage({ name: 'Ergebnisse' })
      const second = editor.getPages().find((p) => p.name === 'Ergebnisse')!
      editor.setCurrentPage(second.id)
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nur auf Seite 2' }] }] }
      editor.createShape({ type: 'note', x: 0, y: 0, props: { richText } })
    })
    const panel = page.getByRole('region', { name: 'Versionen' })
    if (!(await panel.isVisible())) await chooseFromMainMenu(page, 'Versionen …')
    await panel.getByLabel('Stand jetzt als Version speichern').fill('Zwei Seiten')
    await panel.getByRole('button', { name: 'Speichern' }).click()
    await panel.locator('li[data-named]').filter({ hasText: 'Zwei Seiten' }).waitFor()

    // From the click until the drawing is there, the preview is never blank: a hint says it loads.
    await page.evaluate(() => {
      const w = window as unknown as { __blank: number; __watch: MutationObserver }
      w.__blank = 0
      const check = () => {
        const area = document.querySelector('.nws-version-preview__image')
        if (!area || area.querySelector('[data-preview="drawn"]')) return
        const hint = [...area.querySelectorAll('[role="status"]')].find((el) => (el as HTMLElement).offsetParent !== null && el.textContent!.trim())
        if (!hint) w.__blank++
      }
      w.__watch = new MutationObserver(check)
      w.__watch.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })
    })
    await panel.locator('li[data-named]').filter({ hasText: 'Zwei Seiten' }).getByRole('button', { name: 'Ansehen' }).click()
    const preview = page.getByRole('dialog', { name: /Zwei Seiten/ })
    // Not waited for by itself: on a fast load the hint is gone before a wait could see it; the
    // observer above counts every moment without image or hint.
    const drawing = preview.locator('[data-preview="drawn"] > div > svg')
    await drawing.waitFor({ timeout: hang(30_000) })
    expect(await page.evaluate(() => (window as unknown as { __blank: number }).__blank)).toBe(0)
    // The page the facilitator is on, named; the drawing is of its one note, not of the wide template.
    expect(await preview.getByLabel('Seite').evaluate((select: HTMLSelectElement) => select.selectedOptions[0].text)).toBe('Ergebnisse')
    const aspect = (svg: SVGSVGElement) => svg.viewBox.baseVal.width / svg.viewBox.baseVal.height
    expect(await drawing.evaluate(aspect)).toBeLessThan(1.5)
    expect(await drawing.textContent()).toContain('Nur auf Seite 2')
    await screenshot(page, 'versions-preview-page.png')
    // A picture of that page, made when asked for.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: hang(60_000) }), preview.getByRole('button', { name: 'Bild (PNG)' }).click()])
    const png = await downloaded(download)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16) / png.readUInt32BE(20)).toBeLessThan(1.5)
    // The other page is one choice away.
    await preview.getByLabel('Seite').selectOption({ label: 'Seite 1' })
    await expect.poll(() => drawing.evaluate(aspect), { timeout: hang(30_000) }).toBeGreaterThan(1.5)
    expect(problems).toEqual([])
  })

  it('compares a Beteiligtenanalyse of last time with the board now, field by field', { timeout: hang(60_000) }, async () => {
    const { board, person: { page, problems } } = await onAnalysis()
    // Back from the test before: its preview closed, on the board's first page, where the analysis is.
    const before = page.getByRole('dialog', { name: /Zwei Seiten/ })
    if (await before.isVisible()) await before.getByRole('button', { name: 'Schließen' }).click()
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.setCurrentPage(editor.getPages()[0]!.id)
    })
    const write = (key: string, text: string) => writeNoteInCell(page, key, text)
    // A version is of what the relay holds, and so is the export: a note counts once it is there.
    const held = (text: string) =>
      expect
        .poll(async () => (await (await fetch(`${suite.relay.httpUrl}/api/boards/${board.id}/export?format=md`, { headers: { authorization: `Bearer ${board.access.facilitator}` } })).text()).includes(text))
        .toBe(true)
    await write('cell:p0:ressourcen', 'Fallmanagement')
    await held('Fallmanagement')
    const panel = page.getByRole('region', { name: 'Versionen' })
    if (!(await panel.isVisible())) await chooseFromMainMenu(page, 'Versionen …')
    await panel.getByLabel('Stand jetzt als Version speichern').fill('Analyse Frühjahr')
    await panel.getByRole('button', { name: 'Speichern' }).click()
    await panel.locator('li[data-named]').filter({ hasText: 'Analyse Frühjahr' }).waitFor()
    await write('cell:p1:strategien', 'Gemeinsame Fallkonferenz')
    await held('Gemeinsame Fallkonferenz')

    await panel.locator('li[data-named]').filter({ hasText: 'Analyse Frühjahr' }).getByRole('button', { name: 'Ansehen' }).click()
    const preview = page.getByRole('dialog', { name: /Analyse Frühjahr/ })
    await preview.getByRole('button', { name: 'Vergleichen' }).click()
    const row = preview.locator('tbody tr').filter({ hasText: 'Jugendamt · Strategien' })
    await row.waitFor()
    expect(await preview.locator('thead th').allTextContents()).toEqual(['Feld', 'Analyse Frühjahr', 'Aktueller Stand'])
    expect(await row.locator('td').nth(1).textContent()).toBe('Gemeinsame Fallkonferenz (neu)')
    expect(await preview.locator('tbody tr').count()).toBe(1)
    await screenshot(page, 'versions-compare.png')
    expect(problems).toEqual([])
  })

  it('shows a filled Gründungsveranstaltung readable at once, around what the facilitator looks at, with the whole page one click away', { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Gründung', { template: 'gruendungsveranstaltung', locale: 'de' })
    // One Zettel in every cell, as a workshop leaves it, stored before any page loads.
    const writer = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.facilitator })
    await whenSynced(writer)
    const cells = recordsIn(writer.doc).filter((shape) => scaffoldMeta(shape)?.kind === 'cell')
    const stored = putNotesInCells(writer.doc, cells.map((cell, i): [string, string] => [scaffoldMeta(cell)!.key, `Beitrag ${i + 1}: Erreichbarkeit am Nachmittag`]))
    const written = stored.length
    const exported = async () =>
      (await (await fetch(`${suite.relay.httpUrl}/api/boards/${board.id}/export?format=md`, { headers: { authorization: `Bearer ${board.access.facilitator}` } })).text())
    await expect.poll(async () => (await exported()).includes(`Beitrag ${written}:`), { timeout: hang(20_000) }).toBe(true)
    // The version, named over the relay's API (naming one in the panel is the first test's subject).
    const named = await fetch(`${suite.relay.httpUrl}/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Vor der Pause' }),
    })
    expect(named.ok).toBe(true)
    // After the version: every Zettel says something else now.
    const later = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Später geschrieben' }] }] }
    putRecords(writer.doc, stored.map((note) => ({ ...note, props: { ...note.props, richText: later } })))
    await untilHeld(writer.doc, stored)
    await expect.poll(async () => (await exported()).includes('Beitrag 1:'), { timeout: hang(20_000) }).toBe(false)
    writer.destroy()

    /** The version's Zettel texts the preview shows within its visible area, each with the size its letters are drawn at. */
    const shownZettel = (page: Page) =>
      page.evaluate(() => {
        const area = document.querySelector('.nws-version-preview__image')!.getBoundingClientRect()
        const shown: Array<{ text: string; px: number }> = []
        const walker = document.createTreeWalker(document.querySelector('.nws-version-preview__image')!, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!/^Beitrag \d+:|Später/.test(node.textContent ?? '')) continue
          const range = document.createRange()
          range.selectNodeContents(node)
          const r = range.getBoundingClientRect()
          if (r.right <= area.left || r.left >= area.right || r.bottom <= area.top || r.top >= area.bottom) continue
          const el = node.parentElement!
          const scale = el.getBoundingClientRect().width / el.offsetWidth
          shown.push({ text: node.textContent!, px: parseFloat(getComputedStyle(el).fontSize) * scale })
        }
        return shown
      })

    // One facilitator's page, its window at one size and then another: the preview opens anew at each.
    const { page, problems } = await suite.person({ viewport: { width: 1366, height: 768 } })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(viewport)
      if (!(await page.getByRole('region', { name: 'Versionen' }).isVisible())) await chooseFromMainMenu(page, 'Versionen …')
      await page.getByRole('region', { name: 'Versionen' }).locator('li[data-named]').getByRole('button', { name: 'Ansehen' }).click()
      const preview = page.getByRole('dialog', { name: /Vor der Pause/ })
      await preview.locator('[data-preview="drawn"]').waitFor({ timeout: hang(30_000) })
      await screenshot(page, `versions-preview-readable-${viewport.width}.png`)
      // Readable where it opens: several of the version's Zettel in view, their letters at least 12 px.
      const readable = await shownZettel(page)
      expect(readable.filter((z) => z.px >= 12).length, JSON.stringify(readable)).toBeGreaterThanOrEqual(3)
      expect(readable.every((z) => z.text.startsWith('Beitrag '))).toBe(true)
      // The keyboard moves it and zooms it, not the board behind it.
      const drawing = preview.locator('[data-preview="drawn"]')
      const boardZoom = () => page.evaluate(() => window.__netzwerkstatt!.editor.getZoomLevel())
      const zoomBefore = await boardZoom()
      const scrolled = () => drawing.evaluate((area) => area.scrollTop)
      const top = await scrolled()
      // Down, unless it opened scrolled to the bottom (around what the facilitator looks at): then up.
      const atBottom = await drawing.evaluate((area) => area.scrollTop >= area.scrollHeight - area.clientHeight - 1)
      await drawing.focus()
      await page.keyboard.press(atBottom ? 'ArrowUp' : 'ArrowDown')
      await expect.poll(scrolled).not.toBe(top)
      const drawnZoom = Number(await drawing.getAttribute('data-zoom'))
      await page.keyboard.press('-')
      await expect.poll(async () => Number(await drawing.getAttribute('data-zoom'))).toBeLessThan(drawnZoom)
      expect(await boardZoom()).toBe(zoomBefore)
      // The whole page one click away, every Zettel in view, and back.
      await preview.getByRole('button', { name: 'Ganze Seite' }).click()
      await expect.poll(async () => (await shownZettel(page)).length).toBe(written)
      await screenshot(page, `versions-preview-whole-${viewport.width}.png`)
      await preview.getByRole('button', { name: 'Lesbar' }).click()
      await expect.poll(async () => (await shownZettel(page)).filter((z) => z.px >= 12).length).toBeGreaterThanOrEqual(3)
      await preview.getByRole('button', { name: 'Schließen' }).click()
      await preview.waitFor({ state: 'detached' })
    }
    expect(problems).toEqual([])
  })

})
