/**
 * The workshop report over the relay's app in this process: what it refuses, and how its download
 * is named. The report of a board real y-websocket clients wrote on is in
 * `test/integration/report.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import { apiFetch, createBoard } from '../../helpers/clients.ts'
import { inProcessRelaySuite } from '../../helpers/inProcessRelay.ts'

describe('workshop report', () => {
  const suite = inProcessRelaySuite()
  const report = (boardId: string, query: string, token?: string) =>
    apiFetch(suite.relay, `/api/boards/${boardId}/report?${query}`, token ? { headers: { authorization: `Bearer ${token}` } } : undefined)

  it('refuses what it cannot serve, and the read-only link while exports are closed to it', async () => {
    const board = await createBoard(suite.relay, 'Leer')
    expect((await report(board.id, 'format=rtf')).status).toBe(400)
    expect((await report(board.id, 'format=md', board.access.observer)).status).toBe(403)
    expect((await report('unknownboard00', 'format=md')).status).toBe(404)
    const empty = await (await report(board.id, 'format=md&locale=en')).text()
    expect(empty).toContain('## Open items\n\nNone')
  })

  it('names the download by any title: an emoji where the file name is cut, quotes, a path, right-to-left text', async () => {
    // "Dokumentation " and 65 letters: the emoji's two UTF-16 halves lie on either side of the name's cut.
    for (const title of [`${'a'.repeat(65)}😀 b`, '../../etc/"passwd"', 'Treffen \u202Egpj.exe \u0645\u0631\u062D\u0628\u0627', 'Halb \uD83D ein Zeichen']) {
      const board = await createBoard(suite.relay, title)
      for (const format of ['md', 'csv']) {
        const response = await report(board.id, `format=${format}&day=2026-11-24`)
        expect(response.status).toBe(200)
        const disposition = response.headers.get('content-disposition')!
        expect(disposition).toMatch(new RegExp(`^attachment; filename="[\\x20-\\x7e]+\\.${format}"; filename\\*=UTF-8''[A-Za-z0-9%._~!'()*-]+$`))
        const name = decodeURIComponent(disposition.split("UTF-8''")[1]!)
        expect(name).not.toMatch(/[/\\"\u202a-\u202e\u2066-\u2069]/)
        expect(name.endsWith(`.${format}`)).toBe(true)
      }
    }
  })

  it("keeps the day in the download's name however long the board's title is", async () => {
    const board = await createBoard(suite.relay, `Netzwerktreffen ${'der Frühen Hilfen im Landkreis '.repeat(5)}`)
    const disposition = (await report(board.id, 'format=md&day=2026-11-24')).headers.get('content-disposition')!
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^Dokumentation-Netzwerktreffen-.*-2026-11-24\.md$/)
  })
})
