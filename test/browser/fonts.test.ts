/**
 * The canvas draws with tldraw's fonts cut down to Latin (`deploy/fontSubsets.ts`): a German
 * board loads only the subsets, and only the faces it draws with (bold once a Zettel has bold
 * words); a Zettel in Cyrillic still shows in the board's font, because each face has a twin with
 * the full font for the other characters, fetched only then.
 * Screenshot (ARTIFACTS=1): test/artifacts/fonts-cyrillic.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { screenshot } from '../helpers/screenshots.ts'

/** A Zettel with this text at (x, y) on the current page, drawn in the default (draw) font. */
const writeZettel = (page: Page, text: string, x: number, bold = false) =>
  page.evaluate(
    ({ text, x, bold }) => {
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, ...(bold ? { marks: [{ type: 'bold' }] } : {}) }] }] }
      window.__netzwerkstatt!.editor.createShape({ type: 'note', x, y: 0, props: { richText } })
    },
    { text, x, bold },
  )

/** The twins with the full font that the page has fetched (status `loaded`), by family. */
const loadedFullFaces = (page: Page) =>
  page.evaluate(() => [...document.fonts].filter((face) => face.unicodeRange !== 'U+0-10FFFF' && face.family.startsWith('tldraw_') && face.status === 'loaded').map((f) => f.family))

describe.skipIf(skipBrowserTests)('fonts', () => {
  const suite = boardBrowserSuite()

  it('a German board loads the subsets of the faces it uses only; a Cyrillic Zettel gets the full draw font', async () => {
    const board = await createBoard(suite.relay, 'Schrift')
    const { page } = await suite.person()
    const fonts: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('.woff2')) fonts.push(new URL(request.url()).pathname)
    })
    await openBoardPage(page, boardPageUrl(suite.relay, board))
    await writeZettel(page, 'Größere Straße: „Übergänge“ – 5 € …', 0)
    await page.waitForFunction(() => document.fonts.status === 'loaded' && [...document.fonts].some((f) => f.family === 'tldraw_draw' && f.status === 'loaded'))
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.filter((path) => !path.includes('-subset-'))).toEqual([])
    expect(await loadedFullFaces(page)).toEqual([])
    // Only the faces the board draws with, not all sixteen tldraw has (`fontsOnDemand`).
    const families = (paths: string[]) => [...new Set(paths.map((path) => /\/assets\/(.+?)-subset-/.exec(path)![1]))].sort()
    expect(families(fonts)).toContain('Shantell_Sans-Informal_Regular')
    expect(families(fonts).filter((family) => /Bold|Italic|Mono|Serif/.test(family))).toEqual([])
    await writeZettel(page, 'Wichtig', -300, true)
    await page.waitForFunction(() => [...document.fonts].some((f) => f.family === 'tldraw_draw' && f.weight === 'bold' && f.status === 'loaded'))
    expect(families(fonts)).toContain('Shantell_Sans-Informal_Bold')

    await writeZettel(page, 'Привет, Ελλάδα', 300)
    await page.waitForFunction(() => [...document.fonts].some((f) => f.family === 'tldraw_draw' && f.unicodeRange !== 'U+0-10FFFF' && f.status === 'loaded'))
    expect(await loadedFullFaces(page)).toEqual(['tldraw_draw'])
    await page.evaluate(() => void window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } }))
    await screenshot(page, 'fonts-cyrillic.png')
  })
})
