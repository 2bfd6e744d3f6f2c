/**
 * The board's rights as people meet them in Chromium: under „Zettel anderer schützen“ another's
 * Zettel is moved but not made faint nor sent behind the template, another's arrow keeps pointing
 * where she drew it, an image upload goes through, Ctrl+A, Delete removes only one's own notes,
 * each time with a word of why and no refusal from the relay; the facilitator lifts the
 * protection; a change made offline that the board no longer allows is dropped on reconnect, with
 * a notice. One board (a Planspiel) and three people (Anna and Ben, participants, and the
 * facilitator) serve every test, each on a page of the board of its own where the template is not
 * its subject: so the rest of the board is no part of what a test counts. The protection is
 * lifted last.
 * What the relay refuses of a hostile client (the same rules, a locked scaffold moved, with
 * 4403): test/integration/protectedSight.test.ts, protectedArrows.test.ts, declaration.test.ts.
 */
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Page } from 'playwright-core'
import type { CreatedBoard } from '../../shared/api.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { artifactsAsked, screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, noteTexts, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { hang } from '../helpers/hang.ts'
import { toastAfter, toasts } from '../helpers/toasts.ts'

describe.skipIf(skipBrowserTests)('rights on the board, in the browser', () => {
  const suite = boardBrowserSuite()

  interface Board {
    board: CreatedBoard
    anna: Person
    ben: Person
    moderation: Person
  }
  let opened: Promise<Board> | undefined
  /** The board and its three people, opened by the first test that needs them and kept for the file. */
  const theBoard = async (): Promise<Board> => {
    opened ??= (async () => {
      const board = await createBoard(suite.relay, 'Geschützte Zettel', { template: 'planspiel', locale: 'de' })
      const [anna, ben, moderation] = [await suite.person({ keep: true }), await suite.person({ keep: true }), await suite.person({ keep: true })]
      await openBoardPage(moderation.page, boardPageUrl(suite.relay, board))
      await openBoardPage(anna.page, boardPageUrl(suite.relay, board, 'participant'))
      await openBoardPage(ben.page, boardPageUrl(suite.relay, board, 'participant'))
      return { board, anna, ben, moderation }
    })()
    const b = await opened
    // Problems of an earlier test were that test's to report.
    for (const p of [b.anna, b.ben, b.moderation]) p.problems.splice(0)
    return b
  }
  const everyone = (b: Board) => [b.anna, b.ben, b.moderation]

  /** A page of the board of its own for a test: the facilitator adds it, everyone looks at it. */
  async function onNewPage(b: Board, name: string) {
    await b.moderation.page.evaluate((name) => {
      const editor = window.__netzwerkstatt!.editor
      editor.createPage({ name })
    }, name)
    for (const p of everyone(b)) {
      await p.page.waitForFunction((name) => window.__netzwerkstatt!.editor.getPages().some((page) => page.name === name), name)
      await p.page.evaluate((name) => {
        const editor = window.__netzwerkstatt!.editor
        editor.setCurrentPage(editor.getPages().find((page) => page.name === name)!.id)
      }, name)
    }
  }
  /** Everyone back on the template's page (the board's first). */
  async function onTemplatePage(b: Board) {
    for (const p of everyone(b)) {
      await p.page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        editor.setCurrentPage(editor.getPages()[0].id)
      })
    }
  }

  async function addNote(page: Page, text: string, x: number, id?: string, y = 200) {
    await page.evaluate(
      ({ text, x, y, id }) => {
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
        window.__netzwerkstatt!.editor.createShape({ ...(id ? { id: id as never } : {}), type: 'note', x, y, props: { richText } })
      },
      { text, x, y, id },
    )
  }
  /**
   * A picture of a notice (a toast, gone after 4 s), wholly on the screen once it has slid in so
   * that a person can read it: waited for only where pictures are asked for (ARTIFACTS=1), where
   * a slow run may show it gone.
   */
  const pictureOfNotice = async (page: Page, text: string, name: string) => {
    if (artifactsAsked) {
      await expect.poll(async () => {
        const box = await page.getByText(text, { exact: false }).first().boundingBox()
        return box && box.x + box.width <= 1280
      }).toBe(true)
    }
    await screenshot(page, name)
  }
  const noRefusal = async (page: Page) => expect(await page.getByText('Änderung verworfen').count(), 'a change refused by the relay').toBe(0)

  it("under protection another's Zettel is moved, not made faint: the opacity slider leaves it as it was and says why, and nothing is cut off", { timeout: hang(90_000) }, async () => {
    const b = await theBoard()
    const { anna, ben } = b
    await onNewPage(b, 'Deckkraft')
    await addNote(anna.page, 'Idee von Anna', 100, 'shape:faint')
    await expect.poll(() => noteTexts(ben.page)).toEqual(['Idee von Anna'])
    const annas = () => ben.page.evaluate(() => {
      const shape = window.__netzwerkstatt!.editor.getShape('shape:faint' as never)!
      return { x: shape.x, opacity: shape.opacity }
    })
    await ben.page.evaluate(() => void window.__netzwerkstatt!.editor.select('shape:faint' as never))
    // Ben's hand on the style panel's opacity slider, to its lowest.
    await ben.page.locator('.nws-style-toggle button').click()
    const slider = ben.page.locator('.tlui-style-panel [data-testid="style.opacity"] [role="slider"]')
    await slider.focus()
    await toastAfter(ben.page, 'nicht blasser, kleiner oder weiß machen', () => ben.page.keyboard.press('Home'))
    await pictureOfNotice(ben.page, 'nicht blasser, kleiner oder weiß machen', 'rights-kept-in-sight.png')
    expect((await annas()).opacity).toBe(1)
    await ben.page.keyboard.press('Escape')
    // Moving it (clustering) goes through, to Anna too.
    await ben.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const shape = editor.getShape('shape:faint' as never)!
      editor.updateShape({ id: shape.id, type: shape.type, x: shape.x + 300 })
    })
    const moved = (await annas()).x
    await expect.poll(() => anna.page.evaluate(() => window.__netzwerkstatt!.editor.getShape('shape:faint' as never)!.x)).toBe(moved)
    expect(await anna.page.evaluate(() => window.__netzwerkstatt!.editor.getShape('shape:faint' as never)!.opacity)).toBe(1)
    // No refusal from the relay: no reload, no notice of a discarded change.
    await noRefusal(ben.page)
    for (const p of [anna, ben]) expect(p.problems).toEqual([])
  })

  it("under protection another's Zettel is not sent behind the template's locked cells: „Nach ganz hinten“ leaves it in front and says why", { timeout: hang(90_000) }, async () => {
    const b = await theBoard()
    // Ben's Zettel, Anna's hand: Ben's page has just said why in the test above, and a notice of a
    // kind shows once in four seconds (client/board/boardRights.ts).
    const { anna, ben } = b
    await onTemplatePage(b)
    // Below the template, out of the way of the title that a later test moves (what goes behind is a
    // matter of order, not place).
    await addNote(ben.page, 'Idee von Ben', 100, 'shape:behind', 3_000)
    await expect.poll(() => anna.page.evaluate(() => window.__netzwerkstatt!.editor.getShape('shape:behind' as never) !== undefined)).toBe(true)
    const bensIndex = (page: Page) => page.evaluate(() => window.__netzwerkstatt!.editor.getShape('shape:behind' as never)!.index)
    const before = await bensIndex(ben.page)
    // tldraw's „Nach ganz hinten“ (send to back), as Anna's menu would do it.
    await toastAfter(anna.page, 'hinter die Vorlage legen', () =>
      anna.page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        editor.select('shape:behind' as never)
        editor.sendToBack(['shape:behind' as never])
      }),
    )
    await pictureOfNotice(anna.page, 'hinter die Vorlage legen', 'rights-behind-template.png')
    expect(await bensIndex(anna.page)).toBe(before)
    // Moving it still goes through, to Ben too; nothing was refused by the relay.
    await anna.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getShape('shape:behind' as never)!
      editor.updateShape({ id: note.id, type: note.type, x: note.x + 300 })
    })
    const annasX = await anna.page.evaluate(() => window.__netzwerkstatt!.editor.getShape('shape:behind' as never)!.x)
    await expect.poll(() => ben.page.evaluate(() => window.__netzwerkstatt!.editor.getShape('shape:behind' as never)!.x)).toBe(annasX)
    expect(await bensIndex(ben.page)).toBe(before)
    await anna.page.evaluate(() => void window.__netzwerkstatt!.editor.selectNone())
    await noRefusal(anna.page)
    for (const p of [anna, ben]) expect(p.problems).toEqual([])
  })

  it("under protection another's arrow keeps pointing where she drew it: Ben's drag of it or its end says why and is not refused; Anna's own drag goes through", { timeout: hang(120_000) }, async () => {
    const b = await theBoard()
    const { anna, ben, moderation } = b
    await onNewPage(b, 'Kette')
    await addNote(anna.page, 'Beratung', 100)
    // Her arrow, its end bound to her Zettel, its start free.
    await anna.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((s) => s.type === 'note')!
      editor.createShape({ id: 'shape:arrow' as never, type: 'arrow', x: 600, y: 300, props: { start: { x: 0, y: 0 }, end: { x: -400, y: 0 } } })
      editor.createBinding({ type: 'arrow', fromId: 'shape:arrow' as never, toId: note.id, props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false } })
    })
    const arrowOf = (page: Page) =>
      page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const arrow = editor.getShape('shape:arrow' as never) as { props: { start: unknown } } | undefined
        return { start: arrow?.props.start, bound: editor.getBindingsFromShape('shape:arrow' as never, 'arrow').map((b) => b.toId) }
      })
    await expect.poll(async () => (await arrowOf(ben.page)).bound.length).toBe(1)
    const drawn = await arrowOf(anna.page)
    const screenAt = (page: Page, x: number, y: number) => page.evaluate(({ x, y }) => window.__netzwerkstatt!.editor.pageToScreen({ x, y }), { x, y })
    const drag = async (page: Page, from: { x: number; y: number }, to: { x: number; y: number }) => {
      const [a, z] = [await screenAt(page, from.x, from.y), await screenAt(page, to.x, to.y)]
      await page.mouse.move(a.x, a.y)
      await page.mouse.down()
      for (let i = 1; i <= 10; i++) await page.mouse.move(a.x + ((z.x - a.x) * i) / 10, a.y + ((z.y - a.y) * i) / 10)
      await page.mouse.up()
    }

    // Ben drags the arrow alone (tldraw lets go of its binding), then its free start.
    await toastAfter(ben.page, 'Pfeile anderer zeigen weiter dorthin', () => drag(ben.page, { x: 450, y: 300 }, { x: 450, y: 600 }))
    await pictureOfNotice(ben.page, 'Pfeile anderer zeigen weiter dorthin', 'rights-arrow-kept.png')
    const handle = (page: Page, id: 'start' | 'end') =>
      page.evaluate((id) => {
        const editor = window.__netzwerkstatt!.editor
        editor.select('shape:arrow' as never)
        const point = editor.getShapeHandles('shape:arrow' as never)!.find((h) => h.id === id)!
        const { x, y } = editor.getShapePageTransform('shape:arrow' as never)!.applyToPoint(point)
        return { x, y }
      }, id)
    await drag(ben.page, await handle(ben.page, 'start'), { x: 900, y: 100 })
    // Its bound end, off the Zettel it points to.
    await drag(ben.page, await handle(ben.page, 'end'), { x: 700, y: 650 })
    for (const p of everyone(b)) await expect.poll(async () => (await arrowOf(p.page)).bound).toEqual(drawn.bound)
    expect((await arrowOf(anna.page)).start).toEqual(drawn.start)

    // Anna drags her own arrow's start; the facilitator lets go of its end: both reach Ben.
    const hers = await anna.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.select('shape:arrow' as never)
      const arrow = editor.getShape('shape:arrow' as never) as unknown as { x: number; y: number; props: { start: { x: number; y: number } } }
      return { x: arrow.x + arrow.props.start.x, y: arrow.y + arrow.props.start.y }
    })
    await drag(anna.page, hers, { x: hers.x + 200, y: hers.y - 150 })
    await expect.poll(async () => (await arrowOf(ben.page)).start).not.toEqual(drawn.start)
    await moderation.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.deleteBindings(editor.getBindingsFromShape('shape:arrow' as never, 'arrow'))
    })
    await expect.poll(async () => (await arrowOf(ben.page)).bound).toEqual([])

    // Anna binds her arrow's start to Ben's Zettel; Ben deletes his Zettel: the binding goes with it.
    await addNote(ben.page, 'Ben', 1000)
    await expect.poll(() => noteTexts(anna.page)).toEqual(['Ben', 'Beratung'])
    await anna.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText?.(s) === 'Ben')!
      editor.createBinding({ type: 'arrow', fromId: 'shape:arrow' as never, toId: note.id, props: { terminal: 'start', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false } })
    })
    await expect.poll(async () => (await arrowOf(ben.page)).bound.length).toBe(1)
    await ben.page.locator('.tl-canvas').click({ position: { x: 1200, y: 700 } })
    await ben.page.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.select(editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText?.(s) === 'Ben')!.id)
    })
    await ben.page.keyboard.press('Delete')
    for (const p of [anna, ben]) await expect.poll(() => noteTexts(p.page)).toEqual(['Beratung'])
    await expect.poll(async () => (await arrowOf(anna.page)).bound).toEqual([])
    for (const p of [anna, ben]) await p.page.evaluate(() => void window.__netzwerkstatt!.editor.selectNone())
    // No refusal from the relay: no notice of a discarded change, nobody's tab in trouble.
    await noRefusal(ben.page)
    for (const p of everyone(b)) expect(p.problems).toEqual([])
  })

  it("a participant's image upload goes through under protection: its asset carries their id, and the other participant sees it", { timeout: hang(90_000) }, async () => {
    const b = await theBoard()
    const { anna, ben } = b
    await onNewPage(b, 'Bilder')
    const assets = (page: Page) =>
      page.evaluate(() => window.__netzwerkstatt!.editor.getAssets().map((a) => ({ id: a.id as string, src: (a.props as { src?: string | null }).src ?? null, author: (a.meta as { author?: unknown }).author })))
    const before = new Set((await assets(ben.page)).map((a) => a.id))
    await anna.page.evaluate(async () => {
      // A 1×1 PNG, as a file dropped on the canvas.
      const bytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))
      const file = new File([bytes], 'pinnwand.png', { type: 'image/png' })
      await window.__netzwerkstatt!.editor.putExternalContent({ type: 'files', files: [file], point: { x: 200, y: 200 } })
    })
    const added = async (page: Page) => (await assets(page)).filter((a) => !before.has(a.id))
    await expect.poll(async () => (await added(ben.page))[0]?.src ?? null, { timeout: hang(30_000) }).toMatch(/\/assets\//)
    const [annas] = await added(anna.page)
    expect(annas.author).toEqual(expect.any(String))
    expect((await added(ben.page))[0].author).toBe(annas.author)
    await noRefusal(anna.page)
    for (const p of [anna, ben]) expect(p.problems).toEqual([])
  })

  it('a change made offline that the board no longer allows is dropped on reconnect, with a notice', { timeout: hang(120_000) }, async () => {
    const b = await theBoard()
    const { ben, moderation } = b
    await onTemplatePage(b)
    await moderation.page.getByRole('button', { name: 'Vorlagen entsperren' }).click()
    await moderation.page.getByRole('button', { name: 'Vorlagen sperren' }).waitFor()

    const titleX = (page: Page) =>
      page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const title = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'title')
        return title?.x
      })
    await expect.poll(() => titleX(ben.page)).toBeDefined()
    const original = (await titleX(moderation.page))!
    // Ben waits until his page knows the title is unlocked (not just some scaffold: the Planspiel
    // has scaffold that is never locked), then goes offline and moves the title. The move is tried
    // until his page takes it: the unlocked state the page's rights read may come a moment after
    // the shapes' unlocking.
    await expect.poll(() => ben.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'title')?.isLocked)).toBe(false)
    await ben.context.setOffline(true)
    // Ben back online whatever happens here: the file's next tests use his page.
    onTestFinished(() => ben.context.setOffline(false))
    await ben.page.locator('.nws-status[data-state="offline"]').waitFor()
    await expect.poll(async () => {
      await ben.page.evaluate((x) => {
        const editor = window.__netzwerkstatt!.editor
        const title = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'title')!
        editor.updateShape({ id: title.id, type: title.type, x })
      }, original + 500)
      return titleX(ben.page)
    }).toBe(original + 500)

    // Meanwhile the facilitator locks the scaffold again.
    await moderation.page.getByRole('button', { name: 'Vorlagen sperren' }).click()
    await moderation.page.getByRole('button', { name: 'Vorlagen entsperren' }).waitFor()

    await ben.context.setOffline(false)
    // The relay refuses Ben's move (its side: test/integration/declaration.test.ts); his page drops
    // its copy, loads the board again and says why.
    // The notice stays until Ben closes it (SharePanel.tsx): on a slow device the board's reload may
    // take longer than a toast's 4 s.
    const refusal = toasts(ben.page, 'Änderung verworfen')
    await refusal.first().waitFor({ timeout: hang(30_000) })
    await ben.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await ben.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    await onTemplatePage(b)
    await expect.poll(() => titleX(ben.page)).toBe(original)
    expect(await titleX(moderation.page)).toBe(original)
    await screenshot(ben.page, 'rights-change-refused.png')
    expect(await refusal.count()).toBe(1)
    await refusal.locator('.tlui-toast__close').click()
    await expect.poll(() => refusal.count()).toBe(0)
    for (const p of [ben, moderation]) expect(p.problems).toEqual([])
  })

  it("Ctrl+A, Delete removes only one's own notes and says so; the facilitator can lift the protection", { timeout: hang(90_000) }, async () => {
    const b = await theBoard()
    const { anna, ben, moderation } = b
    await onNewPage(b, 'Aufräumen')
    await addNote(anna.page, 'Idee von Anna', 100)
    await addNote(ben.page, 'Idee von Ben', 400)
    for (const p of everyone(b)) await expect.poll(() => noteTexts(p.page)).toEqual(['Idee von Anna', 'Idee von Ben'])

    await ben.page.locator('.tl-canvas').click({ position: { x: 900, y: 600 } })
    await ben.page.keyboard.press('ControlOrMeta+a')
    await toastAfter(ben.page, /Zettel anderer sind geschützt.*Ein Zettel einer anderen Person wurde nicht gelöscht\./, () => ben.page.keyboard.press('Delete'))
    await pictureOfNotice(ben.page, 'Ein Zettel einer anderen Person wurde nicht gelöscht.', 'rights-protected-notes.png')
    for (const p of everyone(b)) await expect.poll(() => noteTexts(p.page)).toEqual(['Idee von Anna'])

    await moderation.page.getByLabel('Zettel anderer schützen').uncheck()
    // The switch reached Ben: now his Delete takes Anna's note too, for everyone.
    await expect.poll(async () => {
      await ben.page.keyboard.press('ControlOrMeta+a')
      await ben.page.keyboard.press('Delete')
      return noteTexts(ben.page)
    }).toEqual([])
    for (const p of [anna, moderation]) await expect.poll(() => noteTexts(p.page)).toEqual([])
    for (const p of everyone(b)) expect(p.problems).toEqual([])
  })
})
