/**
 * Results carried across the boards of a network, in real Chromium against the run's shared
 * relay: a network (made through its API, as the Fahrplan does) holds board A with a
 * Zukunftskonferenz (meeting on 12.03.2025) and board B with a Zielsystem, and an internal board
 * naming partners. A's action, with who takes it on, by when and how it will be noticed, reaches
 * the relay as stored updates; B's facilitator, whose browser coordinates the network, carries it
 * into the Teilziel it names, beside an activity someone wrote there: the who, the date and the
 * indicator stand in the same row, the carried Zettel names its origin and day on the canvas
 * (readable on a phone), the panel's Herkunft says where each came from and, once someone changed
 * the source on A, "seit der Übernahme geändert". An internal board's route says it is internal;
 * a new template on B starts with the partners the network's other boards name; a participant on
 * B sees no button to carry from another board, though their browser knows the network too.
 * Another board's Zielsystem hands its Projektziele to the service chain beside B's Zielsystem, into its Wirkungen.
 * What the relay makes of carried items (the Dokumentation, the pack): `test/integration/carriedItems.test.ts`;
 * what a board offers to carry, to whom: `test/integration/carrySource.test.ts`.
 * Files (ARTIFACTS=1): test/artifacts/carry-across-boards-{1366,390}.png (B's panel after the source changed),
 * carried-mark-{1366,390}.png (the carried Zettel's mark), carry-across-boards-chain-effects-1366.png (the chain's Wirkungen).
 */
import { toRichText } from '@tldraw/tlschema'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { meetingEntry } from '../../shared/board/entries/meeting.ts'
import { CreatedNetwork } from '../../shared/networkApi.ts'
import { CarrySourceBoard, carrySourcePath } from '../../shared/results/carrySource.ts'
import { dienstleistungsketteCells as kette } from '../../shared/templates/dienstleistungskette.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { zukunftskonferenzCells as zk } from '../../shared/templates/zukunftskonferenz.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, cameraAtRest, openBoardPage, openTemplatesPanel, zettelInCell } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, connectClient, createBoard, untilHeld, whenSynced, type TestClient } from '../helpers/clients.ts'
import { coordinates, networkCalls } from '../helpers/networkCalls.ts'
import { putNotesInCells, putRecords } from '../helpers/records.ts'
import { artifactsAsked, screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

/** The notes lying in a template cell on the current page: text, and the board they were carried from. */
const notesIn = async (page: Page, key: string) =>
  (await zettelInCell(page, key)).map(({ text, meta }) => ({ text, board: (meta as { carriedFrom?: { board?: string } }).carriedFrom?.board }))
const texts = async (page: Page, key: string) => (await zettelInCell(page, key)).map((n) => n.text).sort()
const row2 = (col: string) => cellKey(ziele.goals, ziele.aktivitaet(2), col)

describe.skipIf(skipBrowserTests)('carrying results across the boards of a network', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)
  const clients: TestClient[] = []
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })

  /** A network with these boards, made through its API as the Fahrplan makes it. */
  const networkOf = async (boards: { board: CreatedBoard; phase: string; internal?: boolean }[]): Promise<CreatedNetwork> => {
    const network = await createNetwork()
    for (const { board, phase, internal = false } of boards) expect((await addBoard(network, board, phase, internal)).status).toBe(201)
    return network
  }
  /** A client on the board as its facilitator, closed after the file. */
  const facilitatorOf = async (board: CreatedBoard) => {
    const client = connectClient(suite.relay, board.id, undefined, { token: board.access.facilitator })
    clients.push(client)
    await whenSynced(client)
    return client
  }
  /** Zettel written into cells as stored updates (their typing is not the subject), awaited by a second client. */
  const writeInCells = async (board: CreatedBoard, entries: Array<[key: string, text: string]>) => {
    const writer = await facilitatorOf(board)
    const notes = putNotesInCells(writer.doc, entries)
    const reader = await facilitatorOf(board)
    await untilHeld(reader.doc, notes)
    return { writer, notes }
  }
  const offered = async (board: CreatedBoard) => CarrySourceBoard.parse(await (await apiFetch(suite.relay, carrySourcePath(board.id))).json()).templates

  it('carries A’s action with who, by when and the indicator into the Teilziel it names on B, marks its origin, and shows when the source changed; the chain beside it takes another board’s Projektziele', { timeout: hang(180_000) }, async () => {
    const boardA = await createBoard(suite.relay, 'Zukunftskonferenz März', { template: 'zukunftskonferenz', locale: 'de' })
    // Board B: the Zielsystem, and beside it a service chain.
    const boardB = await createBoard(suite.relay, 'Zielworkshop', { templates: [{ template: 'zielsystem' }, { template: 'dienstleistungskette' }], locale: 'de' })
    // Another board's Zielsystem, its Projektziele for the chain.
    const goals = await createBoard(suite.relay, 'Zielklausur', { template: 'zielsystem', locale: 'de' })
    // An internal board of the founding phase, naming the network's partners.
    const boardC = await createBoard(suite.relay, 'Gründung Vorbereitung', { template: 'gruendungsveranstaltung', locale: 'de', options: { partners: ['Schuldnerberatung Caritas', 'Jobcenter'] } })
    const network = await networkOf([
      { board: boardA, phase: 'zieleArchitektur' },
      { board: boardB, phase: 'zieleArchitektur' },
      { board: boardC, phase: 'gruendung', internal: true },
      { board: goals, phase: 'zieleArchitektur' },
    ])
    // On board A: the conference's meeting date, and its action plan naming Teilziel 2, with who, by when and how measured.
    const { writer: onA, notes } = await writeInCells(boardA, [
      [zk.actions.block(1, zk.actions.col.massnahme), 'Babysitterpool aufbauen'],
      [zk.actions.block(1, zk.actions.col.ziel), 'Teilziel 2'],
      [zk.actions.block(1, zk.actions.col.wer), 'Familienzentrum Nord'],
      [zk.actions.block(1, zk.actions.col.bisWann), '30.06.2025'],
      [zk.actions.block(1, zk.actions.col.indikator), '20 Familien nutzen ihn'],
    ])
    meetingEntry.set(onA.doc, { date: '2025-03-12', place: 'Rathaus', moderation: '' })
    await expect.poll(async () => (await offered(boardA)).map((t) => ({ notes: t.notes.length, day: t.day }))).toEqual([{ notes: 5, day: '2025-03-12' }])
    await writeInCells(goals, [
      [cellKey(ziele.goals, ziele.projektziel(1), ziele.col.beschreibung), 'Alleinerziehende finden Hilfe an einer Stelle'],
      [cellKey(ziele.goals, ziele.oberziel, ziele.col.beschreibung), 'Kein Kind wächst in Armut auf'],
    ])
    await expect.poll(async () => (await offered(goals)).flatMap((t) => t.notes).length).toBe(2)
    // On board B, Teilziel 2 already has an activity of its own, with another date.
    await writeInCells(boardB, [
      [row2(ziele.col.beschreibung), 'Elterncafé einrichten'],
      [row2(ziele.col.akteure), 'Stadtteilbüro'],
      [row2(ziele.col.bisWann), '31.12.2025'],
    ])

    // B's facilitator, whose browser coordinates the network: a button to carry from A.
    const facilitator = await suite.person()
    await coordinates(facilitator.context, network)
    const pageB = facilitator.page
    await openBoardPage(pageB, boardPageUrl(suite.relay, boardB))
    let panel = await openTemplatesPanel(pageB)
    const item = panel.locator('.nws-instance[data-template="zielsystem"]')
    const carry = item.locator('[data-action="carry-from:zk-actions-teilziel"]')
    await expect.poll(() => carry.textContent(), { timeout: hang(20_000) }).toMatch(/^„Maßnahmen“ übernehmen aus „Zukunftskonferenz März“: Zukunftskonferenz/)
    // The internal board's route says so, and what carrying from it means.
    await expect
      .poll(() => item.locator('[data-action="carry-from:founding-expectations"]').textContent())
      .toMatch(/^„Erwartungen der Organisationen“ übernehmen aus „Gründung Vorbereitung“ \(intern\): Gründungsveranstaltung/)
    expect(await item.getByText('Intern: Zettel, die Sie aus einem internen Board übernehmen, sind dann auf diesem Board sichtbar.').isVisible()).toBe(true)
    // The action and what travels with it: four Zettel; once more, nothing.
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Zettel übernommen aus „Zukunftskonferenz März“: 4')
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')

    // The action lies among the activities of Teilziel 2, beside the one written there, and says
    // where it came from; who, by when and the indicator stand in the same row.
    await expect.poll(async () => (await notesIn(pageB, row2(ziele.col.beschreibung))).sort((a, b) => a.text.localeCompare(b.text))).toEqual([
      { text: 'Babysitterpool aufbauen', board: boardA.id },
      { text: 'Elterncafé einrichten', board: undefined },
    ])
    expect(await texts(pageB, row2(ziele.col.akteure))).toEqual(['Familienzentrum Nord', 'Stadtteilbüro'])
    expect(await texts(pageB, row2(ziele.col.bisWann))).toEqual(['30.06.2025', '31.12.2025'])
    expect(await texts(pageB, row2(ziele.col.indikatoren))).toEqual(['20 Familien nutzen ihn'])
    const [carried] = (await zettelInCell(pageB, row2(ziele.col.beschreibung))).filter((n) => n.text === 'Babysitterpool aufbauen')
    expect(carried!.meta.carriedFrom).toMatchObject({ board: boardA.id, boardTitle: 'Zukunftskonferenz März', day: '2025-03-12' })
    const origins = item.getByRole('region', { name: 'Herkunft' })
    const action = origins.locator('li', { hasText: '„Babysitterpool aufbauen“' })
    await expect.poll(() => action.textContent()).toMatch(/^„Babysitterpool aufbauen“ aus „Zukunftskonferenz März“ · Zukunftskonferenz/)

    // Someone changes the action on board A; B's facilitator opens the panel again.
    const source = notes[0]!
    putRecords(onA.doc, [{ ...source, props: { ...source.props, richText: toRichText('Babysitterpool mit Ehrenamtlichen aufbauen') } }])
    await expect.poll(async () => (await offered(boardA)).flatMap((t) => t.notes.map((n) => n.text)), { timeout: hang(20_000) }).toContain('Babysitterpool mit Ehrenamtlichen aufbauen')
    await pageB.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })
    panel = await openTemplatesPanel(pageB)
    await expect.poll(() => action.textContent(), { timeout: hang(20_000) }).toMatch(/seit der Übernahme geändert: jetzt „Babysitterpool mit Ehrenamtlichen aufbauen“$/)
    // Carrying again adds nothing: the group decides what its copy says.
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')
    await origins.scrollIntoViewIfNeeded()
    await screenshot(pageB, 'carry-across-boards-1366.png')
    if (artifactsAsked) {
      // On a phone the panel takes the width; the long buttons wrap.
      await pageB.setViewportSize({ width: 390, height: 844 })
      await origins.scrollIntoViewIfNeeded()
      await screenshot(pageB, 'carry-across-boards-390.png')
      await pageB.setViewportSize({ width: 1366, height: 768 })
    }

    // A new template on B starts with the partners the network's other boards name.
    await pageB.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })
    panel = await openTemplatesPanel(pageB)
    await panel.getByRole('button', { name: /^Netzwerkkarte/ }).click()
    await expect.poll(() => panel.textContent()).toContain('Schuldnerberatung Caritas')
    await pageB.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })

    // On the canvas: the carried Zettel names its origin and day; those written on this board have none.
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
    expect(await pageB.locator('.nws-carried-mark').count()).toBe(await mark.count())
    await screenshot(pageB, 'carried-mark-1366.png')
    await pageB.setViewportSize({ width: 390, height: 844 })
    await showCarried()
    // Readable on a phone: its type at least 10 CSS pixels on screen.
    const fontPx = await mark.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth))
    expect(fontPx).toBeGreaterThanOrEqual(10)
    await screenshot(pageB, 'carried-mark-390.png')
    await pageB.setViewportSize({ width: 1366, height: 768 })

    // The chain beside the Zielsystem takes the other board's Projektziele into its Wirkungen.
    panel = await openTemplatesPanel(pageB)
    const chain = panel.locator('.nws-instance[data-template="dienstleistungskette"]')
    const toEffects = chain.locator('[data-action="carry-from:goals-effects"]')
    await expect.poll(() => toEffects.textContent(), { timeout: hang(20_000) }).toMatch(/^„Projektziele als Wirkungen“ übernehmen aus „Zielklausur“: Zielsystem/)
    await toEffects.click()
    await expect.poll(() => chain.getByRole('status').textContent()).toBe('Zettel übernommen aus „Zielklausur“: 1')
    await expect.poll(() => notesIn(pageB, kette.wirkungen)).toEqual([{ text: 'Alleinerziehende finden Hilfe an einer Stelle', board: goals.id }])
    if (artifactsAsked) {
      await pageB.getByRole('button', { name: 'Vorlagen', exact: true }).click()
      await panel.waitFor({ state: 'detached' })
      await pageB.evaluate((keys) => {
        const editor = window.__netzwerkstatt!.editor
        const ids = editor.getCurrentPageShapes().filter((s) => keys.includes((s.meta as { netzwerkstatt?: { key: string } }).netzwerkstatt?.key ?? '')).map((s) => s.id)
        editor.zoomToBounds(editor.getShapesPageBounds(ids)!, { inset: 40 })
      }, [kette.gaps, kette.wirkungen, 'head:gaps', 'head:wirkungen'])
      await pageB.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
      await screenshot(pageB, 'carry-across-boards-chain-effects-1366.png')
    }

    // A participant on board B, whose browser knows the network too: no button to carry from A, no Herkunft.
    // (Nor does the relay give them A: `test/integration/carrySource.test.ts`.)
    const participant = await suite.person()
    await coordinates(participant.context, network)
    await openBoardPage(participant.page, boardPageUrl(suite.relay, boardB, 'participant'))
    const theirPanel = await openTemplatesPanel(participant.page)
    const theirItem = theirPanel.locator('.nws-instance[data-template="zielsystem"]')
    await theirItem.waitFor()
    expect(await theirItem.locator('[data-action^="carry-from:"]').count()).toBe(0)
    expect(await theirItem.getByRole('region', { name: 'Herkunft' }).count()).toBe(0)
    expect(facilitator.problems).toEqual([])
    expect(participant.problems).toEqual([])
  })
})
