/**
 * Small groups that report back, in Chromium: the facilitator opens a round of three groups with
 * the Planspiel; a person joins by their group's code on a touch tablet and lands on their group's
 * page clear of the chrome (then at a laptop, and the page at a phone's size) and writes a Zettel
 * there (the two other groups' arrive from a client: which group a code's number finds is
 * test/unit/groupRound.test.ts's); "Zurückholen" puts
 * the three results side by side on the plenary page, each in a frame with its group's name, and
 * leaves the groups as they were. The board's timer runs on the group's page. Taking over a
 * template's groups (drawn names, roles, a Zukunftskonferenz's copies) and leaving out the
 * read-only link: the facilitator's page with one browser person where landing or a watcher's
 * page is the subject, the others present as the app's presence over awareness (forming and
 * collecting groups as data: test/unit/groupRound.test.ts).
 * A page load costs about two CPU seconds: the tests share one board and one facilitator, who
 * stays on it from test to test (the Zukunftskonferenz on its first page, each Planspiel on a page
 * of its own, since a page's first template with groups is the one taken over), and the person
 * who joined the first round by code is the one the Planspiel's draw puts in a group next; they
 * run in order, each round collected before the next opens.
 * Screenshots: test/artifacts/groups-{form,panel,codes,member,collected}-*.png (the member at 1024, 1366, 390).
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, chooseFromMainMenu, noteTexts, openBoardPage, openTemplatesPanel, templateOnNewPage, type Person } from '../helpers/boardPages.ts'
import { boardPageUrl, connectClient, createBoard, until, whenSynced } from '../helpers/clients.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { presenceJson, type FakePerson } from '../helpers/presence.ts'
import { groupsEntry } from '../../shared/board/entries/groups.ts'
import { coveredBlocks } from '../helpers/chromeOverBoard.ts'
import { hang } from '../helpers/hang.ts'

const names = ['Jugendamt', 'Schule', 'Beratungsstelle']

/** A participant present as the app's presence over awareness (name, tldraw user id), without a browser. */
async function present(relay: Parameters<typeof connectClient>[0], board: CreatedBoard, name: string) {
  const client = connectClient(relay, board.id, undefined, { token: board.access.participant })
  await whenSynced(client)
  const person: FakePerson = { clientId: client.doc.clientID, clock: 0, name, cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1366, h: 768 } }
  client.provider.awareness.setLocalState(JSON.parse(presenceJson(person)))
  return { ...client, userId: `user:${person.clientId}` }
}

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

/** The frames on the plenary page, left to right, with the Zettel texts inside each; `named`: only the frames of these groups (a board that had rounds before). */
const collectedFrames = (page: Page, named?: readonly string[]) =>
  page.evaluate((named) => {
    const editor = window.__netzwerkstatt!.editor
    const plenary = editor.getPages()[0]!
    return editor
      .getSortedChildIdsForParent(plenary.id)
      .map((id) => editor.getShape(id)!)
      .filter((s) => s.type === 'frame' && (!named || named.includes((s.props as { name: string }).name)))
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
  }, named)

describe.skipIf(skipBrowserTests)('small groups that report back', () => {
  const suite = boardBrowserSuite({ width: 1920, height: 1080 })
  // One board for the block, a Zukunftskonferenz on its first page, and its facilitator's page,
  // open from test to test (see the header).
  let board: CreatedBoard
  let facilitator: Person
  /** The person who joined the first round by its code: the Planspiel's draw puts them in a group next. */
  let groupMember: Person
  beforeAll(async () => {
    board = await createBoard(suite.relay, 'Planspiel in Gruppen', { template: 'zukunftskonferenz', locale: 'de' })
    facilitator = await suite.person({ keep: true })
    await openBoardPage(facilitator.page, boardPageUrl(suite.relay, board))
  }, hang(60_000))

  /** Collects a round a test before left open, so that the next can open one. */
  async function noRoundOpen(f: Page) {
    if (await f.locator('[data-group-round]').count()) await f.getByRole('button', { name: 'Zurückholen' }).click()
    await expect.poll(() => f.locator('[data-group-round]').count(), { timeout: hang(20_000) }).toBe(0)
    await f.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.setCurrentPage(editor.getPages()[0]!.id)
    })
  }

  it("takes over a Zukunftskonferenz's small groups, each with its own copy, and collects them back", { timeout: hang(240_000) }, async () => {
    const f = facilitator.page
    await chooseFromMainMenu(f, 'Kleingruppen …')
    await f.getByRole('button', { name: 'Kleingruppen wie in „Zukunftskonferenz“' }).click()
    expect(await f.getByLabel('Anzahl der Gruppen').inputValue()).toBe('4')
    expect(await f.getByLabel('Vorlage für jede Gruppe').inputValue()).toBe('zukunftskonferenz')
    await f.getByRole('button', { name: 'Gruppen starten' }).click()
    await f.getByRole('button', { name: 'Zurückholen' }).click()
    const zk = ['Gruppe 1', 'Gruppe 2', 'Gruppe 3', 'Gruppe 4']
    await expect.poll(() => collectedFrames(f, zk).then((frames) => frames.map((x) => x.name)), { timeout: hang(20_000) }).toEqual(zk)
    expect((await collectedFrames(f, zk)).map((frame) => frame.templates)).toEqual([1, 1, 1, 1])
    await screenshot(f, 'groups-collected-zukunftskonferenz-1920.png')
    expect(facilitator.problems).toEqual([])
  })

  it('three groups join by their codes, write in their own page, and come back side by side', { timeout: hang(240_000) }, async () => {
    const f = facilitator.page
    await noRoundOpen(f)

    await chooseFromMainMenu(f, 'Kleingruppen …')
    for (const [i, name] of names.entries()) await f.getByLabel(`Name von Gruppe ${i + 1}`).fill(name)
    await f.getByLabel('Vorlage für jede Gruppe').selectOption('planspiel')
    await screenshot(f, 'groups-form-1920.png')
    await f.getByRole('button', { name: 'Gruppen starten' }).click()
    const codes = f.locator('[data-group-code]')
    await expect.poll(() => codes.count(), { timeout: hang(20_000) }).toBe(3)
    const groupCodes = await codes.allTextContents()
    await screenshot(f, 'groups-panel-1920.png')
    await f.getByRole('button', { name: 'Codes zeigen' }).click()
    await f.locator('.nws-groups-codes .nws-qr').nth(2).waitFor()
    await screenshot(f, 'groups-codes-1920.png')
    await f.locator('.nws-groups-codes').getByRole('button', { name: 'Schließen' }).click()
    const emptyGroup = await pageContent(f, names[0]!)
    expect(emptyGroup!.shapes).toBeGreaterThan(10)
    expect(emptyGroup!.notes).toEqual([])

    // One person follows the Jugendamt group's code at a laptop and lands on their group's page,
    // with the plenary a click away; the page at a phone's size keeps that way. The Schule's and
    // the Beratungsstelle's results arrive as stored updates from a client: collecting three
    // groups is the subject, not more browsers (which group a code's number finds: unit).
    const member = await suite.person({ viewport: { width: 1024, height: 768 }, device: { hasTouch: true }, keep: true })
    groupMember = member
    const m = member.page
    await openBoardPage(m, `${suite.relay.httpUrl}/j#${groupCodes[0]}`)
    await expect.poll(() => m.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name), { timeout: hang(20_000) }).toBe(names[0])
    await m.getByRole('button', { name: 'Zum Plenum' }).waitFor()
    // On a touch tablet the group's copy lands beside or below „Zum Plenum“ and the top bar, not under them.
    await expect.poll(() => coveredBlocks(m), { message: 'the top chrome over the group’s template on a tablet' }).toEqual([])
    await screenshot(m, 'groups-member-1024.png')
    await m.setViewportSize({ width: 1366, height: 768 })
    await m.waitForFunction(() => window.__netzwerkstatt!.editor.getViewportScreenBounds().w === 1366)
    const problems: string[][] = [facilitator.problems, member.problems]

    // The board's timer runs for everyone, in their group too.
    await f.locator('button.nws-timer').click()
    await f.locator('[data-minutes="15"]').click()
    await f.keyboard.press('Escape')
    await expect.poll(() => m.locator('.nws-timer[role="timer"] .nws-timer__time').textContent(), { timeout: hang(15_000) }).toMatch(/^1[45]:\d\d$/)

    // The member writes a Zettel on their group's page.
    await m.keyboard.press('n')
    await m.mouse.click(1366 / 2, 768 * 0.7)
    await m.locator('[contenteditable="true"][role="textbox"]').waitFor()
    await m.keyboard.type(`Ergebnis ${names[0]}`)
    await m.keyboard.press('Escape')
    await expect.poll(() => noteTexts(m)).toEqual([`Ergebnis ${names[0]}`])
    const groupPages = await f.evaluate((names) => names.map((name) => window.__netzwerkstatt!.editor.getPages().find((p) => p.name === name)!.id), names)
    const others = connectClient(suite.relay, board.id)
    await whenSynced(others)
    putRecords(others.doc, [
      { ...noteAt(400, 400, `Ergebnis ${names[1]}`), parentId: groupPages[1] },
      { ...noteAt(400, 400, `Ergebnis ${names[2]}`), parentId: groupPages[2] },
    ])
    await screenshot(m, 'groups-member-1366.png')
    // At a phone's size the group's page keeps its way to the plenary.
    await m.setViewportSize({ width: 390, height: 844 })
    await m.waitForFunction(() => window.__netzwerkstatt!.editor.getViewportScreenBounds().w === 390)
    expect(await m.getByRole('button', { name: 'Zum Plenum' }).isVisible(), 'the way to the plenary on a phone-sized page').toBe(true)
    await screenshot(m, 'groups-member-390.png')
    await m.setViewportSize({ width: 1366, height: 768 })
    await m.waitForFunction(() => window.__netzwerkstatt!.editor.getViewportScreenBounds().w === 1366)
    const before = []
    for (const name of names) {
      await expect.poll(() => pageContent(f, name).then((c) => c?.notes), { timeout: hang(20_000) }).toEqual([`Ergebnis ${name}`])
      before.push(await pageContent(f, name))
    }
    others.destroy()

    // The member looks at the plenary and back: one click each way.
    await m.getByRole('button', { name: 'Zum Plenum' }).click()
    await m.getByRole('button', { name: `Zu meiner Gruppe: ${names[0]}` }).click()
    await m.getByRole('button', { name: 'Zum Plenum' }).waitFor()

    // What the member is told when the round ends, caught as it appears (a toast goes again).
    await m.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { toldMember: string[] }).toldMember = seen
      new MutationObserver(() => {
        for (const toast of document.querySelectorAll('.tlui-toast__container')) if (!seen.includes(toast.textContent ?? '')) seen.push(toast.textContent ?? '')
      }).observe(document.body, { childList: true, subtree: true })
    })
    await f.getByRole('button', { name: 'Zurückholen' }).click()
    await expect.poll(() => collectedFrames(f, names).then((frames) => frames.map((x) => x.name)), { timeout: hang(20_000) }).toEqual(names)
    const frames = await collectedFrames(f, names)
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

    // The member, still on their group's page, is taken to the plenary with the results, told why:
    // their way back to the plenary ended with the round.
    await expect.poll(() => collectedFrames(m, names).then((x) => x.map((frame) => frame.name)), { timeout: hang(20_000) }).toEqual(names)
    await m.getByRole('button', { name: 'Zum Plenum' }).waitFor({ state: 'detached' })
    await expect.poll(() => m.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name)).toBe(await f.evaluate(() => window.__netzwerkstatt!.editor.getPages()[0]!.name))
    await expect.poll(() => m.evaluate(() => (window as unknown as { toldMember: string[] }).toldMember.join(' | '))).toContain('Die Gruppen sind zurückgeholt: weiter im Plenum.')
    await m.setViewportSize({ width: 390, height: 844 })
    await m.evaluate(() => {
      window.__netzwerkstatt!.editor.zoomToFit({ animation: { duration: 0 } })
    })
    await screenshot(m, 'groups-collected-390.png')
    expect(problems.flat()).toEqual([])
  })

  it("takes over a Planspiel's drawn small groups: each person lands in the group their name was drawn into", { timeout: hang(90_000) }, async () => {
    const f = facilitator.page
    await noRoundOpen(f)
    // A Planspiel with two small groups for the evaluation, on a page of its own; the person who
    // joined the first round is on the board still.
    await planspielOnNewPage(f, 'Auswertung')
    const person = groupMember
    // A second participant present as the app's presence over awareness: drawn like any other,
    // and the round puts her into her group (where a page lands is the browser person's to show).
    const guest = connectClient(suite.relay, board.id, undefined, { token: board.access.participant })
    try {
      await whenSynced(guest)
      const fake: FakePerson = { clientId: guest.doc.clientID, clock: 0, name: 'Anna Gast', cursor: { x: 0, y: 0 }, view: { x: 0, y: 0, w: 1366, h: 768 } }
      guest.provider.awareness.setLocalState(JSON.parse(presenceJson(fake)))
      await expect.poll(() => f.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().length), { timeout: hang(20_000) }).toBe(2)

      const panel = await openTemplatesPanel(f)
      const item = panel.locator('.nws-instance[data-template="planspiel"]')
      for (let i = 0; i < 2; i++) await item.getByRole('button', { name: 'Kleingruppe für die Auswertung hinzufügen' }).click()
      await item.getByRole('button', { name: 'Zufällige Kleingruppen bilden' }).click()
      await expect.poll(() => item.getByRole('status').textContent()).toBe('Alle Teilnehmenden verteilt – Kleingruppen: 2')
      /** The names drawn into each of the Planspiel's small groups (filed into their cells as they arrive: polled). */
      const drawnNow = () => f.evaluate(() => {
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
      await expect.poll(() => drawnNow().then((names) => names.flat().length), { timeout: hang(15_000) }).toBe(2)
      const drawn = await drawnNow()
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
      await expect.poll(() => person.page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPage().name), { timeout: hang(20_000) }).toBe(`Kleingruppe ${group + 1}`)
      const guestGroup = drawn.findIndex((names) => names.includes('Anna Gast'))
      await until(guest.doc, () => groupsEntry.get(guest.doc) != null)
      expect(groupsEntry.get(guest.doc)!.groups[guestGroup]!.members, 'the guest is in the group her name was drawn into').toEqual([`user:${fake.clientId}`])
      expect([facilitator, person].flatMap((p) => p.problems)).toEqual([])
    } finally {
      guest.destroy()
      // Gone before the next tests, which put every participant present in a group.
      await person.context.close()
    }
  })

  /** A Planspiel from the Vorlagen panel on a new page of its own (a page's first template with groups is the one taken over). */
  const planspielOnNewPage = (f: Page, name: string) => templateOnNewPage(f, name, /^Planspiel/)

  it("takes over a Planspiel's groups of roles: whoever wrote their name into the advisers' field goes to Beratung", { timeout: hang(90_000) }, async () => {
    const f = facilitator.page
    await noRoundOpen(f)
    await planspielOnNewPage(f, 'Rollen')
    // The adviser is present as the app's presence over awareness, her name on a Zettel in the
    // advisers' field as a stored update (landing on a group's page is the tests' around it).
    const advisers = await f.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      const cell = editor.getCurrentPageShapes().find((s) => (s.meta as { netzwerkstatt?: { key?: string } }).netzwerkstatt?.key === 'role:advisers')!
      return { page: editor.getCurrentPageId(), center: editor.getShapePageBounds(cell)!.center }
    })
    const adviser = await present(suite.relay, board, 'Berta Rat')
    try {
      putRecords(adviser.doc, [{ ...noteAt(advisers.center.x, advisers.center.y, 'Berta Rat'), parentId: advisers.page }])
      await expect.poll(() => noteTexts(f), { timeout: hang(20_000) }).toEqual(['Berta Rat'])

      await chooseFromMainMenu(f, 'Kleingruppen …')
      await f.getByRole('button', { name: 'Kleingruppen wie in „Planspiel“' }).click()
      expect([await f.getByLabel('Name von Gruppe 1').inputValue(), await f.getByLabel('Name von Gruppe 2').inputValue(), await f.getByLabel('Name von Gruppe 3').inputValue()]).toEqual([
        'Gruppe 1 · Spiel',
        'Gruppe 2 · Beratung',
        'Gruppe 3 · Beobachtung',
      ])
      await f.getByLabel('Vorlage für jede Gruppe').selectOption('')
      await f.getByRole('button', { name: 'Gruppen starten' }).click()
      // A round collected before leaves the entry empty (null), not absent.
      await until(adviser.doc, () => groupsEntry.get(adviser.doc) != null)
      const round = groupsEntry.get(adviser.doc)!
      expect(round.groups.find((g) => g.members.includes(adviser.userId))?.name, 'the adviser’s group').toBe('Gruppe 2 · Beratung')
      expect(facilitator.problems).toEqual([])
    } finally {
      adviser.destroy()
    }
  })

  it('draws only participants: someone watching with the read-only link is put in no group', { timeout: hang(90_000) }, async () => {
    const f = facilitator.page
    await noRoundOpen(f)
    // The watcher is a browser on the read-only link (what its page publishes is the subject); the
    // member is present as the app's presence over awareness.
    const member = await present(suite.relay, board, 'Mia Mitglied')
    try {
      const watcher = await suite.person()
      await openBoardPage(watcher.page, boardPageUrl(suite.relay, board, 'observer'))
      await expect.poll(() => f.evaluate(() => window.__netzwerkstatt!.editor.getCollaborators().length), { timeout: hang(20_000) }).toBe(2)
      await chooseFromMainMenu(f, 'Kleingruppen …')
      await f.getByRole('button', { name: 'Zufällig verteilen' }).click()
      await f.getByRole('button', { name: 'Gruppen starten' }).click()
      await until(member.doc, () => groupsEntry.get(member.doc) != null)
      expect(groupsEntry.get(member.doc)!.groups.flatMap((g) => g.members), 'only the participant is in a group').toEqual([member.userId])
      expect(await f.locator('[data-members]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-members')))).toEqual(['1'])
      expect([...facilitator.problems, ...watcher.problems]).toEqual([])
    } finally {
      member.destroy()
    }
  })
})
