/**
 * The network between meetings on the Fahrplan in Chromium, against the real relay: a coordinator
 * opens the Fahrplan (the first visit is remembered, what is due shows at once), others write on
 * two boards with real clients, and on her next visit the Fahrplan says what is new, per board.
 * She searches the whole network, internal board included, and a result opens its board and
 * shows the Zettel there. At 1366 and 390 px.
 * Screenshots: test/artifacts/between-{1366,390}.png, between-search-{1366,390}.png, between-shown.png.
 */
import type { TLShape } from '@tldraw/tlschema'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { localDay } from '../../shared/templates/dates.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite } from '../helpers/boardPages.ts'
import { connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'

describe.skipIf(skipBrowserTests)('the network between meetings on the Fahrplan', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)

  /** Writes with a real client and waits until a second one has it: the relay has it. */
  async function write(boardId: string, notes: (doc: Y.Doc) => TLShape[]) {
    const writer = connectClient(suite.relay, boardId, new Y.Doc())
    const reader = connectClient(suite.relay, boardId, new Y.Doc())
    try {
      await whenSynced(writer)
      const written = notes(writer.doc)
      putRecords(writer.doc, written)
      await whenSynced(reader)
      await until(reader.doc, () => written.every((note) => reader.doc.getMap('tldraw').has(note.id)))
      return written
    } finally {
      writer.destroy()
      reader.destroy()
    }
  }
  const inCell = (doc: Y.Doc, cellKey: string, text: string) => {
    const cell = recordsIn<TLShape>(doc).find((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)!.key.endsWith(cellKey))!
    const { w, h } = cell.props as { w: number; h: number }
    return noteAt(cell.x + w / 2, cell.y + h / 2, text)
  }

  async function network() {
    const created = await createNetwork('Netzwerk Frühe Hilfen Süd')
    const gruendung = await createBoard(suite.relay, 'Gründungsveranstaltung', { template: 'gruendungsveranstaltung' })
    const analyse = await createBoard(suite.relay, 'Beteiligtenanalyse', { template: 'beteiligtenanalyse' })
    const treffen = await createBoard(suite.relay, 'Netzwerktreffen Mai')
    expect((await addBoard(created, analyse, 'vorStart', true)).status).toBe(201)
    expect((await addBoard(created, gruendung, 'gruendung')).status).toBe(201)
    expect((await addBoard(created, treffen, 'gruendung')).status).toBe(201)
    const due = localDay(new Date(Date.now() + 4 * 86_400_000)).split('-').reverse().join('.')
    await write(gruendung.id, (doc) => [
      inCell(doc, ':n1:was', 'Einladung an alle Kitas verschicken'),
      inCell(doc, ':n1:wer', 'Frau Yilmaz'),
      inCell(doc, ':n1:bisWann', due),
    ])
    return { created, gruendung, analyse, treffen }
  }

  const since = (page: Page) => page.getByRole('region', { name: 'Seit Ihrem letzten Besuch' })

  for (const width of [1366, 390]) {
    it(`at ${width} px: what changed since the last visit, and a search over every board that opens the Zettel found`, { timeout: 180_000 }, async () => {
      const { created, analyse, treffen } = await network()
      const { page } = await suite.person({ viewport: { width, height: width === 390 ? 844 : 768 } })

      // The first visit: nothing to compare with yet; what is due shows already.
      await page.goto(`${suite.relay.httpUrl}${created.link}`)
      await since(page).getByText('Dieses Gerät merkt sich ab jetzt').waitFor()
      await since(page).getByText(/bis \d\d\.\d\d\.\d{4} Einladung an alle Kitas verschicken – Frau Yilmaz · Gründungsveranstaltung/).waitFor()

      // Between meetings others write: two Zettel on the Netzwerktreffen, one on the internal board.
      const written = await write(treffen.id, () => [noteAt(0, 0, 'Familienhebamme kommt zum nächsten Treffen'), noteAt(300, 0, 'Raum im Familienzentrum reserviert')])
      await write(analyse.id, () => [noteAt(0, 0, 'Familienhebamme: wichtig, aber überlastet')])

      // The next visit says what is new, per board, with links to them.
      await page.reload()
      const summary = since(page).locator('.nws-since__summary')
      await expect.poll(() => summary.innerText()).toMatch(/^3 neue Zettel auf 2 Boards seit \d\d\.\d\d\.\d{4}, \d\d:\d\d\.$/)
      expect(await since(page).locator('.nws-since__boards li').allInnerTexts()).toEqual(['Beteiligtenanalyse 1 neuer Zettel', 'Netzwerktreffen Mai 2 neue Zettel'])
      expect(await since(page).getByRole('link', { name: 'Netzwerktreffen Mai' }).getAttribute('href')).toBeTruthy()
      await screenshot(page, `between-${width}.png`)

      // One search over the network: both boards, the internal one marked, the words found marked.
      const search = page.getByRole('search', { name: 'Im ganzen Netzwerk suchen' })
      await search.getByRole('searchbox', { name: 'Im ganzen Netzwerk suchen' }).fill('familienhebamme')
      await search.getByRole('searchbox').press('Enter')
      await expect.poll(() => search.getByRole('status').innerText()).toBe('2 Treffer auf 2 Boards.')
      const boards = search.locator('.nws-network-search__board')
      expect(await boards.evaluateAll((els) => els.map((el) => el.getAttribute('data-board')))).toEqual([analyse.id, treffen.id])
      await boards.first().getByText('intern', { exact: true }).waitFor()
      expect(await search.locator('mark').allInnerTexts()).toEqual(['Familienhebamme', 'Familienhebamme'])
      await search.evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await screenshot(page, `between-search-${width}.png`)

      // A result opens its board and shows the Zettel there, selected.
      await boards.nth(1).getByRole('link', { name: /Familienhebamme kommt zum nächsten Treffen/ }).click()
      await page.waitForURL(new RegExp(`/b/${treffen.id}`))
      await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
      await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds()), { timeout: 20_000 }).toEqual([written[0]!.id])
      if (width === 1366) await screenshot(page, 'between-shown.png')
    })
  }
})
