/**
 * No word lost in the room: a double-click that lands on a Zettel opens it with the caret at the
 * end, never with its text selected for the next keystrokes to replace; and while „Zettel anderer
 * schützen“ is on, another person's Zettel does not open at all: the double-click writes a new
 * Zettel, in the cell or beside it. Two people changing one Zettel's text while offline both
 * keep their words, and the author of a Zettel brings back the text someone wrote over (the last
 * two on one board, three people on it, a Zettel each). Screenshots: test/artifacts/words-kept-protected.png, words-kept-offline.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Box } from '../../shared/templates/geometry.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'

interface NoteOnPage {
  id: string
  text: string
  author: unknown
  box: Box
}

const notes = (page: Page): Promise<NoteOnPage[]> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note')
      .map((s) => {
        const b = editor.getShapePageBounds(s)!
        return { id: s.id, text: editor.getShapeUtil(s).getText(s) ?? '', author: (s.meta as { author?: unknown }).author, box: { x: b.x, y: b.y, w: b.w, h: b.h } }
      })
  })

/** The page boxes of the template's cells, in the order the board holds them. */
const cells = (page: Page): Promise<Box[]> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'cell')
      .map((s) => {
        const b = editor.getShapePageBounds(s)!
        return { x: b.x, y: b.y, w: b.w, h: b.h }
      })
  })

const fitAll = (page: Page) =>
  page.evaluate(() => {
    window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } })
  })

/**
 * Double-clicks a page point, types once the caret shows (as a person sees it; a loaded machine
 * can take longer to open a Zettel than a person takes to start typing), and leaves the text.
 */
async function doubleClickAndType(page: Page, point: { x: number; y: number }, text: string) {
  const at = await page.evaluate((point) => window.__netzwerkstatt!.editor.pageToScreen(point), point)
  await page.mouse.dblclick(at.x, at.y)
  await page.waitForFunction(() => window.__netzwerkstatt!.editor.getRichTextEditor()?.isFocused === true)
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

const centre = (box: Box) => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 })
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const inside = (inner: Box, outer: Box) => inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.w <= outer.x + outer.w + 0.5 && inner.y + inner.h <= outer.y + outer.h + 0.5

describe.skipIf(skipBrowserTests)('no word lost to a double-click', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })

  it("her own Zettel opens with the caret at its end and a cell's free part takes a new one; under protection, another person's Zettel changes nothing of it and a new one is written", { timeout: hang(120_000) }, async () => {
    const board = await createBoard(suite.relay, 'Beteiligte Landkreis', { template: 'beteiligtenanalyse', locale: 'de' })
    const [anna, ben] = [await suite.person(), await suite.person()]
    for (const p of [anna, ben]) {
      await openBoardPage(p.page, boardPageUrl(suite.relay, board, 'participant'))
      await fitAll(p.page)
    }
    const boxes = await cells(anna.page)
    const [cell] = boxes
    await doubleClickAndType(anna.page, centre(cell), 'Kooperationsvereinbarung')

    // Her own Zettel in three more cells, in each cell's first slot; a double-click on each adds
    // to its end (tldraw selected all, and the next keystroke replaced it: 157 double-clicks had
    // replaced 15 texts), and one in the cell's free corner writes a new Zettel there. Where a
    // double-click lands in every kind of cell: test/unit/templates/noteSlots.test.ts.
    const own = boxes.slice(1, 4)
    await anna.page.evaluate((own) => {
      const editor = window.__netzwerkstatt!.editor
      own.forEach((box, i) => {
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Zettel ${i}` }] }] }
        editor.createShape({ type: 'note', x: box.x + 4, y: box.y + box.h / 2 - 20, props: { richText } })
      })
    }, own)
    await expect.poll(async () => (await notes(anna.page)).length).toBe(1 + own.length)
    for (const [i, box] of own.entries()) {
      const mine = (await notes(anna.page)).find((n) => n.text === `Zettel ${i}`)!
      await doubleClickAndType(anna.page, centre(mine.box), '+')
      const corner = { x: box.x + box.w - 12, y: box.y + box.h - 12 }
      expect(inside({ ...corner, w: 0, h: 0 }, mine.box), `cell ${i + 1}: its free corner lies off the Zettel`).toBe(false)
      await doubleClickAndType(anna.page, corner, `neu ${i}`)
      const now = await notes(anna.page)
      expect(now.find((n) => n.id === mine.id)?.text, `cell ${i + 1}: her Zettel after a double-click on it`).toBe(`Zettel ${i}+`)
      const fresh = now.find((n) => n.text === `neu ${i}`)
      expect(fresh && inside(fresh.box, box) && !overlaps(fresh.box, mine.box), `cell ${i + 1}: the new Zettel in the free part, ${JSON.stringify({ fresh, box })}`).toBe(true)
    }
    const annasOwn = own.flatMap((_, i) => [`Zettel ${i}+`, `neu ${i}`])

    // And one outside every cell, below the template.
    const below = await anna.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageBounds()!.maxY + 60)
    await anna.page.evaluate((y) => {
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Parkplatz' }] }] }
      window.__netzwerkstatt!.editor.createShape({ type: 'note', x: 0, y, props: { richText } })
    }, below)
    await expect.poll(() => noteTexts(ben.page)).toEqual(['Kooperationsvereinbarung', 'Parkplatz', ...annasOwn].sort())
    await fitAll(ben.page)
    const annas = await notes(ben.page)
    const [inCell, outside] = ['Kooperationsvereinbarung', 'Parkplatz'].map((text) => annas.find((n) => n.text === text)!)

    await doubleClickAndType(ben.page, centre(inCell.box), 'Bens Gedanke')
    await doubleClickAndType(ben.page, centre(outside.box), 'Bens Parkplatz')
    // Selected and Enter, the other way into a Zettel: it stays closed.
    await ben.page.evaluate((id) => {
      window.__netzwerkstatt!.editor.select(id as never)
    }, inCell.id)
    await ben.page.keyboard.press('Enter')
    await ben.page.keyboard.type('weg')
    await ben.page.keyboard.press('Escape')

    const expected = ['Bens Gedanke', 'Bens Parkplatz', 'Kooperationsvereinbarung', 'Parkplatz', ...annasOwn].sort()
    for (const p of [anna, ben]) await expect.poll(() => noteTexts(p.page)).toEqual(expected)
    const after = await notes(anna.page)
    for (const original of [inCell, outside]) expect(after.find((n) => n.id === original.id)).toMatchObject({ text: original.text, author: original.author })
    const bens = after.filter((n) => n.text.startsWith('Bens'))
    expect(bens.every((n) => n.author !== inCell.author)).toBe(true)
    // The new Zettel lies in the cell beside Anna's, and the other beside hers outside, covering neither.
    const bensInCell = bens.find((n) => n.text === 'Bens Gedanke')!
    expect(inside(bensInCell.box, cell), JSON.stringify({ bensInCell, cell })).toBe(true)
    for (const ours of bens) for (const theirs of [inCell, outside]) expect(overlaps(ours.box, theirs.box)).toBe(false)
    await screenshot(ben.page, 'words-kept-protected.png')
    for (const p of [anna, ben]) expect(p.problems).toEqual([])
  })

  // Anna, Ben and the facilitator on one board for the next two tests, each about a Zettel of its own.
  let room: { anna: Person; ben: Person; moderation: Person } | undefined
  async function threeOnOneBoard() {
    if (room) return room
    const board = await createBoard(suite.relay, 'Treffpunkte')
    const [anna, ben, moderation] = [await suite.person({ keep: true }), await suite.person({ keep: true }), await suite.person({ keep: true })]
    await openBoardPage(anna.page, boardPageUrl(suite.relay, board, 'participant'))
    await openBoardPage(ben.page, boardPageUrl(suite.relay, board, 'participant'))
    await openBoardPage(moderation.page, boardPageUrl(suite.relay, board))
    return (room = { anna, ben, moderation })
  }
  /** Writes `text` into the Zettel whose text starts with `topic`, or a new one at (x, 200). */
  const write = (page: Page, topic: string, text: string, x = 200) =>
    page.evaluate(
      ({ topic, text, x }) => {
        const editor = window.__netzwerkstatt!.editor
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
        const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && (editor.getShapeUtil(s).getText(s) ?? '').startsWith(topic))
        if (note) editor.updateShape({ id: note.id, type: 'note', props: { richText } })
        else editor.createShape({ type: 'note', x, y: 200, props: { richText } })
      },
      { topic, text, x },
    )
  const textsOf = async (page: Page, topic: string) => (await noteTexts(page)).filter((t) => t.startsWith(topic))

  // Board format 3 (issue 59): the two texts merge character by character in the one Zettel; before, one
  // browser's text was kept and the other written as a Zettel of its own beside it („Zwei Fassungen eines Zettels“).
  it('two offline edits of one Zettel both survive in it, merged the same on both screens', { timeout: hang(120_000) }, async () => {
    const { anna, moderation } = await threeOnOneBoard()
    await write(anna.page, 'Treffpunkt', 'Treffpunkt', 900)
    for (const p of [anna, moderation]) await expect.poll(() => textsOf(p.page, 'Treffpunkt')).toEqual(['Treffpunkt'])

    try {
      for (const p of [anna, moderation]) {
        await p.context.setOffline(true)
        await p.page.locator('.nws-status[data-state="offline"]').waitFor()
      }
      await write(anna.page, 'Treffpunkt', 'Treffpunkt: Familienzentrum')
      await write(moderation.page, 'Treffpunkt', 'Treffpunkt: Rathaus')
    } finally {
      for (const p of [anna, moderation]) await p.context.setOffline(false)
    }

    const merged = (texts: string[]) => texts.length === 1 && texts[0].includes('Familienzentrum') && texts[0].includes('Rathaus')
    for (const p of [anna, moderation]) await expect.poll(async () => merged(await textsOf(p.page, 'Treffpunkt')), { timeout: hang(30_000) }).toBe(true)
    expect(await textsOf(anna.page, 'Treffpunkt')).toEqual(await textsOf(moderation.page, 'Treffpunkt'))
    for (const p of [anna, moderation]) expect(await p.page.getByText('Zwei Fassungen eines Zettels').count()).toBe(0)
    await screenshot(anna.page, 'words-kept-offline.png')
    for (const p of [anna, moderation]) expect(p.problems).toEqual([])
  })

  it('the author of a Zettel brings back the text another person wrote over', { timeout: hang(120_000) }, async () => {
    const { anna, ben, moderation } = await threeOnOneBoard()
    await write(anna.page, 'Kinderbetreuung', 'Kinderbetreuung ab 7 Uhr', 200)
    await expect.poll(() => textsOf(ben.page, 'Kinderbetreuung')).toEqual(['Kinderbetreuung ab 7 Uhr'])
    await moderation.page.getByLabel('Zettel anderer schützen').uncheck()
    // Once the switch has reached Ben, his words go over Anna's.
    await expect.poll(async () => {
      await write(ben.page, 'Kinderbetreuung', 'Kinderbetreuung ab 8 Uhr')
      return textsOf(anna.page, 'Kinderbetreuung')
    }).toEqual(['Kinderbetreuung ab 8 Uhr'])

    const note = (await notes(anna.page)).find((n) => n.text.startsWith('Kinderbetreuung'))!
    const at = await anna.page.evaluate((point) => window.__netzwerkstatt!.editor.pageToScreen(point), centre(note.box))
    await anna.page.mouse.click(at.x, at.y)
    await anna.page.mouse.click(at.x, at.y, { button: 'right' })
    await anna.page.getByRole('menuitem', { name: 'Frühere Fassung zurückholen' }).click()
    for (const p of [anna, ben, moderation]) await expect.poll(() => textsOf(p.page, 'Kinderbetreuung')).toEqual(['Kinderbetreuung ab 7 Uhr'])
    // Ben, not the author, is not offered it.
    const bens = await ben.page.evaluate((point) => window.__netzwerkstatt!.editor.pageToScreen(point), centre(note.box))
    await ben.page.mouse.click(bens.x, bens.y)
    await ben.page.mouse.click(bens.x, bens.y, { button: 'right' })
    await ben.page.getByRole('menuitem').first().waitFor()
    expect(await ben.page.getByRole('menuitem', { name: 'Frühere Fassung zurückholen' }).count()).toBe(0)
    await ben.page.keyboard.press('Escape')
    for (const p of [anna, ben, moderation]) expect(p.problems).toEqual([])
  })
})
