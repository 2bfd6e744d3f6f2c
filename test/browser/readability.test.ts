/**
 * Every template at zoom-to-fit, as the facilitator opens a board made from it: on a 1440×900
 * laptop and a 1920×1080 projector, in German and English, every header is at least 14 px on
 * screen and no label runs out of its box. Screenshots: test/artifacts/fit-<template>-<locale>-<width>.png.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { templateNames } from '../../shared/templates/registry.ts'
import { artifacts, skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'

interface HeaderOnScreen {
  key: string
  px: number
  /** How far the label's text runs past the bottom of its box, in screen pixels. */
  overflow: number
}

/** Once the camera rests with the whole board in view: each template header as drawn. */
async function headersOnScreen(page: Page): Promise<HeaderOnScreen[]> {
  await page.waitForFunction(() => {
    const editor = window.__netzwerkstatt!.editor
    const content = editor.getCurrentPageBounds()
    return !!content && editor.getCameraState() === 'idle' && editor.getViewportPageBounds().contains(content)
  })
  return page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    return editor
      .getCurrentPageShapes()
      .filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'header')
      .map((shape) => {
        const element = document.querySelector(`[data-shape-id="${shape.id}"]`)
        const text = element?.querySelector('.tl-rich-text')
        const box = element?.getBoundingClientRect()
        const label = text?.getBoundingClientRect()
        const key = (shape.meta as { netzwerkstatt: { key: string } }).netzwerkstatt.key
        // The camera's zoom and the shape's scale are both transforms: the drawn size over the laid-out one.
        const drawn = text instanceof HTMLElement && label ? label.width / text.offsetWidth : 0
        const px = parseFloat(text ? getComputedStyle(text).fontSize : '0') * drawn
        return { key, px, overflow: box && label ? Math.max(0, label.bottom - box.bottom) : Infinity }
      })
  })
}

describe.skipIf(skipBrowserTests)('templates readable at zoom-to-fit', () => {
  const suite = boardBrowserSuite()

  for (const template of templateNames)
    for (const locale of ['de', 'en'] as const)
      it(`${template} (${locale}) on a laptop and a projector`, { timeout: 60_000 }, async () => {
        const board = await createBoard(suite.relay, template, { template, locale })
        for (const viewport of [
          { width: 1440, height: 900 },
          { width: 1920, height: 1080 },
        ]) {
          // A newcomer each time: a reload would keep the view of the last visit.
          const { page, problems, context } = await suite.person({ viewport, locale: locale === 'de' ? 'de-DE' : 'en-GB' })
          await openBoardPage(page, boardPageUrl(suite.relay, board))
          const headers = await headersOnScreen(page)
          expect(headers.length).toBeGreaterThan(2)
          const small = headers.filter((h) => h.px < 14).map((h) => `${h.key}: ${h.px.toFixed(1)} px`)
          const overflowing = headers.filter((h) => h.overflow > 1).map((h) => `${h.key}: ${h.overflow.toFixed(0)} px`)
          expect({ small, overflowing }).toEqual({ small: [], overflowing: [] })
          await page.screenshot({ path: join(artifacts, `fit-${template}-${locale}-${viewport.width}.png`) })
          expect(problems).toEqual([])
          await context.close()
        }
      })
})
