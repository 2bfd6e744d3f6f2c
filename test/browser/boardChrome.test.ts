/**
 * The board's chrome around a template in Chromium: at 1366×768 tldraw's style panel covers no
 * part of a template (it opens from a button beside the toolbar, and Escape hands focus back to
 * that button), so a click into the top-right cell writes a note there; the facilitator's top
 * bar is one row at 1920 px, at most two at 1366 and stays on screen at 390 px; an observer's
 * beside five people covers neither itself nor the share zone at 1280 and 1366 px, the part
 * „Alle zu …“ brings the room to lands clear of the chrome at 1280 and 1024 px, a phone following
 * the facilitator has one „Nicht mehr folgen“, and tldraw's „Zurück zum Inhalt“ covers no
 * button under the menu (chrome-observer-*.png, chrome-1366-back-to-content.png); a board at rest asks for no
 * animation frames (client/board/restingEditor.ts) and wakes for a pointer or a camera animation.
 * One facilitator page on a Zukunftskonferenz serves every test but the Beteiligtenanalyse's (its
 * window resized for the top bar at 1920 and 390 px; the tool names on a page of the board of its
 * own), beside a participant for the current step and an observer (raw presence sockets for the others).
 * Screenshots: test/artifacts/chrome-{1366,1920,390}.png, chrome-1366-<template>-{selected,notes}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Box } from '../../shared/templates/geometry.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard, openRawSocket } from '../helpers/clients.ts'
import { blocksOnScreen, boxesOf, coveredBlocks, overlap, topChrome } from '../helpers/chromeOverBoard.ts'
import { presenceFrame, type FakePerson } from '../helpers/presence.ts'
import { hang } from '../helpers/hang.ts'

const boxOf = (page: Page, selector: string): Promise<Box | null> =>
  page.evaluate((selector) => {
    const element = document.querySelector(selector)
    if (!element) return null
    const r = element.getBoundingClientRect()
    return r.width === 0 && r.height === 0 ? null : { x: r.x, y: r.y, w: r.width, h: r.height }
  }, selector)

/** The notes on the page with the key of the cell their centre lies in. */
const notesInCells = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const cells = editor.getCurrentPageShapes().filter((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key?.startsWith('cell:'))
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note')
      .map((s) => {
        const centre = editor.getShapePageBounds(s)!.center
        const cell = cells.find((c) => editor.getShapePageBounds(c)!.containsPoint(centre))
        return { text: editor.getShapeUtil(s).getText(s) ?? '', cell: (cell?.meta as { netzwerkstatt?: { key?: string } } | undefined)?.netzwerkstatt?.key }
      })
  })

describe.skipIf(skipBrowserTests)('the board chrome around a template', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })
  const laptop = { width: 1366, height: 768 }

  let zukunft: Promise<{ board: Awaited<ReturnType<typeof createBoard>>; person: Person }> | undefined
  /** The facilitator on a Zukunftskonferenz at 1366×768, opened by the first test that needs it and kept for the file. */
  const theZukunftskonferenz = async () => {
    zukunft ??= (async () => {
      const board = await createBoard(suite.relay, 'Zukunftskonferenz Netzwerk Frühe Hilfen', { template: 'zukunftskonferenz', locale: 'de' })
      const person = await suite.person({ keep: true })
      await openBoardPage(person.page, boardPageUrl(suite.relay, board))
      return { board, person }
    })()
    const z = await zukunft
    z.person.problems.splice(0)
    await z.person.page.setViewportSize(laptop)
    return z
  }
  /** Shows the board page of this name (the template's is the first). */
  const showPage = (page: Page, name?: string) =>
    page.evaluate((name) => {
      const editor = window.__netzwerkstatt!.editor
      const pages = editor.getPages()
      editor.setCurrentPage((name === undefined ? pages[0] : pages.find((p) => p.name === name)!).id)
    }, name)

  /** A running timer of these minutes and a current step (the first not yet current): the facilitator's bar at its fullest. */
  const fillTheBar = async (page: Page, minutes: 5 | 10) => {
    await page.locator('button.nws-timer').click()
    await page.locator(`[data-minutes="${minutes}"]`).click()
    await page.keyboard.press('Escape')
    await page.locator('.nws-agenda-chip').click()
    await page.locator('[data-action="set-step"]').first().click()
    await page.keyboard.press('Escape')
  }

  for (const template of ['beteiligtenanalyse', 'zukunftskonferenz']) it(`at 1366×768 the style panel covers no part of the ${template}: a click into its top-right cell writes a note there`, { timeout: hang(90_000) }, async () => {
    let page: Page
    let problems: string[]
    if (template === 'zukunftskonferenz') ({ page, problems } = (await theZukunftskonferenz()).person)
    else {
      const board = await createBoard(suite.relay, 'Workshop Landkreis', { template, locale: 'de' })
      ;({ page, problems } = await suite.person())
      await openBoardPage(page, boardPageUrl(suite.relay, board))
    }
    // Landing fits the whole template into view.
    await expect
      .poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getViewportPageBounds().contains(window.__netzwerkstatt!.editor.getCurrentPageBounds()!)))
      .toBe(true)
    const blocks = await blocksOnScreen(page)
    const cells = blocks.filter((b) => b.key.startsWith('cell:'))
    expect(cells.length).toBeGreaterThan(4)

    // A first note in the top-right cell, left selected.
    const right = cells.reduce((a, b) => (b.x + b.w > a.x + a.w || (b.x + b.w === a.x + a.w && b.y < a.y) ? b : a))
    await page.keyboard.press('n')
    await page.mouse.click(right.x + right.w / 2, right.y + right.h / 2)
    await page.locator('[contenteditable="true"][role="textbox"]').waitFor()
    await page.keyboard.type('Erster')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getSelectedShapeIds().length)).toBe(1)

    // Whatever style control shows now covers no cell.
    const panel = await boxOf(page, '.tlui-style-panel')
    await screenshot(page, `chrome-1366-${template}-selected.png`)
    expect(blocks.filter((block) => panel && overlap(panel, block)).map((block) => block.key)).toEqual([])

    // The panel opens from its button, styles the selected note, and Escape hands focus back to the button.
    const styleButton = page.locator('.nws-style-toggle button')
    await styleButton.click()
    await page.locator('.tlui-style-panel [data-testid="style.color.red"]').click()
    await expect
      .poll(() => page.evaluate(() => (window.__netzwerkstatt!.editor.getSelectedShapes()[0].props as { color?: string }).color))
      .toBe('red')
    await page.keyboard.press('Escape')
    await page.locator('.tlui-style-panel').waitFor({ state: 'detached' })
    // Focus comes back as the panel closes, which may be a frame after it has left the page.
    await expect.poll(() => styleButton.evaluate((button) => button === document.activeElement)).toBe(true)

    // And a click near the cell's top-right corner, with the note tool, writes into that cell.
    await page.keyboard.press('n')
    await page.mouse.click(right.x + right.w - 40, right.y + 40)
    await page.locator('[contenteditable="true"][role="textbox"]').waitFor()
    await page.keyboard.type('Zweiter')
    await page.keyboard.press('Escape')
    await expect.poll(() => notesInCells(page)).toContainEqual({ text: 'Zweiter', cell: right.key })
    expect(await notesInCells(page)).toContainEqual({ text: 'Erster', cell: right.key })
    await screenshot(page, `chrome-1366-${template}-notes.png`)
    await page.evaluate(() => void window.__netzwerkstatt!.editor.selectNone())
    expect(problems).toEqual([])
  })

  it('German tool names: the note tool is "Zettel", the boxes have German names', { timeout: hang(60_000) }, async () => {
    const { page, problems } = (await theZukunftskonferenz()).person
    const label = (testId: string) => page.locator(`[data-testid="${testId}"]`).first().getAttribute('aria-label')
    await expect.poll(() => label('tools.note')).toMatch(/^Zettel\b/)
    await page.locator('[data-testid="tools.more-button"]').click()
    expect(await label('tools.more.x-box')).toMatch(/^Kästchen mit Kreuz\b/)
    expect(await label('tools.more.check-box')).toMatch(/^Kästchen mit Häkchen\b/)
    await page.keyboard.press('Escape')
    // And in the style panel of a drawn box, on a page of its own.
    await page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createPage({ name: 'Kästchen' })
      editor.setCurrentPage(editor.getPages().find((p) => p.name === 'Kästchen')!.id)
      editor.createShape({ type: 'geo', x: 0, y: 0, props: { geo: 'check-box', w: 100, h: 100 } })
      editor.selectAll()
    })
    await page.locator('.nws-style-toggle button').click()
    const panel = await page.locator('.tlui-style-panel').innerHTML()
    expect(panel).not.toMatch(/Haken Box|X Box|Hinweis/)
    await page.keyboard.press('Escape')
    await page.evaluate(() => void window.__netzwerkstatt!.editor.selectNone())
    await showPage(page)
    expect(problems).toEqual([])
  })

  it('the current step shows in the top bar only on the page its template is on', { timeout: hang(90_000) }, async () => {
    const { board, person: facilitator } = await theZukunftskonferenz()
    const participant = await suite.person()
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
    await facilitator.page.locator('.nws-agenda-chip').click()
    // A step that is not the current one yet.
    const step = facilitator.page.locator('.nws-agenda__step:has([data-action="set-step"])').last()
    const key = (await step.getAttribute('data-step'))!
    const name = (await step.locator('.nws-agenda__name').textContent())!.trim()
    await step.locator('[data-action="set-step"]').click()
    await facilitator.page.keyboard.press('Escape')
    for (const { page } of [facilitator, participant]) {
      await expect.poll(() => page.locator('.nws-agenda-chip[data-current]').textContent(), { timeout: hang(15_000) }).toContain(name)
    }
    // A second page: there the step is not the one being worked on.
    await facilitator.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createPage({ name: 'Seite 2' })
    })
    await facilitator.page.waitForFunction(() => window.__netzwerkstatt!.editor.getPages().some((p) => p.name === 'Seite 2'))
    await participant.page.waitForFunction(() => window.__netzwerkstatt!.editor.getPages().some((p) => p.name === 'Seite 2'))
    for (const { page } of [facilitator, participant]) await showPage(page, 'Seite 2')
    for (const { page } of [facilitator, participant]) {
      await expect.poll(() => page.locator('.nws-agenda-chip[data-current]').count()).toBe(0)
      expect(await page.locator('.nws-facilitation').textContent()).not.toContain('Schritt')
    }
    // The facilitator still reaches the agenda from there; back on the template's page the step shows again.
    await facilitator.page.locator('.nws-agenda-chip').click()
    await facilitator.page.locator(`.nws-agenda__step[data-step="${key}"][data-current]`).waitFor()
    await facilitator.page.keyboard.press('Escape')
    await showPage(facilitator.page)
    await expect.poll(() => facilitator.page.locator('.nws-agenda-chip[data-current]').textContent()).toContain(name)
    for (const { problems } of [facilitator, participant]) expect(problems).toEqual([])
  })

  it('the timer popover has one start button, also after a reset', { timeout: hang(60_000) }, async () => {
    const { page, problems } = (await theZukunftskonferenz()).person
    const popover = page.locator('.nws-timer-controls')
    const starts = () => popover.getByRole('button', { name: /starten|^start$/i }).count()
    await page.locator('button.nws-timer').click()
    expect(await starts()).toBeLessThanOrEqual(1)
    await popover.locator('[data-minutes="5"]').click()
    await popover.getByRole('button', { name: 'Zurücksetzen' }).click()
    await popover.locator('.nws-timer-controls__now[data-status="ready"]').waitFor()
    expect(await starts()).toBe(1)
    await screenshot(page, 'chrome-timer.png', { clip: { x: 400, y: 0, width: 566, height: 360 } })
    // The own minutes still start a new timer at once.
    await popover.locator('.nws-timer-controls__custom input').fill('7')
    await popover.locator('.nws-timer-controls__custom button[type="submit"]').click()
    await popover.locator('.nws-timer-controls__now[data-status="running"]').waitFor()
    await expect.poll(() => popover.locator('.nws-timer-controls__time').textContent()).toMatch(/^0[67]:\d\d$/)
    await page.keyboard.press('Escape')
    await popover.waitFor({ state: 'detached' })
    expect(problems).toEqual([])
  })

  it('a board at rest asks for no animation frames; a pointer move wakes it and is handled, a camera animation runs to its end, and the board rests again', { timeout: hang(60_000) }, async () => {
    const { page, problems } = (await theZukunftskonferenz()).person
    type Counting = Window & { __frames?: number; __raf?: typeof requestAnimationFrame }
    await page.evaluate(() => {
      const w = window as Counting
      w.__frames = 0
      w.__raf = window.requestAnimationFrame
      window.requestAnimationFrame = (callback) => {
        w.__frames!++
        return w.__raf!.call(window, callback)
      }
    })
    const framesWithin = (ms: number) =>
      page.evaluate(async (ms) => {
        const w = window as Counting
        const before = w.__frames!
        await new Promise((done) => setTimeout(done, ms))
        return w.__frames! - before
      }, ms)
    const pointer = () => page.evaluate(() => window.__netzwerkstatt!.editor.inputs.getCurrentScreenPoint().toJson())
    const camera = () =>
      page.evaluate(() => {
        const { x, y, z } = window.__netzwerkstatt!.editor.getCamera()
        return { x, y, z }
      })
    try {
      await expect.poll(() => framesWithin(400), { message: 'a resting board asks for no frames', timeout: hang(15_000) }).toBe(0)
      // A pointer move is handled on the next tick: the loop starts again for it.
      const before = await pointer()
      await page.mouse.move(700, 420)
      await page.mouse.move(720, 430)
      await expect.poll(pointer, { message: 'the pointer move was handled' }).not.toEqual(before)
      await expect.poll(() => framesWithin(400), { message: 'and the board rests again', timeout: hang(15_000) }).toBe(0)
      // A camera animation listens to ticks: it starts the loop and runs to its end.
      const from = await camera()
      await page.evaluate(({ x, y, z }) => void window.__netzwerkstatt!.editor.setCamera({ x: x + 120, y, z }, { animation: { duration: 250 } }), from)
      await expect.poll(camera, { message: 'the camera animation ran to its end' }).toEqual({ ...from, x: from.x + 120 })
      await expect.poll(() => framesWithin(400), { message: 'and rests after it', timeout: hang(15_000) }).toBe(0)
      await page.evaluate((from) => void window.__netzwerkstatt!.editor.setCamera(from), from)
    } finally {
      await page.evaluate(() => {
        const w = window as Counting
        if (w.__raf) window.requestAnimationFrame = w.__raf
      })
    }
    expect(problems).toEqual([])
  })

  it('the top chrome lies over neither itself nor the part the room is brought to: an observer beside five people at 1280, 1366, 1024 and 390 px, the facilitator panned away', { timeout: hang(120_000) }, async () => {
    const { board, person: facilitator } = await theZukunftskonferenz()
    const fp = facilitator.page
    await showPage(fp)
    // The bar at its fullest: a running timer, a current step, five faces in the share zone.
    await fillTheBar(fp, 10)
    const people: FakePerson[] = [1, 2, 3].map((i) => ({ clientId: 7100 + i, clock: 0, name: `Person ${i}`, cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1280, h: 800 } }))
    const sockets = await Promise.all(people.map(() => openRawSocket(suite.relay, board.id, board.access.participant)))
    people.forEach((p, i) => sockets[i].socket.send(presenceFrame(p)))
    const observer = await suite.person({ viewport: { width: 1280, height: 800 } })
    const page = observer.page
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'observer'))
    await expect.poll(() => page.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: hang(15_000) }).toBe('5')
    await page.locator('.nws-agenda-chip[data-current]').waitFor()
    await page.locator('[data-action="follow"]').waitFor()

    const frames = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    /** Everything found wrong with the top chrome now, as sentences (none expected). */
    const chromeProblems = async (page: Page, width: number) => {
      const controls = await boxesOf(page, `${topChrome}, .tlui-helper-buttons button, .nws-share-zone > *`)
      const found = controls.flatMap((a, i) => controls.filter((b, j) => i < j && overlap(a, b) && !a.text.includes(b.text) && !b.text.includes(a.text)).map((b) => `„${a.text}“ over „${b.text}“`))
      for (const c of controls) if (c.x < 0 || c.x + c.w > width + 0.5) found.push(`„${c.text}“ leaves the window (${Math.round(c.x)}–${Math.round(c.x + c.w)})`)
      const stops = controls.filter((c) => c.text === 'Nicht mehr folgen')
      if (stops.length > 1) found.push(`${stops.length} × „Nicht mehr folgen“`)
      // The board's title and the step not squeezed to nothing: cut, if at all, after a few letters.
      const cut = await page.locator('.nws-board-title, .nws-agenda-chip__label').evaluateAll((es) =>
        es.filter((e) => e.clientWidth < Math.min(e.scrollWidth, 56)).map((e) => `„${e.textContent}“ cut to ${e.clientWidth} px`),
      )
      return [...found, ...cut]
    }
    const seen: Record<string, string[]> = {}
    for (const width of [1280, 1366]) {
      await page.setViewportSize({ width, height: 800 })
      await frames(page)
      await screenshot(page, `chrome-observer-${width}.png`)
      seen[`observer at ${width}`] = await chromeProblems(page, width)
    }
    // „Alle zu …“ → the template: it lands clear of the chrome at 1280 and on a tablet.
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
      await page.setViewportSize(viewport)
      await frames(page)
      await fp.locator('[data-action="bring"]').click()
      await fp.locator('[data-action="bring-part"]').first().click()
      await fp.keyboard.press('Escape')
      await fp.locator('.nws-bring').waitFor({ state: 'detached' })
      await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageBounds() !== undefined && window.__netzwerkstatt!.editor.getCameraState() === 'idle'), { timeout: hang(10_000) }).toBe(true)
      await page.waitForTimeout(600)
      await screenshot(page, `chrome-observer-brought-${viewport.width}.png`)
      seen[`brought at ${viewport.width}`] = [...(await coveredBlocks(page)), ...(await chromeProblems(page, viewport.width))]
    }
    // A phone's canvas, following the facilitator.
    await page.setViewportSize({ width: 390, height: 844 })
    await frames(page)
    await page.locator('[data-action="follow"]').click()
    await expect.poll(() => page.evaluate(() => window.__netzwerkstatt!.editor.getInstanceState().followingUserId !== null)).toBe(true)
    await frames(page)
    await screenshot(page, 'chrome-observer-390-following.png')
    seen['phone following'] = await chromeProblems(page, 390)
    await page.locator('[data-action="follow"]').click()
    // The facilitator's laptop, panned into empty space with the wheel: tldraw offers the way back.
    await fp.setViewportSize(laptop)
    await frames(fp)
    await fp.mouse.move(700, 400)
    for (let i = 0; i < 8; i++) await fp.mouse.wheel(0, 2000)
    await fp.locator('.tlui-helper-buttons button').first().waitFor({ timeout: hang(10_000) })
    await screenshot(fp, 'chrome-1366-back-to-content.png')
    seen['facilitator panned away'] = await chromeProblems(fp, 1366)
    expect(seen).toEqual({ 'observer at 1280': [], 'observer at 1366': [], 'brought at 1280': [], 'brought at 1024': [], 'phone following': [], 'facilitator panned away': [] })
    await fp.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
    for (const { socket } of sockets) socket.terminate()
    for (const { problems } of [facilitator, observer]) expect(problems).toEqual([])
  })

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
    { width: 390, height: 844 },
  ]) {
    it(`the facilitator's top bar fits at ${viewport.width} px`, { timeout: hang(90_000) }, async () => {
      const { page, problems } = (await theZukunftskonferenz()).person
      await page.setViewportSize(viewport)
      // The window's new size is laid out on the next frames.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
      await showPage(page)
      // A running timer and a current step: the bar at its fullest.
      await fillTheBar(page, 5)
      await page.locator('.nws-agenda-chip[data-current]').waitFor()
      const bar = (await boxOf(page, '.nws-facilitation'))!
      const chips = await page.locator('.nws-facilitation > *').evaluateAll((elements) =>
        elements.map((e) => {
          const r = e.getBoundingClientRect()
          return { x: r.x, y: r.y, w: r.width, h: r.height }
        }),
      )
      await screenshot(page, `chrome-${viewport.width}.png`)
      // Every control on screen, none on top of another.
      for (const chip of chips) {
        expect(chip.x).toBeGreaterThanOrEqual(0)
        expect(chip.x + chip.w).toBeLessThanOrEqual(viewport.width)
      }
      expect(chips.some((a, i) => chips.some((b, j) => i < j && overlap(a, b)))).toBe(false)
      // Nor on the menu, the share zone or the facilitator's buttons under the menu.
      const zones = await page.locator('.tlui-layout__top__left > *, .tlui-layout__top__right > *, .nws-facilitation-dock > *').evaluateAll((elements) =>
        elements.map((e) => {
          const r = e.getBoundingClientRect()
          return { x: r.x, y: r.y, w: r.width, h: r.height }
        }),
      )
      for (const chip of chips) expect(zones.some((zone) => overlap(zone, chip))).toBe(false)
      // One row where there is room for one.
      if (viewport.width >= 1366) expect(bar.h).toBeLessThanOrEqual(36)
      expect(problems).toEqual([])
    })
  }
})
