/**
 * Carrying carries the whole item, in real Chromium against the real relay: a network of two
 * boards, a Zukunftskonferenz (meeting on 12.03.2025) and a Zielsystem. The action planned on the
 * first, with who takes it on, by when and how it will be noticed, is carried into Teilziel 2 on
 * the second, where someone already wrote another activity with its own date. Then: the who, the
 * date and the indicator stand in the same row; the carried Zettel shows where it came from on the
 * canvas; the second board's Dokumentation lists the action once, with its own owner and date and
 * its origin; the pack lists it once across both boards; a date changed on the Zielsystem since
 * the carry is the one the pack gives.
 * Files: test/artifacts/carried-mark-1366.png, carried-mark-390.png (the carried Zettel's mark).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { reportPath } from '../../shared/api.ts'
import { CreatedNetwork, networkBoardsPath, networkPackPath } from '../../shared/networkApi.ts'
import { CarrySourceBoard, carrySourcePath } from '../../shared/results/carrySource.ts'
import { meetingEntry } from '../../shared/board/entries/meeting.ts'
import { zukunftskonferenzCells as zk } from '../../shared/templates/zukunftskonferenz.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { cellKey } from '../../shared/templates/table.ts'
import type { Dokumentation } from '../../shared/results/dokumentation.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, openBoardPage, openTemplatesPanel, writeNoteInCell, zettelInCell } from '../helpers/boardPages.ts'
import { coordinates } from '../helpers/networkCalls.ts'
import { apiFetch, boardPageUrl, connectClient, createBoard, whenSynced } from '../helpers/clients.ts'

const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
})


const row2 = (col: string) => cellKey(ziele.goals, ziele.aktivitaet(2), col)
const texts = async (page: Page, key: string) => (await zettelInCell(page, key)).map((n) => n.text).sort()

describe.skipIf(skipBrowserTests)('carrying the whole item across the boards of a network', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  const networkOf = async (boards: CreatedBoard[]) => {
    const created = await apiFetch(suite.relay, '/api/networks', json({ name: 'Netzwerk Alleinerziehende', targetGroup: 'Alleinerziehende' }))
    expect(created.status).toBe(201)
    const network = CreatedNetwork.parse(await created.json())
    for (const board of boards) {
      const added = await apiFetch(suite.relay, networkBoardsPath(network.id), json({ boardId: board.id, token: board.access.facilitator, phase: 'zieleArchitektur', internal: false }, network.token))
      expect(added.status).toBe(201)
    }
    return network
  }

  it('carries who, by when and the indicator with the action, marks its origin, and lists it once in the Dokumentation and the pack', { timeout: 240_000 }, async () => {
    const boardA = await createBoard(suite.relay, 'Zukunftskonferenz März', { template: 'zukunftskonferenz', locale: 'de' })
    const boardB = await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem', locale: 'de' })
    const network = await networkOf([boardA, boardB])
    // The conference's meeting date, as the facilitator enters it in the Dokumentation's header.
    const header = connectClient(suite.relay, boardA.id, undefined, { token: boardA.access.facilitator })
    await whenSynced(header)
    meetingEntry.set(header.doc, { date: '2025-03-12', place: 'Rathaus', moderation: '' })

    const { context, page: pageA, problems } = await suite.person()
    await coordinates(context, network)
    await openBoardPage(pageA, boardPageUrl(suite.relay, boardA))
    await writeNoteInCell(pageA, zk.actions.block(1, zk.actions.col.massnahme), 'Babysitterpool aufbauen')
    await writeNoteInCell(pageA, zk.actions.block(1, zk.actions.col.ziel), 'Teilziel 2')
    await writeNoteInCell(pageA, zk.actions.block(1, zk.actions.col.wer), 'Familienzentrum Nord')
    await writeNoteInCell(pageA, zk.actions.block(1, zk.actions.col.bisWann), '30.06.2025')
    await writeNoteInCell(pageA, zk.actions.block(1, zk.actions.col.indikator), '20 Familien nutzen ihn')
    const source = async () => CarrySourceBoard.parse(await (await apiFetch(suite.relay, carrySourcePath(boardA.id))).json()).templates[0]
    await expect.poll(async () => ({ notes: (await source())?.notes.length, day: (await source())?.day }), { timeout: 20_000 }).toEqual({ notes: 5, day: '2025-03-12' })
    header.destroy()

    // On the Zielsystem, Teilziel 2 already has an activity of its own, with another date.
    const pageB = await context.newPage()
    await openBoardPage(pageB, boardPageUrl(suite.relay, boardB))
    await writeNoteInCell(pageB, row2(ziele.col.beschreibung), 'Elterncafé einrichten')
    await writeNoteInCell(pageB, row2(ziele.col.akteure), 'Stadtteilbüro')
    await writeNoteInCell(pageB, row2(ziele.col.bisWann), '31.12.2025')
    const panel = await openTemplatesPanel(pageB)
    const item = panel.locator('.nws-instance[data-template="zielsystem"]')
    const carry = item.locator('[data-action="carry-from:zk-actions-teilziel"]')
    await expect.poll(() => carry.count(), { timeout: 20_000 }).toBe(1)
    await carry.click()
    // The action and what travelled with it: four Zettel.
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Zettel übernommen aus „Zukunftskonferenz März“: 4')
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')
    await expect.poll(() => texts(pageB, row2(ziele.col.beschreibung))).toEqual(['Babysitterpool aufbauen', 'Elterncafé einrichten'])
    expect(await texts(pageB, row2(ziele.col.akteure))).toEqual(['Familienzentrum Nord', 'Stadtteilbüro'])
    expect(await texts(pageB, row2(ziele.col.bisWann))).toEqual(['30.06.2025', '31.12.2025'])
    expect(await texts(pageB, row2(ziele.col.indikatoren))).toEqual(['20 Familien nutzen ihn'])
    const [carried] = (await zettelInCell(pageB, row2(ziele.col.beschreibung))).filter((n) => n.text === 'Babysitterpool aufbauen')
    expect(carried.meta.carriedFrom).toMatchObject({ board: boardA.id, boardTitle: 'Zukunftskonferenz März', day: '2025-03-12' })

    // On the canvas: the carried Zettel names its origin and day.
    await pageB.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })
    const mark = pageB.locator('.nws-carried-mark', { has: pageB.locator('.nws-carried-mark__day', { hasText: '12.03.2025' }) })
    // Close enough to read the Zettel: the row of Teilziel 2's activities in view.
    const showCarried = async () => {
      await pageB.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === 'Babysitterpool aufbauen')!
        const box = editor.getShapePageBounds(note)!
        editor.zoomToBounds({ x: box.x - box.w * 0.5, y: box.y - box.h, w: box.w * 3, h: box.h * 3 }, { immediate: true })
      })
      await cameraAtRest(pageB)
    }
    await showCarried()
    await expect.poll(() => mark.count()).toBeGreaterThan(0)
    expect(await mark.first().locator('.nws-carried-mark__where').textContent()).toBe('aus: Zukunftskonferenz März')
    // The Zettel written on this board has none.
    expect(await pageB.locator('.nws-carried-mark').count()).toBe(await mark.count())
    await screenshot(pageB, 'carried-mark-1366.png')
    await pageB.setViewportSize({ width: 390, height: 844 })
    await showCarried()
    // Readable on a phone: its type at least 10 CSS pixels on screen.
    const fontPx = await mark.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth))
    expect(fontPx).toBeGreaterThanOrEqual(10)
    await screenshot(pageB, 'carried-mark-390.png')
    await pageB.setViewportSize({ width: 1366, height: 768 })

    // The Zielsystem's Dokumentation: each activity once, with its own owner and date.
    const day = '2025-04-01'
    const readDoc = async () => {
      const response = await apiFetch(suite.relay, reportPath(boardB.id, 'json', 'de', day), { headers: { authorization: `Bearer ${boardB.access.facilitator}` } })
      return ((await response.json()) as Dokumentation).openItems.map(({ what, who, when }) => ({ what, who, when }))
    }
    await expect
      .poll(readDoc, { timeout: 20_000 })
      .toEqual([
        { what: ['Elterncafé einrichten'], who: ['Stadtteilbüro'], when: ['31.12.2025'] },
        { what: ['Babysitterpool aufbauen'], who: ['Familienzentrum Nord'], when: ['30.06.2025'] },
      ])
    const markdown = await (await apiFetch(suite.relay, reportPath(boardB.id, 'md', 'de', day), { headers: { authorization: `Bearer ${boardB.access.facilitator}` } })).text()
    expect(markdown).toContain('aus: Zukunftskonferenz März, 12.03.2025')

    // The pack across both boards: the action once, on the Zielsystem, with its origin.
    const packRows = async () => {
      const response = await apiFetch(suite.relay, networkPackPath(network.id, 'csv', 'de', day), { headers: { authorization: `Bearer ${network.token}` } })
      expect(response.status).toBe(200)
      return (await response.text()).split('\n').filter((line) => line.includes('Babysitterpool'))
    }
    await expect.poll(async () => (await packRows()).length).toBe(1)
    const [row] = await packRows()
    expect(row).toContain('Familienzentrum Nord')
    expect(row).toContain('30.06.2025')
    expect(row).toContain('Zielworkshop')
    expect(row).toContain('aus: Zukunftskonferenz März, 12.03.2025')
    expect(row).not.toContain('31.12.2025')

    // The Zielsystem's group moves the date: its word counts over the conference's.
    await pageB.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === '30.06.2025')!
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '15.09.2025' }] }] }
      editor.updateShape({ id: note.id, type: 'note', props: { richText } })
    })
    await expect.poll(async () => (await packRows()).map((r) => r.includes('15.09.2025') && !r.includes('30.06.2025')), { timeout: 20_000 }).toEqual([true])
    expect(problems).toEqual([])
  })
})
