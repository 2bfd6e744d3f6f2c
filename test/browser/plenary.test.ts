/**
 * A plenary seen from one laptop in Chromium: a person moving near the page's view arrives at
 * once, people in other group areas still appear in the people list and, less often, move too.
 * Screenshot: test/artifacts/plenary-people.png.
 */
import { describe, expect, it } from 'vitest'
import { skipBrowserTests } from '../helpers/browser.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { boardBrowserSuite, openBoardPage } from '../helpers/boardPages.ts'
import { boardPageUrl, createBoard, openRawSocket } from '../helpers/clients.ts'
import { presenceFrame, type FakePerson } from '../helpers/presence.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipBrowserTests)('presence in a plenary', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })

  it('shows cursors in view at once and knows the people elsewhere', { timeout: hang(90_000) }, async () => {
    const board = await createBoard(suite.relay, 'Plenum')
    const { page, problems } = await suite.person()
    await openBoardPage(page, boardPageUrl(suite.relay, board, 'participant'))
    await page.evaluate(() => void window.__netzwerkstatt!.editor.setCamera({ x: 0, y: 0, z: 1 }))

    const person = (i: number, x: number, y: number): FakePerson => ({
      clientId: 7000 + i,
      clock: 0,
      name: i === 0 ? 'Nah (Jugendamt)' : `Gruppe ${i}`,
      cursor: { x, y },
      view: { x: x - 500, y: y - 300, w: 1440, h: 900 },
    })
    const near = person(0, 500, 350)
    const far = [1, 2, 3, 4, 5].map((i) => person(i, 40_000 * i, 30_000))
    const sockets = await Promise.all([near, ...far].map(() => openRawSocket(suite.relay, board.id, board.access.participant)))
    const sendAll = () => [near, ...far].forEach((p, i) => sockets[i].socket.send(presenceFrame(p)))
    sendAll()
    // Presence unrenewed for 30 s is dropped: on a slow run the people count below comes later than that.
    const keepAlive = setInterval(sendAll, 10_000)

    const cursorOf = (clientId: number) =>
      page.evaluate((id) => {
        const found = window.__netzwerkstatt!.editor.getCollaborators().find((c) => c.userId === `user:${id}`)
        return found ? { x: Math.round(found.cursor!.x), y: Math.round(found.cursor!.y) } : null
      }, clientId)
    await expect.poll(() => page.locator('[data-people-count]').getAttribute('data-people-count'), { timeout: hang(15_000) }).toBe('7')
    for (const p of far) expect(await cursorOf(p.clientId)).toEqual({ x: p.cursor.x, y: p.cursor.y })

    // Twenty moves near the view: the page follows to the last one.
    for (let step = 1; step <= 20; step++) {
      near.cursor.x += 10
      sockets[0].socket.send(presenceFrame(near))
    }
    await expect.poll(() => cursorOf(near.clientId), { timeout: hang(5_000) }).toEqual({ x: 700, y: 350 })

    // Far away, a move arrives too, within the relay's interval for people outside the view.
    far[0].cursor.y += 500
    sockets[1].socket.send(presenceFrame(far[0]))
    await expect.poll(() => cursorOf(far[0].clientId), { timeout: hang(10_000) }).toEqual({ x: 40_000, y: 30_500 })

    await page.locator('.tlui-people-menu__avatars-button').click()
    await page.getByText('7 Personen auf dem Board').waitFor()
    await screenshot(page, 'plenary-people.png')
    clearInterval(keepAlive)
    for (const { socket } of sockets) socket.terminate()
    expect(problems).toEqual([])
  })
})
