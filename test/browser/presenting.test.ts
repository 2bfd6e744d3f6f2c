/**
 * Presenting to a room in Chromium: the laser pointer is in the toolbar; the facilitator's
 * "Präsentieren" walks through a Planspiel's steps (the current step for everyone) or through the
 * board's frames, with Page Down and the arrow keys, and a participant's view follows each step.
 * The tests share three boards and the people on them (a page load is the dear part): a plain
 * board (laser pointer, frames), a Planspiel, and a Beteiligtenanalyse whose facilitator goes on
 * to pages of their own on that board for the templates tests (presenting walks the current page).
 * Screenshots: test/artifacts/presenting-{facilitator-de-1440,participant-en-1920,netzwerkregeln-1920-<n>}.png.
 */
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, noteTexts, openBoardPage, restsInView, openTemplatesPanel, templateTitles, writeNoteByDoubleClick, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, untilHeld, whenSynced } from '../helpers/clients.ts'
import { putNotesInCells } from '../helpers/records.ts'

const where = (page: Page) => page.locator('.nws-presenter__where').innerText()

/** Made on first use and kept for the file's tests; `problems` then holds only what came after the call. */
function shared<T extends Record<string, Person>>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return async () => {
    const people = await (made ??= make())
    for (const p of Object.values(people)) p.problems.splice(0)
    return people
  }
}

/** A new page of the board, current, with a template from the Vorlagen panel. */
async function templateOnNewPage(page: Page, name: string, title: RegExp) {
  await page.evaluate((name) => {
    const editor = window.__netzwerkstatt!.editor
    editor.createPage({ name })
    editor.setCurrentPage(editor.getPages().find((p) => p.name === name)!.id)
  }, name)
  const panel = await openTemplatesPanel(page)
  await panel.getByRole('button', { name: title }).click()
  await panel.getByRole('button', { name: 'Einfügen' }).click()
  await panel.waitFor({ state: 'detached' })
}

describe.skipIf(skipBrowserTests)('presenting', () => {
  const suite = boardBrowserSuite()

  // A plain board: its facilitator at 1280×800 (the laser pointer's width), a participant at 1440×900.
  const plainBoard = shared(async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe März')
    const facilitator = await suite.person({ keep: true, viewport: { width: 1280, height: 800 } })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const participant = await suite.person({ keep: true, viewport: { width: 1440, height: 900 } })
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
    return { facilitator, participant }
  })

  // A Beteiligtenanalyse (created with the board) and its facilitator at 1920×1080.
  let analysisBoard: Awaited<ReturnType<typeof createBoard>> | undefined
  const analysisFacilitator = shared(async () => {
    analysisBoard = await createBoard(suite.relay, 'Beteiligte', { template: 'beteiligtenanalyse', locale: 'de' })
    const facilitator = await suite.person({ keep: true, viewport: { width: 1920, height: 1080 } })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, analysisBoard))
    return { facilitator }
  })

  it('the laser pointer is in the toolbar, not behind its overflow', { timeout: 60_000 }, async () => {
    const { facilitator: { page, problems } } = await plainBoard()
    const laser = page.locator('.tlui-main-toolbar [data-testid="tools.laser"]')
    await laser.click()
    expect(await page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentToolId())).toBe('laser')
    // Back to selecting, for the frames test on this board.
    await page.evaluate(() => void window.__netzwerkstatt!.editor.setCurrentTool('select'))
    expect(problems).toEqual([])
  })

  it('walks through a Planspiel step by step; the participant sees each step, and it is the current step', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel im Landkreis', { template: 'planspiel', locale: 'de' })
    const facilitator = await suite.person({ viewport: { width: 1440, height: 900 } })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const participant = await suite.person({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' })
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
    // The participant looks somewhere else first.
    await participant.page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 5000, y: 5000, z: 1 }))

    await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
    await expect.poll(() => where(facilitator.page)).toBe('1 von 4: 1 · Einführung und Rollen')
    await expect.poll(() => restsInView(participant.page, 'head:case'), { timeout: 10_000 }).toBe(true)
    await participant.page.locator('.nws-agenda-chip').getByText('1 · Einführung und Rollen').waitFor()

    await facilitator.page.keyboard.press('PageDown')
    await expect.poll(() => where(facilitator.page)).toBe('2 von 4: 2 · Spiel (≈ 90 Min.)')
    await expect.poll(() => restsInView(participant.page, 'head:scenes'), { timeout: 10_000 }).toBe(true)
    await participant.page.locator('.nws-agenda-chip').getByText('2 · Spiel').waitFor()
    await facilitator.page.mouse.move(10, 890)
    await participant.page.mouse.move(10, 1070)
    await screenshot(facilitator.page, 'presenting-facilitator-de-1440.png')
    await screenshot(participant.page, 'presenting-participant-en-1920.png')

    // Back with Page Up; the first step has no way further back.
    await facilitator.page.keyboard.press('PageUp')
    await expect.poll(() => where(facilitator.page)).toBe('1 von 4: 1 · Einführung und Rollen')
    expect(await facilitator.page.getByRole('button', { name: 'Zurück' }).isDisabled()).toBe(true)
    await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
    await facilitator.page.getByRole('button', { name: 'Präsentieren' }).waitFor()
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
  })

  it('keeps the view where the presenter put it while a participant writes, and the note stays in view', { timeout: 90_000 }, async () => {
    const { facilitator } = await analysisFacilitator()
    const board = analysisBoard!
    // The participant only writes: a y-websocket client with the participant's link.
    const participant = connectClient(suite.relay, board.id, new Y.Doc(), { token: board.access.participant })
    try {
      await whenSynced(participant)
      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
      await expect.poll(() => where(facilitator.page)).toBe('1 von 1: Beteiligtenanalyse')
      await cameraAtRest(facilitator.page)
      const camera = () => facilitator.page.evaluate(() => window.__netzwerkstatt!.editor.getCamera())
      const before = await camera()

      // A note written meanwhile (it may cut the analysis into other slides).
      const written = putNotesInCells(participant.doc, [['cell:p2:strategien', 'Gemeinsame Sprechstunde']])
      await untilHeld(participant.doc, written)
      await expect.poll(() => noteTexts(facilitator.page), { timeout: 10_000 }).toEqual(['Gemeinsame Sprechstunde'])
      // A view pulled along would start moving within the next frames.
      await cameraAtRest(facilitator.page)
      expect(await camera()).toEqual(before)

      // Moving on shows the part with the note.
      await facilitator.page.keyboard.press('PageUp')
      await cameraAtRest(facilitator.page)
      expect(await restsInView(facilitator.page, 'cell:p2:strategien')).toBe(true)
      // Ended, for the templates tests that go on with this facilitator.
      await facilitator.page.getByRole('button', { name: 'Präsentation beenden' }).click()
      await facilitator.page.getByRole('button', { name: 'Präsentieren' }).waitFor()
      expect(facilitator.problems).toEqual([])
    } finally {
      participant.destroy()
    }
  })

  it('walks through the board\'s frames in reading order', { timeout: 90_000 }, async () => {
    const { facilitator, participant } = await plainBoard()
    const [goals, ideas] = await facilitator.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createShapes([
        { type: 'frame', x: 3000, y: 0, props: { w: 800, h: 600, name: 'Ideen' } },
        { type: 'frame', x: 0, y: 0, props: { w: 800, h: 600, name: 'Ziele' } },
      ])
      const frames = editor.getCurrentPageShapes().filter((s) => s.type === 'frame')
      return ['Ziele', 'Ideen'].map((name) => frames.find((f) => (f.props as { name: string }).name === name)!.id as string)
    })
    await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
    await expect.poll(() => where(facilitator.page)).toBe('1 von 2: Ziele')
    await expect.poll(() => restsInView(participant.page, goals), { timeout: 10_000 }).toBe(true)
    await facilitator.page.keyboard.press('ArrowRight')
    await expect.poll(() => where(facilitator.page)).toBe('2 von 2: Ideen')
    await expect.poll(() => restsInView(participant.page, ideas), { timeout: 10_000 }).toBe(true)
    expect(await restsInView(participant.page, goals)).toBe(false)
    expect([...facilitator.problems, ...participant.problems]).toEqual([])
  })

  describe('templates', () => {
    it('starts with the template on the left when a second one was put beside it', { timeout: 90_000 }, async () => {
      const { facilitator: { page, problems } } = await analysisFacilitator()
      await page.setViewportSize({ width: 1440, height: 900 })
      // A page of its own on the Beteiligtenanalyse's board: the analysis from the Vorlagen panel.
      await templateOnNewPage(page, 'Auftakt', /^Beteiligtenanalyse/)
      // The facilitator looks to the right of the analysis, a little above its middle, and puts a Protokoll there.
      await page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const analysis = editor.getCurrentPageBounds()!
        editor.centerOnPoint({ x: analysis.maxX + 1500, y: analysis.y + analysis.h / 3 }, { animation: { duration: 0 } })
      })
      const panel = await openTemplatesPanel(page)
      await panel.getByRole('button', { name: /^Protokoll/ }).click()
      await panel.getByRole('button', { name: 'Einfügen' }).click()
      await panel.waitFor({ state: 'detached' })
      const titles = await templateTitles(page)
      const analysis = titles.find((t) => t.template === 'beteiligtenanalyse')!.box
      const minutes = titles.find((t) => t.template === 'protokoll')!.box
      // Where the Vorlagen panel put it: beside the first one, on the right.
      expect(minutes.x).toBeGreaterThan(analysis.x + analysis.w)

      await page.getByRole('button', { name: 'Präsentieren' }).click()
      await expect.poll(() => where(page)).toMatch(/^1 von 2: Beteiligtenanalyse/)
      await page.keyboard.press('PageDown')
      await expect.poll(() => where(page)).toMatch(/^2 von 2: Protokoll/)
      await page.getByRole('button', { name: 'Präsentation beenden' }).click()
      await page.getByRole('button', { name: 'Präsentieren' }).waitFor()
      expect(problems).toEqual([])
    })

    it('shows a rule of the Netzwerkregeln written out with its whole row on one slide, not a slide per cell', { timeout: 120_000 }, async () => {
      const { facilitator: { page, problems } } = await analysisFacilitator()
      await page.setViewportSize({ width: 1920, height: 1080 })
      await templateOnNewPage(page, 'Regeln', /^Netzwerkregeln/)
      const row = ['regel', 'vereinbartAm', 'verbindlichkeit', 'wer', 'ueberpruefung'].map((column) => `regeln:cell:treffen:${column}`)
      for (const [i, key] of row.entries()) await writeNoteByDoubleClick(page, key, `Treffen ${i + 1}`)
      await expect.poll(() => noteTexts(page)).toHaveLength(row.length)

      await page.getByRole('button', { name: 'Präsentieren' }).click()
      await expect.poll(() => where(page)).toMatch(/^1 von \d+/)
      const slides = Number((await where(page)).match(/^1 von (\d+)/)![1])
      // On each slide, the text size on screen of each Zettel in view (tldraw's 22 px at scale 1).
      const readable = new Map<string, number>()
      const perSlide: string[][] = []
      for (let n = 1; n <= slides; n++) {
        if (n > 1) await page.keyboard.press('PageDown')
        await expect.poll(() => where(page)).toMatch(new RegExp(`^${n} von ${slides}`))
        await cameraAtRest(page)
        const sizes = await page.evaluate(() => {
          const editor = window.__netzwerkstatt!.editor
          const view = editor.getViewportPageBounds()
          return editor
            .getCurrentPageShapes()
            .filter((s) => s.type === 'note' && view.containsPoint(editor.getShapePageBounds(s)!.center))
            .map((s) => {
              const text = (s.props as { richText: { content: { content?: { text: string }[] }[] } }).richText.content[0]!.content![0]!.text
              return [text, 22 * 0.9 * (s.props as { scale: number }).scale * editor.getZoomLevel()] as const
            })
        })
        for (const [text, px] of sizes) readable.set(text, Math.max(readable.get(text) ?? 0, px))
        perSlide.push(sizes.map(([text]) => text))
        await screenshot(page, `presenting-netzwerkregeln-1920-${n}.png`)
      }
      // The rules' table on few slides, the row's Zettel together on one (read on the wall: templatesOnScreen.test.ts, test/unit/templates/wallSlides.test.ts).
      expect(slides).toBeLessThanOrEqual(3)
      expect([...readable.keys()].sort()).toEqual(row.map((_, i) => `Treffen ${i + 1}`))
      expect(perSlide.some((texts) => row.every((_, i) => texts.includes(`Treffen ${i + 1}`)))).toBe(true)
      expect(problems).toEqual([])
    })
  })
})
