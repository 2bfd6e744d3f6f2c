/**
 * A board at its size limit as a person meets it: the change that would take it over is dropped,
 * the page loads the board again as stored, and the board goes on for everyone (Ben, whose view of
 * it is what the relay holds, is a y-websocket client). A relay of its own: MAX_BOARD_BYTES is its
 * setting, and its log says what it refused.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Browser } from 'playwright-core'
import { boardPageUrl, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'
import { putNote, recordsIn } from '../helpers/records.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { launchBrowser, skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { newPerson, noteTexts, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'
import { toasts } from '../helpers/toasts.ts'

describe.skipIf(skipBrowserTests)('a full board, in the browser', () => {
  let relay: Relay
  let browser: Browser
  const people: Person[] = []
  beforeAll(async () => {
    relay = await startRelay({ env: { MAX_BOARD_BYTES: '20000' } })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const p of people.splice(0)) await p.context.close()
    await browser?.close()
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
  })

  it('drops the note that does not fit: the page loads the board again as stored and stays connected', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(relay, 'Volles Board')
    const anna = await newPerson(browser)
    people.push(anna)
    await openBoardPage(anna.page, boardPageUrl(relay, board, 'participant'))
    const ben = connectClient(relay, board.id, undefined, { token: board.access.participant })
    onTestFinished(() => ben.destroy())
    await whenSynced(ben)
    const bensNotes = () =>
      recordsIn(ben.doc)
        .filter((r) => r.typeName === 'shape' && r.type === 'note')
        .map((r) => plainText((r.props as { richText?: unknown }).richText))
        .sort()
    const addNote = (person: Person, text: string) =>
      person.page.evaluate((text) => {
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
        window.__netzwerkstatt!.editor.createShape({ type: 'note', x: 100, y: 200, props: { richText } })
      }, text)
    putNote(ben.doc, 'ben', 'Idee von Ben')
    await expect.poll(() => noteTexts(anna.page)).toEqual(['Idee von Ben'])

    // Notes of 4,000 characters until the relay refuses one and the page reloads.
    // Each such note takes tldraw about a second to lay out in a headless browser: a few suffice.
    const reloaded = anna.page.waitForEvent('framenavigated', { timeout: hang(60_000) })
    let done = false
    void reloaded.then(() => (done = true))
    for (let i = 0; i < 10 && !done; i++) await addNote(anna, `Notiz ${i} ${'x'.repeat(4000)}`).catch(() => {})
    await reloaded
    await anna.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    // The notice after the reload says why, and stays until closed: with the board's 4,000-character
    // notes to lay out again, a slow page passed a toast's 4 s before it ever drew it.
    const notice = toasts(anna.page, 'Ihre letzte Änderung wurde nicht gespeichert')
    await notice.first().waitFor()
    await screenshot(anna.page, 'board-full-reloaded.png')
    expect(await notice.count()).toBe(1)
    // Anna's page shows the board as stored, which is what Ben gets; the notes that did not fit are gone.
    const stored = bensNotes()
    expect(stored.length).toBeLessThan(11)
    await expect.poll(() => noteTexts(anna.page)).toEqual(stored)
    expect(relay.logs.some((line) => line.includes('"msg":"board full: update refused"'))).toBe(true)
    expect(anna.problems).toEqual([])
  })
})
