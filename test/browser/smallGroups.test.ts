/**
 * Small groups that report back, in Chromium: the facilitator opens a round of three groups with
 * the Planspiel; two people join by their group's code and land on their group's page and write
 * a Zettel there (the third group's arrives from a client); "Zurückholen" puts the three results
 * side by side on the plenary page, each in a frame with its group's name, and leaves the groups
 * as they were. The board's timer runs on every group's page. Taking over a template's groups
 * (drawn names, roles, a Zukunftskonferenz's copies) and leaving out the read-only link: the
 * facilitator's page with one browser person where landing or a watcher's page is the subject,
 * the others present as the app's presence over awareness (forming and collecting groups as data:
 * test/unit/groupRound.test.ts). Screenshots: test/artifacts/groups-{form,panel,codes,member,collected}-*.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, chooseFromMainMenu, noteTexts, openBoardPage, openTemplatesPanel } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { presenceJson, type FakePerson } from '../helpers/presence.ts'
import { groupsEntry } from '../../shared/board/entries/groups.ts'

const names = ['Jugendamt', 'Schule', 'Beratungsstelle']

/** What a group's page holds, read on `page`: how many shapes and which Zettel texts. */
const pageContent = (page: Page, name: string) =>
  page.evaluate((name) => {
    const editor = window.__netzwerkstatt!.editor
    const target = editor.getPages().find((p) => p.name === name)
    if (!target) return null
    const shapes = [...editor.getPageShapeIds(target.id)].map((id) => editor.getShape(id)!)
    const notes = shapes.filter((s) => s.type === 'note').map((s) => editor.getShapeUtil(s).getText(s) ?? '')
    return { shapes: shapes.length, notes: notes.sort() }
  }, name)

/** The frames on the plenary page, left to right, with the Zettel texts inside each. */
const collectedFrames = (page: Page) =>
  page.evaluate(() => {
    const editor = window.__netzwerkstatt!.editor
    const plenary = editor.getPages()[0]!
    return editor
      .getSortedChildIdsForParent(plenary.id)
      .map((id) => editor.getShape(id)!)
      .filter((s) => s.type === 'frame')
      .map((frame) => {
        const inside = [...editor.getShapeAndDescendantIds([frame.id])].map((id) => editor.getShape(id)!)
        const bounds = editor.getShapePageBounds(frame.id)!
        return {
          name: (frame.props as { name: string }).name,
          x: bounds.x,
          maxX: bounds.maxX,
          notes: inside.filter((s) => s.type === 'note').map((s) => editor.getShapeUtil(s).getText(s) ?? ''),
          templates: inside.filter((s) => (s.meta as { netzwerkstatt?: { kind?: string } }).netzwerkstatt?.kind === 'title').length,
        }
      })
      .sort((a, b) => a.x - b.x)
  })

describe.skipIf(skipBrowserTests)('small groups that report back', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })

  it('three groups join by their codes, write in their own page, and come back side by side', { timeout: 240_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel in Gruppen', { locale: 'de' })
    const facilitator = await suite.person()
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))

    await chooseFromMainMenu(f, 'Kleingruppen …')
    for (const [i, name] of names.entries()) await f.getByLabel(`Name von Gruppe ${i + 1}`).fill(name)
    await f.getByLabel('Vorlage für jede Gruppe').selectOption('planspiel')
    await screenshot(f, 'groups-form-1920.png')
    await f.getByRole('button', { name: 'Gruppen starten' }).click()
    const codes = f.locator('[data-group-code]')
    await expect.poll(() => codes.count(), { timeout: 20_000 }).toBe(3)
    const groupCodes = await codes.allTextContents()
    await screenshot(f, 'groups-panel-1920.png')
    await f.getByRole('button', { name: 'Codes zeigen' }).click()
    await f.locator('.nws-groups-codes .nws-qr').nth(2).waitFor()
    await screenshot(f, 'groups-codes-1920.png')
    await f.getByRole('button', { name: 'Schließen' }).click()
    const emptyGroup = await pageContent(f, names[0]!)
    expect(emptyGroup!.shapes).toBeGreaterThan(10)
    expect(emptyGroup!.notes).toEqual([])

    // Two people follow their group's code (Jugendamt at a laptop, Beratungsstelle on a phone-sized
    // screen) and land on their group's page, with the plenary a click away. The Schule group's
    // result arrives as a stored update from a client: collecting three groups is the subject, not a
    // third browser.
    const inBrowser = [0, 2] as const
    const members: Page[] = []
    const problems: string[][] = [facilitator.problems]
    for (const i of inBrowser) {
      const member = await suite.person({ viewport: i === 2 ? { width: 390, height: 844 } : { width: 1366, height: 768 } })
      await openBoardPage(member.page, `${suite.relay.httpUrl}/j/${groupCodes[i]}`)
      await expect.poll(() => member.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name), { timeout: 20_000 }).toBe(names[i])
      await member.page.getByRole('button', { name: 'Zum Plenum' }).waitFor()
      members.push(member.page)
      problems.push(member.problems)
    }

    // The board's timer runs for everyone, in every group.
    await f.locator('button.nws-timer').click()
    await f.locator('[data-minutes="15"]').click()
    await f.keyboard.press('Escape')
    for (const page of members) await expect.poll(() => page.locator('.nws-timer[role="timer"] .nws-timer__time').textContent(), { timeout: 15_000 }).toMatch(/^1[45]:\d\d$/)

    // Each writes a Zettel on their group's page.
    for (const [m, page] of members.entries()) {
      const name = names[inBrowser[m]!]
      const viewport = page.viewportSize()!
      await page.keyboard.press('n')
      await page.mouse.click(viewport.width / 2, viewport.height * 0.7)
      await page.locator('[contenteditable="true"][role="textbox"]').waitFor()
      await page.keyboard.type(`Ergebnis ${name}`)
      await page.keyboard.press('Escape')
      await expect.poll(() => noteTexts(page)).toEqual([`Ergebnis ${name}`])
    }
    const schulePage = await f.evaluate((name) => window.__netzwerkstatt!.editor.getPages().find((p) => p.name === name)!.id, names[1]!)
    const schule = connectClient(suite.relay, board.id)
    await whenSynced(schule)
    putRecords(schule.doc, [{ ...noteAt(400, 400, `Ergebnis ${names[1]}`), parentId: schulePage }])
    await screenshot(members[0]!, 'groups-member-1366.png')
    await screenshot(members[1]!, 'groups-member-390.png')
    const before = []
    for (const name of names) {
      await expect.poll(() => pageContent(f, name).then((c) => c?.notes), { timeout: 20_000 }).toEqual([`Ergebnis ${name}`])
      before.push(await pageContent(f, name))
    }
    schule.destroy()

    // One member looks at the plenary and back: one click each way.
    await members[0]!.getByRole('button', { name: 'Zum Plenum' }).click()
    await members[0]!.getByRole('button', { name: `Zu meiner Gruppe: ${names[0]}` }).click()
    await members[0]!.getByRole('button', { name: 'Zum Plenum' }).waitFor()

    await f.getByRole('button', { name: 'Zurückholen' }).click()
    await expect.poll(() => collectedFrames(f).then((frames) => frames.map((x) => x.name)), { timeout: 20_000 }).toEqual(names)
    const frames = await collectedFrames(f)
    for (const [i, frame] of frames.entries()) {
      expect(frame.notes).toEqual([`Ergebnis ${names[i]}`])
      expect(frame.templates).toBe(1)
      if (i > 0) expect(frame.x).toBeGreaterThan(frames[i - 1]!.maxX)
    }
    // The round is closed; the groups are as they were.
    await expect.poll(() => f.locator('[data-group-round]').count()).toBe(0)
    for (const [i, name] of names.entries()) expect(await pageContent(f, name)).toEqual(before[i])
    await screenshot(f, 'groups-collected-1920.png')
    await f.setViewportSize({ width: 1366, height: 768 })
    await f.waitForFunction(() => window.__netzwerkstatt!.editor.getViewportScreenBounds().w === 1366)
    // zoomToFit returns the editor, which is not to be sent back.
    await f.evaluate(() => {
      window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } })
    })
    await screenshot(f, 'groups-collected-1366.png')

    // The members see the results too, and their way back to the group is gone with the round.
    for (const page of members) {
      await expect.poll(() => collectedFrames(page).then((x) => x.map((frame) => frame.name)), { timeout: 20_000 }).toEqual(names)
      await page.getByRole('button', { name: 'Zum Plenum' }).waitFor({ state: 'detached' })
    }
    await members[1]!.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.setCurrentPage(editor.getPages()[0]!.id)
      editor.zoomToFit({ animation: { duration: 0 } })
    })
    await screenshot(members[1]!, 'groups-collected-390.png')
    expect(problems.flat()).toEqual([])
  })
})

describe.skipIf(skipBrowserTests)('small groups from the templates', () => {
  const suite = boardBrowserSuite({ width: 1366, height: 768 })

  /** A participant present as the app's presence over awareness (name, tldraw user id), without a browser. */
  const present = async (board: CreatedBoard, name: string) => {
    const client = connectClient(suite.relay, board.id, undefined, { token: board.access.participant })
    await whenSynced(client)
    const person: FakePerson = { clientId: client.doc.clientID, clock: 0, name, cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1366, h: 768 } }
    client.provider.awareness.setLocalState(JSON.parse(presenceJson(person)))
    return { ...client, userId: `user:${person.clientId}` }
  }

  it("takes over a Planspiel's drawn small groups: each person lands in the group their name was drawn into", { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel mit Auswertung', { template: 'planspiel', options: { smallGroups: 2 }, locale: 'de' })
    const facilitator = await suite.person()
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))
    const person = await suite.person()
    await openBoardPage(person.page, boardPageUrl(suite.relay, board, 'participant'))
    // A second participant present as the app's presence over awareness: drawn like any other,
    // and the round puts her into her group (where a page lands is the browser person's to show).
    const guest = connectClient(suite.relay, board.id, undefined, { token: board.access.participant })
    try {
      await whenSynced(guest)
      const fake: FakePerson = { clientId: guest.doc.clientID, clock: 0, name: 'Anna Gast', cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1366, h: 768 } }
      guest.provider.awareness.setLocalState(JSON.parse(presenceJson(fake)))
      await expect.poll(() => f.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().length), { timeout: 20_000 }).toBe(2)

      const panel = await openTemplatesPanel(f)
      const item = panel.locator('.nws-instance[data-template="planspiel"]')
      await item.getByRole('button', { name: 'Zufällige Kleingruppen bilden' }).click()
      await expect.poll(() => item.getByRole('status').textContent()).toBe('Alle Teilnehmenden verteilt – Kleingruppen: 2')
      /** The names drawn into each of the Planspiel's small groups. */
      const drawn = await f.evaluate(() => {
        const editor = window.__netzwerkstatt!.editor
        const shapes = editor.getCurrentPageShapes()
        return ['smallgroup:g1', 'smallgroup:g2'].map((key) => {
          const cell = shapes.find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === key)!
          const box = editor.getShapePageBounds(cell)!
          return shapes
            .filter((s) => s.type === 'note' && box.containsPoint(editor.getShapePageBounds(s)!.center))
            .map((s) => editor.getShapeUtil(s).getText(s) ?? '')
        })
      })
      expect(drawn.flat()).toHaveLength(2)
      expect(drawn.flat()).toContain('Anna Gast')

      await chooseFromMainMenu(f, 'Kleingruppen …')
      await f.getByRole('button', { name: 'Kleingruppen wie in „Planspiel“' }).click()
      expect(await f.getByLabel('Name von Gruppe 1').inputValue()).toBe('Kleingruppe 1')
      expect(await f.getByLabel('Vorlage für jede Gruppe').inputValue()).toBe('planspiel')
      await f.getByLabel('Vorlage für jede Gruppe').selectOption('')
      await screenshot(f, 'groups-form-planspiel-1366.png')
      await f.getByRole('button', { name: 'Gruppen starten' }).click()
      const name = await person.page.evaluate(() => window.__netzwerkstatt!.editor.user.getName())
      const group = drawn.findIndex((names) => names.includes(name))
      expect(group).toBeGreaterThanOrEqual(0)
      await expect.poll(() => person.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name), { timeout: 20_000 }).toBe(`Kleingruppe ${group + 1}`)
      const guestGroup = drawn.findIndex((names) => names.includes('Anna Gast'))
      await until(guest.doc, () => groupsEntry.get(guest.doc) !== undefined)
      expect(groupsEntry.get(guest.doc)!.groups[guestGroup]!.members, 'the guest is in the group her name was drawn into').toEqual([`user:${fake.clientId}`])
      expect([facilitator, person].flatMap((p) => p.problems)).toEqual([])
    } finally {
      guest.destroy()
    }
  })

  it("takes over a Planspiel's groups of roles: whoever wrote their name into the advisers' field goes to Beratung", { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Planspiel mit Rollen', { template: 'planspiel', locale: 'de' })
    const facilitator = await suite.person()
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))
    // The adviser is present as the app's presence over awareness, her name on a Zettel in the
    // advisers' field as a stored update (landing on a group's page is the tests' above).
    const adviser = await present(board, 'Berta Rat')
    try {
      const cell = recordsIn(adviser.doc).find((s) => scaffoldMeta(s)?.key === 'role:advisers')!
      const { w, h } = cell.props as { w: number; h: number }
      putRecords(adviser.doc, [noteAt(cell.x + w / 2, cell.y + h / 2, 'Berta Rat')])
      await expect.poll(() => noteTexts(f), { timeout: 20_000 }).toEqual(['Berta Rat'])

      await chooseFromMainMenu(f, 'Kleingruppen …')
      await f.getByRole('button', { name: 'Kleingruppen wie in „Planspiel“' }).click()
      expect([await f.getByLabel('Name von Gruppe 1').inputValue(), await f.getByLabel('Name von Gruppe 2').inputValue(), await f.getByLabel('Name von Gruppe 3').inputValue()]).toEqual([
        'Gruppe 1 · Spiel',
        'Gruppe 2 · Beratung',
        'Gruppe 3 · Beobachtung',
      ])
      await f.getByLabel('Vorlage für jede Gruppe').selectOption('')
      await f.getByRole('button', { name: 'Gruppen starten' }).click()
      await until(adviser.doc, () => groupsEntry.get(adviser.doc) !== undefined)
      const round = groupsEntry.get(adviser.doc)!
      expect(round.groups.find((g) => g.members.includes(adviser.userId))?.name, 'the adviser’s group').toBe('Gruppe 2 · Beratung')
      expect(facilitator.problems).toEqual([])
    } finally {
      adviser.destroy()
    }
  })

  it("takes over a Zukunftskonferenz's small groups, each with its own copy, and collects them back", { timeout: 240_000 }, async () => {
    const board = await createBoard(suite.relay, 'Zukunftskonferenz', { template: 'zukunftskonferenz', locale: 'de' })
    const facilitator = await suite.person()
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))
    await chooseFromMainMenu(f, 'Kleingruppen …')
    await f.getByRole('button', { name: 'Kleingruppen wie in „Zukunftskonferenz“' }).click()
    expect(await f.getByLabel('Anzahl der Gruppen').inputValue()).toBe('4')
    expect(await f.getByLabel('Vorlage für jede Gruppe').inputValue()).toBe('zukunftskonferenz')
    await f.getByRole('button', { name: 'Gruppen starten' }).click()
    await f.getByRole('button', { name: 'Zurückholen' }).click()
    const zk = ['Gruppe 1', 'Gruppe 2', 'Gruppe 3', 'Gruppe 4']
    await expect.poll(() => collectedFrames(f).then((frames) => frames.map((x) => x.name)), { timeout: 20_000 }).toEqual(zk)
    expect((await collectedFrames(f)).map((frame) => frame.templates)).toEqual([1, 1, 1, 1])
    await screenshot(f, 'groups-collected-zukunftskonferenz-1366.png')
    expect(facilitator.problems).toEqual([])
  })

  it('draws only participants: someone watching with the read-only link is put in no group', { timeout: 90_000 }, async () => {
    const board = await createBoard(suite.relay, 'Gruppen mit Gast', { locale: 'de' })
    const facilitator = await suite.person()
    const f = facilitator.page
    await openBoardPage(f, boardPageUrl(suite.relay, board))
    // The watcher is a browser on the read-only link (what its page publishes is the subject); the
    // member is present as the app's presence over awareness.
    const member = await present(board, 'Mia Mitglied')
    try {
      const watcher = await suite.person()
      await openBoardPage(watcher.page, boardPageUrl(suite.relay, board, 'observer'))
      await expect.poll(() => f.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().length), { timeout: 20_000 }).toBe(2)
      await chooseFromMainMenu(f, 'Kleingruppen …')
      await f.getByRole('button', { name: 'Zufällig verteilen' }).click()
      await f.getByRole('button', { name: 'Gruppen starten' }).click()
      await until(member.doc, () => groupsEntry.get(member.doc) !== undefined)
      expect(groupsEntry.get(member.doc)!.groups.flatMap((g) => g.members), 'only the participant is in a group').toEqual([member.userId])
      expect(await f.locator('[data-members]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-members')))).toEqual(['1'])
      expect([...facilitator.problems, ...watcher.problems]).toEqual([])
    } finally {
      member.destroy()
    }
  })
})
