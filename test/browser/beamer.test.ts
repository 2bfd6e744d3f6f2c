/**
 * The Beamer mode in Chromium: the projector laptop shows the board on the wall and is nobody on
 * it. A facilitator and a participant are on a Gründungsveranstaltung; a third browser opens the
 * facilitator's link with `?beamer=1` at 1920×1080:
 * - it asks no name, and nobody's people list, cursors or awareness gain a person;
 * - while the facilitator presents and a vote is open, the wall shows the slide alone: no toolbar,
 *   no vote panel, no toasts, no dot targets; the template's title lies whole in the 16:9 safe area;
 * - it leaves the mode by its small button, and is then someone again.
 * And the facilitator's presenter bar leaves the „Vorlagen“ button free at 1440 and 1366 px (the
 * same page, resized).
 * Screenshots: test/artifacts/beamer-wall-presenting-1920.png, beamer-wall-presenting-itself-1920.png,
 * beamer-presenter-{1366,1440}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, cameraAtRest, noteTexts, openBoardPage, restsInView, writeNoteInCell } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../helpers/clients.ts'
import { wallParam } from '../../shared/wall.ts'

type Box = { x: number; y: number; width: number; height: number }

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The board link with the Beamer flag, before the fragment that holds the token. */
const beamerUrl = (url: string) => url.replace('#', '?beamer=1#')

/** Opens the wall and waits until it is connected and its editor is there. */
async function openWall(page: Page, url: string) {
  await page.goto(url)
  await page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
}

const peopleCount = (page: Page) => page.locator('[data-people-count]').getAttribute('data-people-count')
/** The people this page knows through awareness: others' presences. */
const collaborators = (page: Page) => page.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().length)

describe.skipIf(skipBrowserTests)('the Beamer mode', () => {
  const suite = boardBrowserSuite()

  it('the wall is nobody on the board and shows a slide alone while a vote is open; the presenter bar leaves „Vorlagen“ free at 1440 and 1366 px', { timeout: 120_000 }, async () => {
    const board = await createBoard(suite.relay, 'Gründungsveranstaltung Netzwerk Frühe Hilfen Landkreis', { template: 'gruendungsveranstaltung', locale: 'de' })
    const facilitator = await suite.person({ viewport: { width: 1440, height: 900 } })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const participant = await suite.person({ viewport: { width: 1440, height: 900 } })
    await openBoardPage(participant.page, boardPageUrl(suite.relay, board, 'participant'))
    for (const p of [facilitator, participant]) await expect.poll(() => peopleCount(p.page), { timeout: 15_000 }).toBe('2')

    // A browser new to the app, which would be asked for a name.
    const wall = await suite.person({ viewport: { width: 1920, height: 1080 }, askName: true })
    await openWall(wall.page, beamerUrl(boardPageUrl(suite.relay, board)))
    // It hears both of them, so its own awareness would have reached them before this.
    await expect.poll(() => collaborators(wall.page), { timeout: 15_000 }).toBe(2)
    expect(await wall.page.locator('.nws-name-prompt').count()).toBe(0)
    expect(await wall.page.locator('.tlui-main-toolbar, .nws-facilitation-dock, .nws-share-zone').count()).toBe(0)
    // The flag is remembered, not kept in the address: a reload stays the wall, the link stays clean.
    expect(new URL(wall.page.url()).search).toBe('')

    await facilitator.page.getByRole('button', { name: 'Präsentieren' }).click()
    // The wall follows the presentation to its first slide: the template drawn as a table.
    await expect.poll(() => wall.page.locator('.nws-wall-table__title').textContent(), { timeout: 15_000 }).toMatch(/^Gründungsveranstaltung/)

    // A Zettel to vote on (writing moves nobody's view): the participant gets a target for dots on it, the wall must not.
    // Written into a cell the wall's slide shows: it appears there while the slide is shown.
    const cell = (await wall.page.locator('.nws-wall-table__cell').first().getAttribute('data-cell'))!
    await writeNoteInCell(participant.page, cell, 'Kinderbetreuung bei Terminen')
    await facilitator.page.getByRole('button', { name: 'Punktabfrage …' }).click()
    await facilitator.page.getByRole('button', { name: 'Punktabfrage starten' }).click()
    await participant.page.getByRole('region', { name: 'Punktabfrage' }).getByText('Noch 3 Punkte').waitFor()
    await participant.page.locator('.nws-vote-target').first().waitFor()
    await expect.poll(() => noteTexts(wall.page)).toEqual(['Kinderbetreuung bei Terminen'])

    await cameraAtRest(wall.page)
    await wall.page.mouse.move(960, 540)
    await screenshot(wall.page, 'beamer-wall-presenting-1920.png')

    // Nothing but the slide: no tools, no vote panel or its facilitator's buttons, no toasts, no dot targets.
    for (const hidden of ['.tlui-main-toolbar', '.tlui-menu-zone', '.nws-facilitation', '.nws-vote-panel', '.tlui-toast__container', '.nws-vote-target', '.nws-name-prompt']) {
      expect(await wall.page.locator(hidden).count(), hidden).toBe(0)
    }
    expect(await wall.page.getByText('Ergebnis löschen', { exact: false }).count()).toBe(0)
    expect(await wall.page.getByText('Punktabfrage', { exact: false }).count()).toBe(0)

    // The slide is the template's table: its title whole within the 16:9 safe area (a tenth of the
    // picture left free around it), the Zettel on it.
    const onScreen = await wall.page.locator('.nws-wall-table__title').boundingBox()
    expect(await wall.page.locator('.nws-wall-table__title').innerText()).toContain('Gründungsveranstaltung')
    expect(onScreen!.x).toBeGreaterThanOrEqual(1920 * 0.05 - 1)
    expect(onScreen!.y).toBeGreaterThanOrEqual(1080 * 0.05 - 1)
    expect(onScreen!.x + onScreen!.width).toBeLessThanOrEqual(1920 * 0.95 + 1)
    expect(onScreen!.y + onScreen!.height).toBeLessThanOrEqual(1080 * 0.95 + 1)
    await expect.poll(() => wall.page.locator('.nws-wall-table__item--zettel').allInnerTexts()).toEqual(['Kinderbetreuung bei Terminen'])

    // Nobody gained a person: not in the lists, not as a cursor, not in awareness.
    for (const p of [facilitator, participant]) {
      expect(await peopleCount(p.page)).toBe('2')
      expect(await collaborators(p.page)).toBe(1)
    }
    await facilitator.page.locator('.tlui-people-menu__avatars-button').click()
    await facilitator.page.getByText('2 Personen auf dem Board').waitFor()

    // Leaving the mode: the wall's small button; then it is someone (and asked for a name).
    await wall.page.getByRole('button', { name: 'Beamer-Modus beenden' }).click()
    await wall.page.locator('.nws-name-prompt').waitFor()
    await wall.page.getByRole('button', { name: 'Später' }).click()
    await expect.poll(() => peopleCount(facilitator.page), { timeout: 15_000 }).toBe('3')

    // The facilitator's presenter bar, at 1440 px and at 1366 px, leaves „Vorlagen“ free and reachable.
    const bar = facilitator.page.locator('.nws-presenter')
    const templates = facilitator.page.getByRole('button', { name: 'Vorlagen', exact: true })
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1366, height: 768 }]) {
      await facilitator.page.setViewportSize(viewport)
      await expect.poll(() => facilitator.page.evaluate(() => window.innerWidth)).toBe(viewport.width)
      await bar.waitFor()
      const [barBox, templatesBox] = [(await bar.boundingBox())!, (await templates.boundingBox())!]
      await screenshot(facilitator.page, `beamer-presenter-${viewport.width}.png`)
      expect(overlap(barBox, templatesBox), `at ${viewport.width} px: presenter bar ${JSON.stringify(barBox)} and Vorlagen ${JSON.stringify(templatesBox)}`).toBe(false)
    }
    await templates.click()
    await facilitator.page.getByRole('dialog', { name: 'Vorlagen' }).waitFor()
    expect([...facilitator.problems, ...participant.problems, ...wall.problems]).toEqual([])
  })

  it('a facilitator makes this device the wall at its name prompt, and presents from it', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel im Landkreis', { template: 'planspiel', locale: 'de' })
    const facilitator = await suite.person({ viewport: { width: 1440, height: 900 } })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
    const wall = await suite.person({ viewport: { width: 1920, height: 1080 }, askName: true })
    await wall.page.goto(boardPageUrl(suite.relay, board))
    await wall.page.getByRole('button', { name: 'Dieses Gerät ist der Beamer' }).click()
    await wall.page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: 20_000 })
    await expect.poll(() => collaborators(wall.page), { timeout: 15_000 }).toBe(1)
    // Remembered for this board: a reload is the wall again, without a question.
    const sockets: string[] = []
    wall.page.on('websocket', (socket) => sockets.push(socket.url()))
    await wall.page.reload()
    await wall.page.locator('.nws-beamer [data-connection="connected"]').waitFor({ timeout: 20_000 })
    expect(await wall.page.locator('.nws-name-prompt').count()).toBe(0)
    // It tells the relay it is the wall, which then counts it among nobody present in a vote,
    // also while it presents (test/integration/voting.test.ts).
    expect(sockets.filter((url) => url.includes('/ws/')).map((url) => new URL(url).searchParams.get(wallParam.name))).toContain(wallParam.value)

    // The wall presents itself, with a presenter's clicker (arrows, Escape); the facilitator's
    // laptop follows each step, as everyone's does, and it is the current step.
    await wall.page.getByRole('button', { name: 'Präsentieren' }).click()
    const where = wall.page.locator('.nws-beamer .nws-presenter__where')
    await expect.poll(() => where.innerText()).toBe('1 von 4: 1 · Einführung und Rollen')
    await wall.page.keyboard.press('ArrowRight')
    await expect.poll(() => where.innerText()).toBe('2 von 4: 2 · Spiel (≈ 90 Min.)')
    await facilitator.page.locator('.nws-agenda-chip').getByText('2 · Spiel').waitFor()
    await expect.poll(() => restsInView(facilitator.page, 'head:scenes'), { timeout: 10_000 }).toBe(true)
    await cameraAtRest(wall.page)
    // The pointer away from the corner, as on the wall: the corner fades.
    await wall.page.mouse.move(960, 540)
    await wall.page.waitForFunction(() => getComputedStyle(document.querySelector('.nws-beamer-bar')!).opacity === '0.3')
    await screenshot(wall.page, 'beamer-wall-presenting-itself-1920.png')
    await wall.page.keyboard.press('Escape')
    await wall.page.getByRole('button', { name: 'Präsentieren' }).waitFor()
    expect(await peopleCount(facilitator.page)).toBe('1')
    expect(await collaborators(facilitator.page)).toBe(0)
    expect([...facilitator.problems, ...wall.problems]).toEqual([])
  })

})
