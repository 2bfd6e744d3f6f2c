/**
 * The „Erledigt?“ column on the board (issue 44): each template with a Wer/Bis-wann table, made
 * with a new board, shows it beside Wer and Bis wann, in view at zoom-to-fit on a 1366×768 laptop.
 * Screenshots (`ARTIFACTS=1`): done-column-<template>.png.
 */
import { describe, expect, it } from 'vitest'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { createBoard } from '../helpers/clients.ts'
import { screenshot } from '../helpers/screenshots.ts'

const suite = boardBrowserSuite({ width: 1366, height: 768 })

describe('the „Erledigt?“ column', () => {
  const templates = ['protokoll', 'arbeitsauftrag', 'zukunftskonferenz', 'gruendungsveranstaltung', 'angebotsuebersicht', 'dienstleistungskette'] as const
  for (const template of templates) {
    it(`stands in the ${template}'s task table, in view at 1366×768`, { timeout: 60_000 }, async () => {
      const board = await createBoard(suite.relay, `Erledigt ${template}`, { templates: [{ template }] })
      const { page } = await suite.person()
      await openBoardPage(page, `${suite.relay.httpUrl}/b/${board.id}#${board.access.facilitator}`)
      const header = await page.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const shapes = editor.getCurrentPageShapes()
        const done = shapes.find((s) => /(^|:)head(:action)?:erledigt$/.test(String((s.meta as { netzwerkstatt?: { key?: unknown } }).netzwerkstatt?.key ?? '')))
        if (!done) return null
        editor.zoomToFit({ animation: { duration: 0 } })
        const view = editor.getViewportPageBounds()
        const bounds = editor.getShapePageBounds(done)!
        return { text: editor.getShapeUtil(done).getText(done) ?? '', inView: view.contains(bounds), zoom: editor.getZoomLevel() }
      })
      expect(header?.text).toBe('Erledigt?')
      expect(header?.inView).toBe(true)
      await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
      await screenshot(page, `done-column-${template}.png`)
    })
  }
})
