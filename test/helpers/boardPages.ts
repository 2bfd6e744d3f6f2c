/** People at a board in real Chromium: a browser profile each, the board page opened, and the suite around them. */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest'
import { launchBrowser } from './browser.ts'
import { removeDataDir, startRelay, type Relay, type RelayKind, type RelayProcess } from './relay.ts'
import { sharedRelay, type FileRelay, type SharedRelay } from './sharedRelay.ts'
import { hang } from './hang.ts'

export interface Person {
  context: BrowserContext
  page: Page
  /** Page errors and CSP refusals seen so far: a test expects none. */
  problems: string[]
}

/**
 * Like a browser that was asked for its name before and skipped: the name prompt on joining
 * (`client/join/NamePrompt.tsx`) does not cover the board. For browser contexts a test makes itself.
 */
export const skipNamePrompt = (context: BrowserContext) =>
  context.addInitScript(() => {
    // Also runs in frames without storage (about:blank, sandboxed): nothing to do there.
    try {
      if (!localStorage.getItem('netzwerkstatt:name')) localStorage.setItem('netzwerkstatt:name', 'skipped')
    } catch {}
  })

/** A tablet or phone: a touchscreen (`page.touchscreen`, `locator.tap()`), and `isMobile` for a phone's meta viewport. */
export type Device = Pick<BrowserContextOptions, 'hasTouch' | 'isMobile'>

/**
 * Like a browser that chose the canvas („Tafel“): a phone-sized page opens the board's canvas, not
 * the contribution view it gets by default (`client/contributionChoice.ts`). For the tests of the
 * canvas on a phone; test/browser/beitragen.test.ts makes its browsers without it.
 */
export const keepCanvas = (context: BrowserContext) =>
  context.addInitScript(() => {
    try {
      if (!localStorage.getItem('netzwerkstatt:ansicht')) localStorage.setItem('netzwerkstatt:ansicht', 'tafel')
    } catch {}
  })

/**
 * A separate browser profile (own storage and user), with the test hooks switched on; `askName`:
 * a browser new to the app, asked for a name when it joins a board; `device`: a touch device.
 */
export async function newPerson(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
  locale = 'de-DE',
  askName = false,
  device: Device & Pick<BrowserContextOptions, 'serviceWorkers'> = {},
): Promise<Person> {
  const context = await browser.newContext({ locale, viewport, ...device })
  await context.addInitScript(() => {
    window.__netzwerkstattTestHooks = true
  })
  if (!askName) await skipNamePrompt(context)
  await keepCanvas(context)
  const problems: string[] = []
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
  const page = await context.newPage()
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text())
  })
  return { context, page, problems }
}

/**
 * Opens a board page and waits until it is connected and its editor is there; `opening`: the hang
 * limit on a quiet machine, longer for a board far fuller than a workshop's.
 */
export async function openBoardPage(page: Page, url: string, opening = 20_000): Promise<void> {
  await page.goto(url)
  await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(opening) })
  await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
}

type Viewport = { width: number; height: number }

export interface BoardBrowserSuite<R extends SharedRelay> {
  /** The relay the file's boards are on (a private one's test may replace it with a restarted one). */
  relay: R
  browser: Browser
  /** `keep`: stays open until the file ends, also when made in a test (a browser the file's tests share). */
  person(options?: PersonOptions): Promise<Person>
}

export interface PersonOptions {
  viewport?: Viewport
  locale?: string
  askName?: boolean
  keep?: boolean
  device?: Device
  /** The app's service worker runs (test/helpers/browser.ts leaves it out): for offline reloads and what it keeps. */
  serviceWorker?: boolean
}

/**
 * The run's shared relay (`sharedRelay.ts`) and a connection to its Chromium for a browser test
 * file, with everyone's browser profile closed after its tests: `suite.relay`,
 * `await suite.person()`. Each test makes boards of its own; a file whose subject is the relay
 * process, its settings or its log asks for `privateBoardBrowserSuite`.
 */
export function boardBrowserSuite(viewport?: Viewport): BoardBrowserSuite<SharedRelay> {
  let shared: FileRelay | undefined
  const suite = peopleSuite<SharedRelay>(viewport)
  beforeAll(async () => {
    shared = await sharedRelay()
    suite.relay = shared
  })
  afterAll(async () => {
    await suite.closePeople()
    await shared?.stop()
  })
  return suite
}

/**
 * As `boardBrowserSuite`, on a relay of the file's own started with `env`, stopped after its tests
 * (its data directory removed): for restarts, `relay.logs`, limits. In the test's process unless
 * `{ process: true }`, as `privateRelaySuite` (test/helpers/clients.ts).
 */
export function privateBoardBrowserSuite(viewport: Viewport | undefined, env: Record<string, string>, kind: RelayKind & { process: true }): BoardBrowserSuite<RelayProcess>
export function privateBoardBrowserSuite(viewport?: Viewport, env?: Record<string, string>, kind?: RelayKind & { process?: false }): BoardBrowserSuite<Relay>
export function privateBoardBrowserSuite(viewport?: Viewport, env: Record<string, string> = {}, kind: RelayKind = {}): BoardBrowserSuite<Relay> {
  const suite = peopleSuite<Relay>(viewport)
  beforeAll(async () => {
    suite.relay = kind.process ? await startRelay({ process: true, env }) : await startRelay({ env })
  })
  afterAll(async () => {
    await suite.closePeople()
    await suite.relay?.kill()
    if (suite.relay) removeDataDir(suite.relay.dataDir)
  })
  return suite
}

function peopleSuite<R extends SharedRelay>(viewport?: Viewport): BoardBrowserSuite<R> & { closePeople(): Promise<void> } {
  const people: Person[] = []
  const suite = {
    relay: undefined as unknown as R,
    browser: undefined as unknown as Browser,
    async person(options: PersonOptions = {}): Promise<Person> {
      const p = await newPerson(suite.browser, options.viewport ?? viewport, options.locale, options.askName, {
        ...options.device,
        ...(options.serviceWorker ? { serviceWorkers: 'allow' as const } : {}),
      })
      people.push(p)
      if (options.keep) return p
      try {
        // Made in a test: gone when it passes, since an open board page keeps drawing frames and
        // the tests after it pay for that. A failed test's stay until the file ends, for its screenshots.
        onTestFinished(async ({ task }) => {
          if (task.result?.state === 'fail') return
          people.splice(people.indexOf(p), 1)
          await p.context.close()
        })
      } catch {
        // Made in a hook (beforeAll): the file's tests share it until the file ends.
      }
      return p
    },
    async closePeople() {
      for (const p of people.splice(0)) await p.context.close()
      await suite.browser?.close()
    },
  }
  beforeAll(async () => {
    suite.browser = await launchBrowser()
  })
  return suite
}

/** Opens the Vorlagen panel (unless it is open) and returns it. */
export async function openTemplatesPanel(page: Page) {
  const button = page.getByRole('button', { name: 'Vorlagen', exact: true })
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click()
  const panel = page.getByRole('dialog', { name: 'Vorlagen' })
  await panel.waitFor()
  return panel
}

/**
 * Puts a note with this text in the middle of a template cell, as a participant would (the page
 * then files it into the cell's slot): the cell by its key, in the given template where a page
 * holds several.
 */
export const writeNoteInCell = (page: Page, key: string, text: string, template?: string): Promise<void> =>
  page.evaluate(
    ({ key, text, template }) => {
      const editor = window.__netzwerkstatt!.editor
      const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { template: string; key: string } }).netzwerkstatt
      const cell = editor.getCurrentPageShapes().find((s) => meta(s)?.key === key && (template === undefined || meta(s)?.template === template))!
      const c = editor.getShapePageBounds(cell)!.center
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
      editor.createShape({ type: 'note', x: c.x - 100, y: c.y - 100, props: { richText } })
    },
    { key, text, template },
  )

/** The templates on a board page's current page: each one's name and the page box of its title. */
export const templateTitles = (page: Page): Promise<Array<{ template: string; box: { x: number; y: number; w: number; h: number } }>> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const meta = (s: { meta: unknown }) => (s.meta as { netzwerkstatt?: { kind?: string; template: string } }).netzwerkstatt
    return editor
      .getCurrentPageShapes()
      .filter((s) => meta(s)?.kind === 'title')
      .map((s) => {
        const b = editor.getShapePageBounds(s)!
        return { template: meta(s)!.template, box: { x: b.x, y: b.y, w: b.w, h: b.h } }
      })
  })

/** The texts of the notes on a board page's current page, sorted. */
export const noteTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note')
      .map((s) => editor.getShapeUtil(s).getText(s) ?? '')
      .sort()
  })

/** Double-clicks the middle of a template cell (by key) with the whole board in view and types a Zettel, as people do: it gets the cell's note size. */
export async function writeNoteByDoubleClick(page: Page, key: string, text: string): Promise<void> {
  const middle = await page.evaluate((key) => {
    const editor = window.__netzwerkstatt!.editor
    editor.zoomToFit({ animation: { duration: 0 } })
    const cell = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)!
    return editor.pageToScreen(editor.getShapePageBounds(cell)!.center)
  }, key)
  await page.mouse.dblclick(middle.x, middle.y)
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

/**
 * Whether the centre of a shape (a template block by key, or a shape by id) is in view, asked of a
 * camera at rest: a view on its way elsewhere passes over much (a poll once passed while it flew by).
 */
export const restsInView = (page: Page, keyOrId: string): Promise<boolean> =>
  page.evaluate((keyOrId) => {
    const editor = window.__netzwerkstatt!.editor
    if (editor.getCameraState() !== 'idle') return false
    const shape = editor
      .getCurrentPageShapes()
      .find((s) => s.id === keyOrId || (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === keyOrId)
    const bounds = shape && editor.getShapePageBounds(shape)
    return bounds !== undefined && editor.getViewportPageBounds().containsPoint(bounds.center)
  }, keyOrId)

/**
 * Waits until a camera move just asked for has ended: an animated move (presenting, showing a
 * template) starts on one of the next frames, so an idle camera right away may not have set off yet.
 */
export async function cameraAtRest(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
}

/** The Zettel lying in a template cell (by key) on the current page: text, meta and place. */
export const zettelInCell = (page: Page, key: string): Promise<Array<{ text: string; meta: Record<string, unknown>; x: number; y: number }>> =>
  page.evaluate((key) => {
    const editor = window.__netzwerkstatt!.editor
    const cell = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key: string } }).netzwerkstatt?.key === key)!
    const box = editor.getShapePageBounds(cell)!
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note' && box.containsPoint(editor.getShapePageBounds(s)!.center))
      .map((s) => ({ text: editor.getShapeUtil(s).getText(s) ?? '', meta: s.meta as Record<string, unknown>, x: s.x, y: s.y }))
  }, key)

/**
 * Chooses an item of the board's main menu (☰), as a person does: by its name ("Versionen …",
 * "Kleingruppen …"), or by its id in any language (`{ id: 'netzwerkstatt-versions' }`).
 */
export async function chooseFromMainMenu(page: Page, item: string | { id: string }, beforeChoosing?: () => Promise<void>): Promise<void> {
  const button = page.getByTestId('main-menu.button')
  const entry = typeof item === 'string' ? page.getByRole('menuitem', { name: item }) : page.getByTestId(`main-menu.${item.id}`)
  // Open, not toggled: on a busy machine a click could land while the menu still stood open from
  // before (or closing), and close it; the item then never came (a 120-s hang in accessibility.test).
  for (let tries = 0; (await button.getAttribute('aria-expanded')) !== 'true'; tries++) {
    if (tries === 3) throw new Error('the main menu did not open')
    await button.click()
    await expect.poll(() => button.getAttribute('aria-expanded'), { timeout: hang(5_000) }).toBe('true').catch(() => undefined)
  }
  // Once the menu stands open: what the test changes in the page for the choice alone.
  await beforeChoosing?.()
  await entry.click()
}

/** A new page of the board, named `name` and current, with the template `title` inserted from the Vorlagen panel. */
export async function templateOnNewPage(page: Page, name: string, title: RegExp) {
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

/** A second page, "Workshop 2", with a Zielsystem from the Vorlagen panel. */
export const zielsystemOnNewPage = (page: Page) => templateOnNewPage(page, 'Workshop 2', /^Zielsystem/)

/**
 * Whether the app shell (the page and every file it fetched from its own origin) is in the
 * service worker's cache, as it must be before a test takes the network away. Polled from the
 * test: waitForFunction would take the async predicate's promise for "true".
 */
export const shellCached = (page: Page): Promise<boolean> =>
  page.evaluate(async () => {
    const cache = await caches.open('netzwerkstatt-v1')
    const assets = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && !/^\/(api|ws|b)\//.test(u.pathname))
    if (!(await cache.match('/'))) return false
    for (const u of assets) if (!(await cache.match(u.href))) return false
    return true
  })
