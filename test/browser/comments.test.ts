/**
 * Comments in Chromium, between a facilitator and a participant on two pages: a thread on a
 * Zettel, its badge on the other page (tapped on a touchscreen), a reply, the side panel's jump to the Zettel, resolving
 * (the facilitator's only), a comment on a spot from the context menu; an observer on a phone
 * reads it and writes only once allowed.
 * Files: test/artifacts/comments-facilitator-1920.png, comments-participant-1366.png,
 * comments-observer-390.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

const nameAs = (page: Page, name: string) => page.evaluate((name) => window.__netzwerkstatt!.editor.user.updateUserPreferences({ name }), name)

/** Whether the Zettel with this text is selected and inside the view. */
const noteSelectedInView = (page: Page, text: string) =>
  page.evaluate((text) => {
    const editor = window.__netzwerkstatt!.editor
    const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === text)
    if (!note) return false
    const box = editor.getShapePageBounds(note)!
    return editor.getSelectedShapeIds().includes(note.id) && editor.getViewportPageBounds().contains(box)
  }, text)

describe.skipIf(skipBrowserTests)('comments in the browser', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })

  it('a thread between facilitator and participant: badge, reply, jump, resolve; an observer writes only when allowed', { timeout: hang(180_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe', { locale: 'de' })
    const facilitator = await suite.person()
    // A laptop with a touchscreen: the badge is tapped.
    const participant = await suite.person({ viewport: { width: 1366, height: 768 }, device: { hasTouch: true } })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
    await nameAs(facilitator.page, 'Kim (Moderation)')
    await nameAs(participant.page, 'Jörg Weiß')

    // The facilitator writes a Zettel, selects it and comments on it.
    const f = facilitator.page
    await f.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Gemeinsamer Aufnahmebogen' }] }] }
      editor.createShape({ type: 'note', x: 200, y: 200, props: { richText } })
      editor.select(editor.getCurrentPageShapes().find((s) => s.type === 'note')!.id)
      editor.zoomToSelection({ animation: { duration: 0 } })
      editor.zoomOut(undefined, { animation: { duration: 0 } })
    })
    // "Kommentieren" lies in the panel: the selection stays while it opens.
    await f.getByRole('button', { name: 'Kommentare' }).click()
    await f.getByRole('button', { name: 'Kommentieren' }).click()
    await f.getByRole('textbox', { name: 'Ihr Kommentar' }).fill('Wer pflegt den Bogen nach der Sitzung?')
    await f.getByRole('button', { name: 'Senden' }).click()
    await f.locator('.nws-comment-thread[data-thread]').getByText('Wer pflegt den Bogen nach der Sitzung?').waitFor()

    // The participant sees a badge on the Zettel and opens the thread from it.
    const p = participant.page
    const badge = p.locator('[data-comment-badge]')
    await expect.poll(() => badge.textContent(), { timeout: hang(20_000) }).toBe('1')
    await badge.tap()
    const thread = p.locator('.nws-comment-thread[data-thread]')
    await thread.getByText('Kim (Moderation)').waitFor()
    expect(await thread.textContent()).toContain('zu „Gemeinsamer Aufnahmebogen“')
    // Not theirs to resolve, edit or delete.
    expect(await p.locator('[data-comment-resolve]').count()).toBe(0)
    expect(await thread.getByRole('button', { name: 'Bearbeiten' }).count()).toBe(0)
    await thread.getByRole('textbox', { name: 'Antworten' }).fill('Ich, ab März.')
    await thread.getByRole('button', { name: 'Antworten' }).click()
    // Their own reply they edit.
    const ownId = await thread.locator('.nws-comment').filter({ hasText: 'Ich, ab März.' }).getAttribute('data-comment')
    const own = thread.locator(`[data-comment="${ownId}"]`)
    await own.getByRole('button', { name: 'Bearbeiten' }).click()
    await own.getByRole('textbox').fill('Ich, ab März, mit Frau Öztürk.')
    await own.getByRole('button', { name: 'Speichern' }).click()

    // The facilitator sees the reply, edited, and the badge counts both.
    await f.locator('.nws-comment').filter({ hasText: 'Ich, ab März, mit Frau Öztürk.' }).getByText('Jörg Weiß').waitFor()
    await expect.poll(() => f.locator('[data-comment-badge]').textContent()).toBe('2')
    await screenshot(f, 'comments-facilitator-1920.png')

    // The participant looks elsewhere; the panel's "Zeigen" brings the Zettel back, selected.
    await p.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.selectNone()
      editor.setCamera({ x: -20_000, y: -20_000, z: 1 })
    })
    expect(await noteSelectedInView(p, 'Gemeinsamer Aufnahmebogen')).toBe(false)
    await thread.locator('[data-comment-jump]').click()
    await expect.poll(() => noteSelectedInView(p, 'Gemeinsamer Aufnahmebogen')).toBe(true)
    await screenshot(p, 'comments-participant-1366.png')

    // An observer on a phone reads the thread but writes nothing until the facilitator allows it.
    const observer = await suite.person({ viewport: { width: 390, height: 844 } })
    const o = observer.page
    await openBoardPage(o, boardPageUrl(suite.relay, board, 'observer'))
    await o.locator('[data-comments-toggle]').click()
    await o.locator('.nws-comment').getByText('Ich, ab März, mit Frau Öztürk.').waitFor()
    expect(await o.locator('[data-comment-add]').count()).toBe(0)
    expect(await o.getByRole('textbox', { name: 'Antworten' }).count()).toBe(0)
    await o.getByText('Nur ansehen – mit diesem Link lässt sich nichts ändern').waitFor()
    await f.getByRole('checkbox', { name: 'Link „Nur ansehen“ darf kommentieren' }).check()
    await o.getByText('Nur ansehen – mit diesem Link lassen sich nur Kommentare schreiben').waitFor()
    await o.locator('[data-comment-add]').waitFor()
    await o.getByRole('textbox', { name: 'Antworten' }).fill('Danke, ich gebe es weiter.')
    await o.getByRole('button', { name: 'Antworten' }).click()
    await f.locator('.nws-comment').getByText('Danke, ich gebe es weiter.').waitFor()
    await screenshot(o, 'comments-observer-390.png')

    // The facilitator resolves: the badge goes, the thread folds away for everyone.
    await f.locator('[data-comment-resolve]').click()
    await expect.poll(() => p.locator('[data-comment-badge]').count()).toBe(0)
    await p.getByText('3 erledigte Kommentare').waitFor()

    // A place: the participant right-clicks an empty spot and comments there.
    await p.evaluate(() => {
      window.__netzwerkstatt!.editor.selectNone()
    })
    await p.mouse.click(1200, 600, { button: 'right' })
    await p.getByRole('menuitem', { name: 'Kommentieren' }).click()
    await p.getByRole('textbox', { name: 'Ihr Kommentar' }).fill('Hier fehlt noch das Jugendamt.')
    await p.getByRole('button', { name: 'Senden' }).click()
    const place = f.locator('.nws-comment-thread[data-thread]').filter({ hasText: 'Hier fehlt noch das Jugendamt.' })
    await place.waitFor()
    expect(await place.textContent()).toContain('zu einer Stelle auf „Seite 1“')
    for (const person of [facilitator, participant, observer]) expect(person.problems).toEqual([])
  })

  it("on a tablet, the whole of the facilitator's Kommentare button takes a tap, under the wrapped top bar", { timeout: hang(60_000) }, async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe Frühe Hilfen', { locale: 'de' })
    const { page, problems } = await suite.person({ viewport: { width: 820, height: 1180 } })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await page.getByRole('button', { name: 'Kommentare' }).click()
    await page.getByRole('button', { name: 'Kommentieren' }).click()
    await page.getByRole('textbox', { name: 'Ihr Kommentar' }).fill('Wer lädt ein?')
    await page.getByRole('button', { name: 'Senden' }).click()
    const toggle = page.locator('[data-comments-toggle]')
    await expect.poll(() => toggle.textContent()).toBe('Kommentare 1')
    await toggle.click()
    await page.locator('.nws-comments').waitFor({ state: 'hidden' })
    // Its right edge, where the wrapped top bar's second row reached.
    const box = (await toggle.boundingBox())!
    await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2)
    await page.locator('.nws-comments').waitFor()
    await screenshot(page, 'comments-facilitator-820.png')
    expect(problems).toEqual([])
  })
})
