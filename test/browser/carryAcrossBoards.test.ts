/**
 * Results carried across the boards of a network, in real Chromium against the real relay: a
 * network (created through its API, as the Fahrplan does) holds board A with a Zukunftskonferenz
 * and board B with a Zielsystem; B's facilitator, whose browser coordinates the network, carries
 * A's actions into the Teilziel they name and sees where each came from; once someone changes the
 * source on A, B's facilitator sees "seit der Übernahme geändert"; a participant on B sees no
 * button to carry from another board, though their browser knows the network too. An internal
 * board's route says it is internal; a new template on B starts with the partners the network's
 * other boards name.
 * A Zielsystem's Projektziele go on to a service chain on a third board, into its Wirkungen.
 * Files: test/artifacts/carry-across-boards-1366.png (B's panel after the source changed; -390.png on a phone),
 * carry-across-boards-chain-effects-1366.png (the chain's gaps and Wirkungen after the carry).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedBoard } from '../../shared/api.ts'
import { CreatedNetwork, networkBoardsPath } from '../../shared/networkApi.ts'
import { CarrySourceBoard, carrySourcePath } from '../../shared/results/carrySource.ts'
import { zukunftskonferenzCells as zk } from '../../shared/templates/zukunftskonferenz.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { dienstleistungsketteCells as kette } from '../../shared/templates/dienstleistungskette.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage, openTemplatesPanel, writeNoteInCell, zettelInCell } from '../helpers/boardPages.ts'
import { coordinates } from '../helpers/networkCalls.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'

const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
})


/** The notes lying in a template cell on the current page: text, and the board they were carried from. */
const notesIn = async (page: Page, key: string) =>
  (await zettelInCell(page, key)).map(({ text, meta }) => ({ text, board: (meta as { carriedFrom?: { board?: string } }).carriedFrom?.board }))

describe.skipIf(skipBrowserTests)('carrying results across the boards of a network', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  /** A network with these boards, made through its API as the Fahrplan makes it. */
  const networkOf = async (boards: { board: CreatedBoard; phase: string; internal?: boolean }[]) => {
    const created = await apiFetch(suite.relay, '/api/networks', json({ name: 'Netzwerk Alleinerziehende', targetGroup: 'Alleinerziehende im Landkreis' }))
    expect(created.status).toBe(201)
    const network = CreatedNetwork.parse(await created.json())
    for (const { board, phase, internal = false } of boards) {
      const added = await apiFetch(suite.relay, networkBoardsPath(network.id), json({ boardId: board.id, token: board.access.facilitator, phase, internal }, network.token))
      expect(added.status).toBe(201)
    }
    return network
  }

  it('carries board A’s actions into the Teilziel they name on board B, shows where they came from and when the source changed', { timeout: 180_000 }, async () => {
    const boardA = await createBoard(suite.relay, 'Zukunftskonferenz März', { template: 'zukunftskonferenz', locale: 'de' })
    const boardB = await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem', locale: 'de' })
    // An internal board of the founding phase, naming the network's partners.
    const boardC = await createBoard(suite.relay, 'Gründung Vorbereitung', {
      template: 'gruendungsveranstaltung',
      locale: 'de',
      options: { partners: ['Schuldnerberatung Caritas', 'Jobcenter'] },
    })
    const network = await networkOf([
      { board: boardA, phase: 'zieleArchitektur' },
      { board: boardB, phase: 'zieleArchitektur' },
      { board: boardC, phase: 'gruendung', internal: true },
    ])

    // On board A: the action plan names Teilziel 2.
    const facilitator = await suite.person()
    await coordinates(facilitator.context, network)
    const pageA = facilitator.page
    await openBoardPage(pageA, boardPageUrl(suite.relay, boardA))
    await writeNoteInCell(pageA, zk.actions.block(1, zk.actions.col.massnahme), 'Babysitterpool aufbauen')
    await writeNoteInCell(pageA, zk.actions.block(1, zk.actions.col.ziel), 'Teilziel 2')
    // The relay has them (what board B will read).
    const sourceOnRelay = async () => {
      const response = await apiFetch(suite.relay, carrySourcePath(boardA.id))
      return CarrySourceBoard.parse(await response.json()).templates.flatMap((t) => t.notes.map((n) => n.text))
    }
    await expect.poll(sourceOnRelay, { timeout: 20_000 }).toEqual(expect.arrayContaining(['Babysitterpool aufbauen', 'Teilziel 2']))

    // On board B, in another tab of the same browser: a button to carry from A.
    const pageB = await facilitator.context.newPage()
    await openBoardPage(pageB, boardPageUrl(suite.relay, boardB))
    let panel = await openTemplatesPanel(pageB)
    const item = panel.locator('.nws-instance[data-template="zielsystem"]')
    const carry = item.locator('[data-action="carry-from:zk-actions-teilziel"]')
    await expect.poll(() => carry.textContent(), { timeout: 20_000 }).toMatch(/^„Maßnahmen“ übernehmen aus „Zukunftskonferenz März“: Zukunftskonferenz/)
    // The internal board's route says so, and what carrying from it means.
    await expect
      .poll(() => item.locator('[data-action="carry-from:founding-expectations"]').textContent())
      .toMatch(/^„Erwartungen der Organisationen“ übernehmen aus „Gründung Vorbereitung“ \(intern\): Gründungsveranstaltung/)
    expect(await item.getByText('Intern: Zettel, die Sie aus einem internen Board übernehmen, sind dann auf diesem Board sichtbar.').isVisible()).toBe(true)
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Zettel übernommen aus „Zukunftskonferenz März“: 1')
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')

    // The action lies among the activities of Teilziel 2, and says where it came from.
    const activities2 = cellKey(ziele.goals, ziele.aktivitaet(2), ziele.col.beschreibung)
    await expect.poll(() => notesIn(pageB, activities2)).toEqual([{ text: 'Babysitterpool aufbauen', board: boardA.id }])
    const origins = item.getByRole('region', { name: 'Herkunft' })
    await expect.poll(() => origins.locator('li').allTextContents()).toEqual([expect.stringMatching(/^„Babysitterpool aufbauen“ aus „Zukunftskonferenz März“ · Zukunftskonferenz/)])

    // Someone changes the action on board A; B's facilitator opens the panel again.
    await pageA.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const note = editor.getCurrentPageShapes().find((s) => s.type === 'note' && editor.getShapeUtil(s).getText(s) === 'Babysitterpool aufbauen')!
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Babysitterpool mit Ehrenamtlichen aufbauen' }] }] }
      editor.updateShape({ id: note.id, type: 'note', props: { richText } })
    })
    await expect.poll(sourceOnRelay, { timeout: 20_000 }).toContain('Babysitterpool mit Ehrenamtlichen aufbauen')
    await pageB.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })
    panel = await openTemplatesPanel(pageB)
    await expect
      .poll(() => origins.locator('li').first().textContent(), { timeout: 20_000 })
      .toMatch(/seit der Übernahme geändert: jetzt „Babysitterpool mit Ehrenamtlichen aufbauen“$/)
    // Carrying again adds nothing: the group decides what its copy says.
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Nichts Neues zu übernehmen.')
    await origins.scrollIntoViewIfNeeded()
    await screenshot(pageB, 'carry-across-boards-1366.png')
    // On a phone the panel takes the width; the long buttons wrap.
    await pageB.setViewportSize({ width: 390, height: 844 })
    await origins.scrollIntoViewIfNeeded()
    await screenshot(pageB, 'carry-across-boards-390.png')
    await pageB.setViewportSize({ width: 1366, height: 768 })

    // A new template on B starts with the partners the network's other boards name.
    await pageB.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })
    panel = await openTemplatesPanel(pageB)
    await panel.getByRole('button', { name: /^Netzwerkkarte/ }).click()
    await expect.poll(() => panel.textContent()).toContain('Schuldnerberatung Caritas')

    // A participant on board B, whose browser knows the network too: no button to carry from A, no Herkunft.
    const participant = await suite.person()
    await coordinates(participant.context, network)
    await openBoardPage(participant.page, boardPageUrl(suite.relay, boardB, 'participant'))
    const theirPanel = await openTemplatesPanel(participant.page)
    const theirItem = theirPanel.locator('.nws-instance[data-template="zielsystem"]')
    await theirItem.waitFor()
    expect(await theirItem.locator('[data-action^="carry-from:"]').count()).toBe(0)
    expect(await theirItem.getByRole('region', { name: 'Herkunft' }).count()).toBe(0)
    // Nor could they read board A through the relay with their link.
    const refused = await apiFetch(suite.relay, carrySourcePath(boardA.id), { headers: { authorization: `Bearer ${boardA.access.participant}` } })
    expect(refused.status).toBe(403)
    expect(facilitator.problems).toEqual([])
    expect(participant.problems).toEqual([])
  })

  it('carries a Zielsystem’s Projektziele from one board into the Wirkungen of a service chain on another', { timeout: 180_000 }, async () => {
    const goals = await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem', locale: 'de' })
    const chain = await createBoard(suite.relay, 'Kette', { template: 'dienstleistungskette', locale: 'de' })
    const network = await networkOf([
      { board: goals, phase: 'zieleArchitektur' },
      { board: chain, phase: 'dienstleistungskette' },
    ])
    const { context, page, problems } = await suite.person()
    await coordinates(context, network)
    await openBoardPage(page, boardPageUrl(suite.relay, goals))
    await writeNoteInCell(page, cellKey(ziele.goals, ziele.projektziel(1), ziele.col.beschreibung), 'Alleinerziehende finden Hilfe an einer Stelle')
    await writeNoteInCell(page, cellKey(ziele.goals, ziele.oberziel, ziele.col.beschreibung), 'Kein Kind wächst in Armut auf')
    const read = async () => CarrySourceBoard.parse(await (await apiFetch(suite.relay, carrySourcePath(goals.id))).json()).templates.flatMap((t) => t.notes)
    await expect.poll(async () => (await read()).length, { timeout: 20_000 }).toBe(2)

    await openBoardPage(page, boardPageUrl(suite.relay, chain))
    const panel = await openTemplatesPanel(page)
    const item = panel.locator('.nws-instance[data-template="dienstleistungskette"]')
    const carry = item.locator('[data-action="carry-from:goals-effects"]')
    await expect.poll(() => carry.textContent(), { timeout: 20_000 }).toMatch(/^„Projektziele als Wirkungen“ übernehmen aus „Zielworkshop“: Zielsystem/)
    await carry.click()
    await expect.poll(() => item.getByRole('status').textContent()).toBe('Zettel übernommen aus „Zielworkshop“: 1')
    await expect.poll(() => notesIn(page, kette.wirkungen)).toEqual([{ text: 'Alleinerziehende finden Hilfe an einer Stelle', board: goals.id }])

    await page.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    await panel.waitFor({ state: 'detached' })
    await page.evaluate((keys) => {
      const editor = window.__netzwerkstatt!.editor
      const ids = editor.getCurrentPageShapes().filter((s) => keys.includes((s.meta as { netzwerkstatt?: { key: string } }).netzwerkstatt?.key ?? '')).map((s) => s.id)
      editor.zoomToBounds(editor.getShapesPageBounds(ids)!, { inset: 40 })
    }, [kette.gaps, kette.wirkungen, 'head:gaps', 'head:wirkungen'])
    await page.waitForFunction(() => window.__netzwerkstatt!.editor.getCameraState() === 'idle')
    await screenshot(page, 'carry-across-boards-chain-effects-1366.png')
    expect(problems).toEqual([])
  })
})
