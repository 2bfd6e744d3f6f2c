/**
 * Between sessions, the five parts of issue 30 together, as a steering group uses them in German:
 * the facilitator brings a 3-page PDF; a participant puts a Zettel on its page 2 and comments on
 * it; the facilitator finds the comment by a word typed without its umlaut, goes there, replies
 * and resolves; a round of two groups with the Planspiel, the two put in their groups by the
 * facilitator, written in and collected back; a participant who left comes back and is told what
 * changed. (Joining a group by its code costs two page loads, the join page and the board:
 * test/browser/smallGroups.test.ts shows it.) Ayşe's first look at the document, before the
 * others write, is not the subject: it is what her browser kept of it (the board as the relay
 * holds it then, written before her first page loads, as test/browser/sinceLastVisit.test.ts
 * does); that a first visit says nothing is sinceLastVisit.test.ts's. Five page loads: the
 * facilitator's, Jörg's two tabs, Ayşe's page in her group and on her return.
 * With ARTIFACTS=1 every step is photographed at 1920×1080 (projector), 1366×768 and 390 px
 * (phone): test/artifacts/between-<step>-<width>.png. What it found: on a phone the comments panel lay
 * under tldraw's undo row; a Zettel or comment written in another tab of the same browser was
 * "new since the last visit"; with every comment resolved the panel said "0 Kommentare".
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { clippedText } from '../helpers/axe.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { artifactsAsked, screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, chooseFromMainMenu, noteTexts, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { recordsIn } from '../helpers/records.ts'
import { sinceKey } from '../../client/sinceMemory.ts'
import { seenNow } from '../../shared/board/changesSince.ts'
import { chooseDocument, embeddedFont, importFinished, numberedPdf } from '../helpers/pdfFiles.ts'
import { hang } from '../helpers/hang.ts'

const sizes = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]

/** The page at one size, once the editor has taken it. */
async function resize(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size)
  await page.waitForFunction((w) => window.__netzwerkstatt!.editor.getViewportScreenBounds().w === w, size.width)
}

/** Screenshots of `page` at the three sizes, back at its own size after; without ARTIFACTS=1 none, and no resizing for them. */
async function shots(page: Page, step: string) {
  if (!artifactsAsked) return
  const own = page.viewportSize()!
  for (const size of sizes) {
    await resize(page, size)
    await screenshot(page, `between-${step}-${size.width}.png`)
  }
  await resize(page, own)
}

/** The dock's buttons whose boxes overlap another's. */
const overlappingButtons = (page: Page) =>
  page.evaluate(() => {
    const buttons = [...document.querySelectorAll<HTMLElement>('.nws-facilitation-button')].filter((b) => b.offsetParent !== null)
    const boxes = buttons.map((b) => ({ name: b.textContent?.trim() ?? '', box: b.getBoundingClientRect() }))
    const found: string[] = []
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (a.box.left < b.box.right - 1 && b.box.left < a.box.right - 1 && a.box.top < b.box.bottom - 1 && b.box.top < a.box.bottom - 1) found.push(`${a.name} × ${b.name}`)
    return found
  })

/** The Zettel on the document's page 2: their texts. */
const zettelOnPage2 = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const frame = editor.getCurrentPageShapes().find((s) => s.type === 'frame')
    if (!frame) return []
    const images = editor.getSortedChildIdsForParent(frame.id).map((id) => editor.getShape(id)!).filter((s) => s.type === 'image')
    const box = images[1] && editor.getShapePageBounds(images[1])
    if (!box) return []
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note' && box.containsPoint(editor.getShapePageBounds(s)!.center))
      .map((s) => editor.getShapeUtil(s).getText(s) ?? '')
  })

/** Whether a click at the middle of the element (scrolled into its panel's view) reaches it, not something drawn over it. */
const reachable = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    el.scrollIntoView({ block: 'nearest' })
    const r = el.getBoundingClientRect()
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    return hit !== null && el.contains(hit)
  })

const nameAs = (page: Page, name: string) => page.evaluate((name) => window.__netzwerkstatt!.editor.user.updateUserPreferences({ name }), name)

describe.skipIf(skipBrowserTests)('between sessions: a document, comments, search, small groups, since the last visit', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })

  it('a steering group works on a document between sessions and in small groups; who left is told what changed', { timeout: hang(600_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Frühe Hilfen', { locale: 'de' })
    const facilitator = await suite.person()
    const joerg = await suite.person({ viewport: { width: 1366, height: 768 } })
    const ayse = await suite.person({ viewport: { width: 390, height: 844 } })
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))
    await nameAs(f, 'Kim (Moderation)')

    // 1. The facilitator brings the draft agreement.
    await chooseDocument(f, 'Kooperationsvereinbarung.pdf', await numberedPdf(3, { font: embeddedFont }))
    await importFinished(f, 'Kooperationsvereinbarung')
    await f.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
    await f.waitForFunction(() => [...document.querySelectorAll('.tl-image')].length === 3 && [...document.querySelectorAll('.tl-image')].every((img) => (img as HTMLImageElement).complete), null, { timeout: hang(60_000) })
    await shots(f, '1-document')
    expect(await overlappingButtons(f)).toEqual([])

    // Ayşe looks at it on her phone, then leaves: her browser keeps the board as it is now (what
    // her page would keep of the visit, `client/board/sinceLastVisit.ts`), written before her next page loads.
    const ayseUrl = boardPageUrl(suite.relay, board, 'participant')
    const looking = connectClient(suite.relay, board.id, undefined, { token: board.access.participant })
    try {
      await whenSynced(looking)
      await until(looking.doc, () => recordsIn(looking.doc).filter((r) => r.typeName === 'shape' && r.type === 'image').length === 3)
      const visit = { key: sinceKey(board.id), value: JSON.stringify({ seen: Buffer.from(seenNow(looking.doc)).toString('base64') }) }
      await ayse.context.addInitScript(({ key, value }) => {
        // Also runs in frames without storage (about:blank): nothing to do there.
        try {
          if (!localStorage.getItem(key)) localStorage.setItem(key, value)
        } catch {}
      }, visit)
    } finally {
      looking.destroy()
    }
    await ayse.page.close()

    // 2. Jörg puts a Zettel on page 2 and comments on it.
    const j = joerg.page
    await openBoardPage(j, boardPageUrl(suite.relay, board, 'participant'))
    await nameAs(j, 'Jörg Weiß')
    await expect.poll(() => j.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().filter((s) => s.type === 'image').length), { timeout: hang(20_000) }).toBe(3)
    const page2 = await j.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.zoomToFit({ animation: { duration: 0 } })
      const frame = editor.getCurrentPageShapes().find((s) => s.type === 'frame')!
      const image = editor.getSortedChildIdsForParent(frame.id).map((id) => editor.getShape(id)!).filter((s) => s.type === 'image')[1]!
      return editor.pageToScreen(editor.getShapePageBounds(image)!.center)
    })
    await j.keyboard.press('n')
    await j.mouse.click(page2.x, page2.y)
    await j.locator('[contenteditable="true"][role="textbox"]').waitFor()
    await j.keyboard.type('Wer lädt ein?')
    await j.keyboard.press('Escape')
    await expect.poll(() => zettelOnPage2(f), { timeout: hang(20_000) }).toEqual(['Wer lädt ein?'])
    // The Zettel is selected after writing; comment on it.
    await j.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.select(editor.getCurrentPageShapes().find((s) => s.type === 'note')!.id)
    })
    await j.getByRole('button', { name: 'Kommentare' }).click()
    await j.locator('[data-comment-add]').click()
    await j.getByRole('textbox', { name: 'Ihr Kommentar' }).fill('Die Übergabe an die Kita fehlt in § 3.')
    await j.getByRole('button', { name: 'Senden' }).click()
    await j.locator('.nws-comment-thread[data-thread]').getByText('Die Übergabe an die Kita fehlt in § 3.').waitFor()
    await shots(j, '2-comment')
    expect(await overlappingButtons(j)).toEqual([])

    // Escape in the comment panel closes it.
    await j.getByRole('textbox', { name: 'Antworten' }).click()
    await j.keyboard.press('Escape')
    await expect.poll(() => j.locator('section.nws-comments').count()).toBe(0)

    // 3. The facilitator searches for "Ubergabe", typed without its umlaut, goes there, replies, resolves.
    await f.mouse.click(960, 540)
    await f.keyboard.press('Escape')
    await f.keyboard.press('Control+f')
    await f.keyboard.type('ubergabe')
    const search = f.getByRole('search', { name: 'Suche auf dem Board' })
    await expect.poll(() => search.getByRole('status').textContent(), { timeout: hang(20_000) }).toBe('1 Treffer')
    const hit = search.getByRole('list', { name: 'Treffer' }).getByRole('listitem').first()
    expect(await hit.textContent()).toContain('Kommentar von Jörg Weiß')
    expect(await hit.locator('mark').allTextContents()).toEqual(['Übergabe'])
    await f.keyboard.press('Enter')
    await expect.poll(() => f.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapes().map((s) => window.__netzwerkstatt!.editor.getShapeUtil(s).getText(s)))).toEqual(['Wer lädt ein?'])
    await cameraAtRest(f)
    await shots(f, '3-search')
    expect(await overlappingButtons(f)).toEqual([])
    expect(await clippedText(f, '.nws-search')).toEqual([])
    await f.keyboard.press('Escape')
    await expect.poll(() => search.count()).toBe(0)

    // The badge on the Zettel opens its thread.
    const badge = f.locator('[data-comment-badge]')
    await expect.poll(() => badge.textContent()).toBe('1')
    await badge.click()
    const thread = f.locator('.nws-comment-thread[data-thread]').filter({ hasText: 'Die Übergabe an die Kita fehlt in § 3.' })
    await thread.getByRole('textbox', { name: 'Antworten' }).fill('Nehme ich für die nächste Fassung auf.')
    // Ctrl+F in the reply field stays the browser's, as in every panel's text field; the draft stays.
    await thread.getByRole('textbox', { name: 'Antworten' }).focus()
    await f.keyboard.press('Control+f')
    await shots(f, '3-ctrlf-in-comment')
    expect(await f.getByRole('searchbox', { name: 'Auf dem Board suchen' }).count()).toBe(0)
    expect(await thread.getByRole('textbox', { name: 'Antworten' }).inputValue()).toBe('Nehme ich für die nächste Fassung auf.')
    await thread.getByRole('button', { name: 'Antworten' }).click()
    await f.locator('.nws-comment').filter({ hasText: 'Nehme ich für die nächste Fassung auf.' }).waitFor()
    await shots(f, '3-reply')
    // On a phone the panel's buttons lie clear of the tools at the bottom.
    await resize(f, sizes[2]!)
    for (const selector of ['[data-comment-resolve]', '.nws-comments .nws-comment-form button[type="submit"]', '[data-comment-jump]']) {
      expect({ selector, reachable: await reachable(f, selector) }).toEqual({ selector, reachable: true })
    }
    await resize(f, sizes[0]!)
    await expect.poll(() => j.locator('[data-comment-badge]').textContent(), { timeout: hang(20_000) }).toBe('2')
    await f.locator('[data-comment-resolve]').click()
    await expect.poll(() => j.locator('[data-comment-badge]').count(), { timeout: hang(20_000) }).toBe(0)
    await f.getByText('2 erledigte Kommentare').waitFor()
    // No open comment left: the heading does not say "0 Kommentare" over "Noch keine offenen Kommentare".
    expect(await f.locator('.nws-comments h2').innerText()).toBe('Kommentare')
    await shots(f, '3-resolved')

    // 4. A round of two groups with the Planspiel. Jörg opens the board in a new tab, Ayşe hers on
    // the phone, and the facilitator puts each in a group by name, so that their pages go there
    // (joining by a group's code, which costs a page more each: smallGroups.test.ts).
    await f.locator('.nws-comments').getByRole('button', { name: 'Kommentare schließen' }).click()
    const jg = await joerg.context.newPage()
    const ag = await ayse.context.newPage()
    for (const page of [jg, ag]) await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await nameAs(ag, 'Ayşe Demir')
    await chooseFromMainMenu(f, 'Kleingruppen …')
    await f.getByLabel('Anzahl der Gruppen').selectOption('2')
    await f.getByLabel('Name von Gruppe 1').fill('Jugendhilfe')
    await f.getByLabel('Name von Gruppe 2').fill('Gesundheit')
    await f.getByLabel('Vorlage für jede Gruppe').selectOption('planspiel')
    const who = f.locator('.nws-groups-person')
    await who.filter({ hasText: 'Jörg Weiß' }).locator('select').selectOption({ label: 'Jugendhilfe' })
    await who.filter({ hasText: 'Ayşe Demir' }).locator('select').selectOption({ label: 'Gesundheit' })
    await shots(f, '4-groups-form')
    await f.getByRole('button', { name: 'Gruppen starten' }).click()
    const codes = f.locator('[data-group-code]')
    await expect.poll(() => codes.count(), { timeout: hang(20_000) }).toBe(2)
    await shots(f, '4-groups-panel')
    expect(await overlappingButtons(f)).toEqual([])
    await f.getByRole('button', { name: 'Codes zeigen' }).click()
    await f.locator('.nws-groups-codes .nws-qr').nth(1).waitFor()
    await shots(f, '4-groups-codes')
    await f.locator('.nws-groups-codes').getByRole('button', { name: 'Schließen' }).click()

    // Each lands on their group's page and writes a Zettel there.
    const members: Array<[Page, string]> = [
      [jg, 'Jugendhilfe'],
      [ag, 'Gesundheit'],
    ]
    for (const [page, group] of members) {
      await page.bringToFront()
      await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name), { timeout: hang(20_000) }).toBe(group)
      const viewport = page.viewportSize()!
      await page.keyboard.press('Escape')
      await page.keyboard.press('n')
      await page.mouse.click(viewport.width / 2, viewport.height * 0.6)
      await page.locator('[contenteditable="true"][role="textbox"]').waitFor()
      await page.keyboard.type(`Ergebnis ${group}`)
      await page.keyboard.press('Escape')
      await expect.poll(() => noteTexts(page)).toEqual([`Ergebnis ${group}`])
    }
    // Jörg's own Zettel and comment, written in his other tab, are not news to him.
    await jg.locator('[data-since="nothing-new"], .nws-since').first().waitFor({ state: 'attached', timeout: hang(20_000) })
    if (await jg.locator('.nws-since').count()) {
      await jg.locator('.nws-since').getByRole('button', { name: 'Zeigen' }).click()
      const items = await jg.locator('.nws-since__item').allInnerTexts()
      expect(items.filter((item) => item.includes('Wer lädt ein?'))).toEqual([])
      // His comment is there only as changed: Kim marked it as done.
      for (const item of items.filter((item) => item.includes('Übergabe an die Kita'))) expect(item).toContain('Kommentar geändert')
    }
    await shots(jg, '4-member-jg')
    await shots(ag, '4-member-ag')
    expect(await overlappingButtons(ag)).toEqual([])
    // Ayşe leaves before the groups come back, once her Zettel is on the facilitator's page, which
    // collects the groups' results (under a whole run's load, it once came back without it).
    const onFacilitatorsPage = (text: string) =>
      f.evaluate((text) => {
        const editor = window.__netzwerkstatt!.editor
        return editor.store.allRecords().some((r) => r.typeName === 'shape' && r.type === 'note' && editor.getShapeUtil(r).getText?.(r) === text)
      }, text)
    await expect.poll(() => onFacilitatorsPage('Ergebnis Gesundheit'), { timeout: hang(20_000) }).toBe(true)
    await ag.close()

    await f.getByRole('button', { name: 'Zurückholen' }).click()
    await expect.poll(() => f.locator('[data-group-round]').count(), { timeout: hang(20_000) }).toBe(0)
    await f.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.setCurrentPage(editor.getPages()[0]!.id)
      editor.zoomToFit({ animation: { duration: 0 } })
    })
    await shots(f, '4-collected')

    // Jörg asks one more question on the document while Ayşe is away, back in his first tab
    // (a tab in the background gets no animation frames: what he does there would crawl).
    await j.bringToFront()
    await j.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.setCurrentPage(editor.getPages()[0]!.id)
      editor.select(editor.getCurrentPageShapes().find((s) => s.type === 'note')!.id)
    })
    await j.getByRole('button', { name: 'Kommentare' }).click()
    await j.locator('[data-comment-add]').click()
    await j.getByRole('textbox', { name: 'Ihr Kommentar' }).fill('Und wer schreibt das Protokoll?')
    await j.getByRole('button', { name: 'Senden' }).click()
    await expect.poll(() => f.locator('[data-comment-badge]').textContent(), { timeout: hang(20_000) }).toBe('1')

    // 5. Ayşe comes back on her phone and is told what changed.
    const back = await ayse.context.newPage()
    await openBoardPage(back, ayseUrl)
    const notice = back.locator('.nws-since')
    await notice.waitFor({ timeout: hang(20_000) })
    const summary = await notice.locator('.nws-since__summary').innerText()
    await shots(back, '5-since')
    await notice.getByRole('button', { name: 'Zeigen' }).click()
    await shots(back, '5-since-list')
    expect(summary).toMatch(/^Seit Ihrem letzten Besuch: /)
    // The two comments she was shown in her group and did not look at, and the one since.
    expect(summary).toContain('3 neue Kommentare')
    const labels = await notice.locator('.nws-since__label').allInnerTexts()
    expect(labels).toContain('Und wer schreibt das Protokoll?')
    expect(labels).toContain('Ergebnis Jugendhilfe')
    // What she wrote herself in her group is not news to her; its copy in the plenary is.
    const items = await notice.locator('.nws-since__item').allInnerTexts()
    expect(items.filter((item) => item.includes('Ergebnis Gesundheit')).map((item) => item.split('\n').at(-1))).toEqual(['neu · Seite „Seite 1“'])
    expect(await clippedText(back, '.nws-since')).toEqual([])

    for (const person of [facilitator, joerg, ayse]) expect(person.problems).toEqual([])
  })
})
