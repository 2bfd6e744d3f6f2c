/**
 * A phone in the list („Beitragen“) is someone on the board, in real Chromium against the real
 * relay, with the facilitator's canvas on a laptop (1366 × 768):
 * - the list asks for a name on the first visit; the facilitator's people list shows the person
 *   with the role „Teilnehmende“, no cursor of theirs on the canvas, their Zettel with their name;
 *   the facilitator draws them into a Kleingruppe; the same browser's canvas has the same name
 *   and asks nothing.
 * - in English, „Later“ (Esc) on the canvas keeps a generated name, which counts for the list (not
 *   asked again there), which the Protokoll's „Anwesende übernehmen“ takes in, and which the list
 *   renames, its question in English. („Später“ clicked on the canvas: people.test.ts.)
 * axe finds nothing serious with the question open (in German and English) and after it.
 * A page load costs about two CPU seconds: the two tests share one board (a Planspiel and a
 * Protokoll side by side, as stored updates before any page loads) and its facilitator's page.
 * Five page loads: the facilitator's canvas; per phone, the list and the canvas.
 * Screenshots (ARTIFACTS=1): test/artifacts/beitragen-name-prompt.png, beitragen-named.png,
 * beitragen-person-canvas.png.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { axeFindings } from '../helpers/axe.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { longZettel, noteFits } from '../helpers/listPages.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { templatesSideBySide, writeRecords } from '../helpers/templateBoards.ts'
import { hang } from '../helpers/hang.ts'

const phoneViewport = { width: 390, height: 844 }

describe.skipIf(skipBrowserTests)('Beitragen: the person in the list is present', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })
  const contexts: BrowserContext[] = []
  const problems: string[] = []
  // The board of the first two tests and its facilitator's page, open from one to the next.
  let board: CreatedBoard
  let facilitator: Person
  beforeAll(async () => {
    board = await createBoard(suite.relay, 'Planspiel Nord', { locale: 'de' })
    await writeRecords(suite.relay, board, templatesSideBySide([{ template: 'planspiel' }, { template: 'protokoll', options: { date: '2026-11-25' } }], 'de'))
    facilitator = await suite.person({ keep: true })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
  }, hang(60_000))
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
    expect(problems.splice(0)).toEqual([])
  })

  /** A phone new to the app: never asked for a name, no view chosen (so it gets the list). */
  async function phone(locale = 'de-DE'): Promise<Page> {
    const context = await suite.browser.newContext({ locale, viewport: phoneViewport, hasTouch: true, isMobile: true })
    contexts.push(context)
    await context.addInitScript(() => {
      window.__netzwerkstattTestHooks = true
    })
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
    return context.newPage()
  }

  const listUrl = (board: CreatedBoard, view = 'beitragen') => `${suite.relay.httpUrl}/b/${board.id}?ansicht=${view}#${board.access.participant}`

  /** This browser's tldraw user (id and name), as the canvas would read it. */
  const storedUser = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem('TLDRAW_USER_DATA_v3') ?? 'null') as { user: { id: string; name: string } } | null)?.user ?? null)

  const peopleCount = (page: Page) => page.locator('[data-people-count]').getAttribute('data-people-count')

  /** The texts of the notes lying in a template's cell (by key). */
  const cellTexts = (page: Page, key: string) =>
    page.evaluate((key) => {
      const editor = window.__netzwerkstatt!.editor
      const shapes = editor.getCurrentPageShapes()
      const cell = shapes.find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)
      if (!cell) return []
      const box = editor.getShapePageBounds(cell)!
      return shapes
        .filter((s) => s.type === 'note' && box.containsPoint(editor.getShapePageBounds(s)!.center))
        .map((s) => editor.getShapeUtil(s).getText(s) ?? '')
        .sort()
    }, key)

  it('asks the phone for a name; the facilitator sees the person with role, their Zettel with their name, and draws them into a group', { timeout: hang(120_000) }, async () => {
    const fac = facilitator.page
    const mobile = await phone()
    await mobile.goto(listUrl(board))

    // The question, with the focus in the name field; Enter answers it.
    const dialog = mobile.getByRole('dialog', { name: 'Wie heißen Sie?' })
    await dialog.waitFor({ timeout: hang(20_000) })
    await expect.poll(() => mobile.evaluate(() => (document.activeElement as HTMLInputElement | null)?.autocomplete)).toBe('name')
    await mobile.keyboard.type('Yasemin Kaya')
    await dialog.getByLabel('Organisation (freiwillig)').fill('Jobcenter')
    await screenshot(mobile, 'beitragen-name-prompt.png')
    expect(await axeFindings(mobile)).toEqual([])
    await dialog.getByLabel('Ihr Name').press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await mobile.getByText('Sie schreiben als Yasemin Kaya (Jobcenter)').waitFor()
    await screenshot(mobile, 'beitragen-named.png')
    expect(await axeFindings(mobile)).toEqual([])
    const user = (await storedUser(mobile))!
    expect(user.name).toBe('Yasemin Kaya (Jobcenter)')

    // In the facilitator's people list, as a participant; no cursor of theirs on the canvas.
    await expect.poll(() => peopleCount(fac), { timeout: hang(15_000) }).toBe('2')
    await fac.locator('.tlui-people-menu__avatars-button').click()
    const row = fac.locator(`.nws-person[data-user="user:${user.id}"]`)
    await row.getByText('Yasemin Kaya (Jobcenter)').waitFor()
    expect(await row.locator('.nws-person__access').textContent()).toBe('Teilnehmende')
    // Marked as in the list, with nothing to follow.
    expect(await row.locator('.nws-person__where').textContent()).toBe('in der Liste „Beitragen“')
    expect(await row.locator('.tlui-people-menu__item__follow').isVisible()).toBe(false)
    await screenshot(fac, 'beitragen-person-people-list.png')
    await fac.keyboard.press('Escape')
    expect(await fac.evaluate((id) => window.__netzwerkstatt!.editor.getVisibleCollaboratorsOnCurrentPage().some((c) => c.userId === id), `user:${user.id}`)).toBe(false)
    expect(await fac.locator('.tl-collaborator__cursor').count()).toBe(0)

    // A Zettel from the phone carries the name on the canvas.
    const cell = mobile.locator('.nws-contribute__cell').first()
    await cell.getByRole('textbox').fill('Termine früher absprechen')
    await cell.getByRole('button', { name: 'Zettel anheften' }).click()
    const attribution = () =>
      fac.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === 'Termine früher absprechen')
        if (!note) return 'no note'
        editor.zoomToBounds(editor.getShapePageBounds(note)!, { immediate: true, targetZoom: 1 })
        return editor.getAttributionDisplayName((note.props as { textLastEditedBy: string | null }).textLastEditedBy)
      })
    await expect.poll(attribution, { timeout: hang(10_000) }).toBe('Yasemin Kaya (Jobcenter)')
    await fac.locator('.tl-note__attribution', { hasText: 'Yasemin' }).waitFor()
    // Its words legible too, not drawn at 0 px.
    const label = fac.locator('.tl-note__container .tl-rich-text', { hasText: 'Termine früher absprechen' })
    expect(parseFloat(await label.evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThan(0)
    await fac.evaluate(async () => {
      await document.fonts.ready
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((s) => s.type === 'note')!
      editor.zoomToBounds(editor.getShapePageBounds(note)!.clone().expandBy(200), { immediate: true })
    })
    await screenshot(fac, 'beitragen-person-canvas.png')

    // A long Zettel from the phone fits its note on the canvas, as one written there would: the
    // note grows for its lines and a word longer than a line is set smaller, not spilled or broken.
    const long = longZettel
    await cell.getByRole('textbox').fill(long)
    await cell.getByRole('button', { name: 'Zettel anheften' }).click()
    await expect.poll(() => noteFits(fac, long), { timeout: hang(10_000) }).toBe('fits')
    await screenshot(fac, 'beitragen-long-zettel-canvas.png')

    // The facilitator draws the participants present into a Kleingruppe: the phone is one.
    const panel = await openTemplatesPanel(fac)
    const item = panel.locator('.nws-instance[data-template="planspiel"]')
    await item.getByRole('button', { name: 'Kleingruppe für die Auswertung hinzufügen' }).click()
    await item.getByRole('button', { name: 'Zufällige Kleingruppen bilden' }).click()
    await expect.poll(() => cellTexts(fac, 'smallgroup:g1')).toContain('Yasemin Kaya (Jobcenter)')

    // The same browser's canvas is the same person, and does not ask again.
    await openBoardPage(mobile, listUrl(board, 'tafel'))
    expect(await mobile.evaluate(() => window.__netzwerkstatt!.editor.user.getName())).toBe('Yasemin Kaya (Jobcenter)')
    expect(await mobile.evaluate(() => window.__netzwerkstatt!.editor.user.getId())).toBe(user.id)
    expect(await mobile.getByRole('dialog', { name: 'Wie heißen Sie?' }).count()).toBe(0)
    expect(facilitator.problems).toEqual([])
  })

  it('keeps a generated name after „Later“ (Esc) on the canvas in English: the list takes it and does not ask again, the Protokoll’s attendance takes it in, the list renames', { timeout: hang(120_000) }, async () => {
    const fac = facilitator.page
    const mobile = await phone('en-GB')
    await openBoardPage(mobile, listUrl(board, 'tafel'))
    const asked = mobile.getByRole('dialog', { name: 'What is your name?' })
    await asked.getByLabel('Your name').waitFor({ timeout: hang(20_000) })
    await mobile.keyboard.press('Escape')
    await asked.waitFor({ state: 'detached' })
    const user = (await storedUser(mobile))!
    expect(user.name, 'Esc keeps a generated name').toMatch(/^\S+ \S+$/)

    // The list takes the canvas's name and does not ask again.
    await mobile.goto(listUrl(board))
    await mobile.getByText(`You write as ${user.name}`).waitFor({ timeout: hang(20_000) })
    expect(await mobile.getByRole('dialog').count(), 'the list does not ask again').toBe(0)
    expect(await storedUser(mobile)).toEqual(user)
    expect(await mobile.getByRole('button', { name: 'Change name' }).count()).toBe(1)

    // The Protokoll's „Anwesende übernehmen“ takes in the generated name of the person in the list.
    await expect.poll(() => peopleCount(fac), { timeout: hang(15_000) }).toBe('2')
    const panel = await openTemplatesPanel(fac)
    await panel.locator('.nws-instance[data-template="protokoll"]').getByRole('button', { name: 'Anwesende übernehmen' }).click()
    await expect.poll(() => cellTexts(fac, 'sitzung:cell:sitzung:anwesende'), { message: 'attendance takes in the generated name' }).toContain(user.name)

    // Renaming: the list's question again, in English, from the keyboard; the focus back on the button after.
    const rename = mobile.getByRole('button', { name: 'Change name' })
    await rename.click()
    await asked.getByLabel('Your name').waitFor()
    expect(await axeFindings(mobile), 'axe on the English question').toEqual([])
    await mobile.keyboard.type('Jonas B.')
    await mobile.keyboard.press('Enter')
    await mobile.getByText('You write as Jonas B.').waitFor()
    await expect.poll(() => mobile.evaluate(() => document.activeElement?.textContent)).toBe('Change name')
    expect((await storedUser(mobile))!.name).toBe('Jonas B.')
    expect(facilitator.problems).toEqual([])
  })
})
