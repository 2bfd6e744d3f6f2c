/**
 * A network's view reads a board again only when its stored mark changed
 * (`server/documents/networkBoardSummaries.ts`), and tells when each template's own content last
 * changed (`templateDays.ts`), for the Fahrplan's revisits.
 */
import { describe, expect, it } from 'vitest'
import { NetworkBoardSummaries } from '../../server/documents/networkBoardSummaries.ts'
import { nextTemplateDays, type TemplateDays } from '../../server/documents/templateDays.ts'
import { templateSummaries } from '../../shared/results/export.ts'
import { build, noteInCell } from './templates/helpers.ts'

/** A storage that keeps no template days (a board without the record). */
const noDays = { changedAt: async () => '2026-01-01T00:00:00.000Z', keptDays: async () => undefined, keepDays: async () => {} }

function source() {
  const marks = new Map<string, string>()
  const reads: string[] = []
  return {
    marks,
    reads,
    summaries: (max?: number) =>
      new NetworkBoardSummaries(
        {
          mark: async (id) => marks.get(id) ?? '',
          read: async (id, _address, title) => {
            reads.push(id)
            return { templates: [{ template: 'protokoll', title: `Protokoll ${id} ${marks.get(id)}`, notes: 1, openItems: 0, instance: 'p', digest: marks.get(id) ?? '' }], title }
          },
          ...noDays,
        },
        max,
      ),
  }
}

describe("a network's board summaries", () => {
  it('reads a board once, then again only after its mark changed', async () => {
    const { marks, reads, summaries } = source()
    const kept = summaries()
    marks.set('a', '1/0/0')
    expect((await kept.templates('a', '127.0.0.1'))[0]!.title).toBe('Protokoll a 1/0/0')
    await kept.templates('a', '127.0.0.1')
    expect(reads).toEqual(['a'])
    marks.set('a', '2/0/0')
    expect((await kept.templates('a', '127.0.0.1'))[0]!.title).toBe('Protokoll a 2/0/0')
    expect(reads).toEqual(['a', 'a'])
  })

  it('keeps at most its bound, forgetting the least recently viewed first', async () => {
    const { marks, reads, summaries } = source()
    const kept = summaries(2)
    for (const id of ['a', 'b', 'c']) marks.set(id, '1/0/0')
    await kept.templates('a', '')
    await kept.templates('b', '')
    await kept.templates('a', '')
    await kept.templates('c', '')
    // b was the least recently viewed: read again; a and c are kept.
    await kept.templates('a', '')
    await kept.templates('c', '')
    await kept.templates('b', '')
    expect(reads).toEqual(['a', 'b', 'c', 'b'])
  })

  it('keeps nothing of a board it could not read', async () => {
    const kept = new NetworkBoardSummaries({
      mark: async () => '1/0/0',
      read: async () => {
        throw new Error('too large')
      },
      ...noDays,
    })
    await expect(kept.templates('a', '')).rejects.toThrow('too large')
    await expect(kept.templates('a', '')).rejects.toThrow('too large')
  })
})

describe('when each template on a board last changed', () => {
  const autumn = '2025-10-01T09:00:00.000Z'
  const november = '2026-11-20T10:00:00.000Z'
  const later = '2026-11-25T10:00:00.000Z'

  it('keeps a template’s day while its texts stay; one whose texts changed, or a new one, gets the board’s change', () => {
    const first = nextTemplateDays(undefined, [{ key: 'karte', digest: 'a' }], autumn)
    expect(first).toEqual({ karte: { digest: 'a', at: autumn } })
    const second = nextTemplateDays(first, [{ key: 'karte', digest: 'a' }, { key: 'protokoll', digest: 'x' }], november)
    expect(second).toEqual({ karte: { digest: 'a', at: autumn }, protokoll: { digest: 'x', at: november } })
    // A template gone from the board is forgotten.
    expect(nextTemplateDays(second, [{ key: 'protokoll', digest: 'y' }], later)).toEqual({ protokoll: { digest: 'y', at: later } })
  })

  it('a template’s digest follows its own Zettel, not those elsewhere on the board', () => {
    const analyse = build('beteiligtenanalyse', { partners: ['Jobcenter'] }).shapes
    const protokoll = build('protokoll', { topics: 1 }, 'de', { x: 4000, y: 0 }).shapes
    const digests = (...notes: unknown[]) => templateSummaries([...analyse, ...protokoll, ...notes]).map((t) => [t.template, t.digest])
    const before = digests(noteInCell(analyse, 'cell:p0:ziele', 'Mehr Vermittlungen'))
    const besideIt = digests(noteInCell(analyse, 'cell:p0:ziele', 'Mehr Vermittlungen'), noteInCell(protokoll, 'tops:cell:top1:thema', 'Aufnahmebogen'))
    expect(besideIt[0]).toEqual(before[0])
    expect(besideIt[1]).not.toEqual(before[1])
    const inIt = digests(noteInCell(analyse, 'cell:p0:ziele', 'Mehr Vermittlungen und Teilzeit'))
    expect(inIt[0]).not.toEqual(before[0])
    expect(inIt[1]).toEqual(before[1])
  })

  it('a view gives each template its own last change, kept across a restart of the relay; a board without the record counts from its last change', async () => {
    const board = { mark: '1/0/0', changedAt: autumn, karte: 'a', protokoll: 'x' }
    const stored = new Map<string, TemplateDays>()
    const source = {
      mark: async () => board.mark,
      read: async () => ({
        templates: [
          { template: 'netzwerkkarte' as const, title: 'Netzwerkkarte', notes: 5, openItems: 0, instance: 'k', digest: board.karte },
          { template: 'protokoll' as const, title: 'Protokoll', notes: 2, openItems: 1, instance: 'p', digest: board.protokoll },
        ],
        title: 'Netzwerktreffen',
      }),
      changedAt: async () => board.changedAt,
      keptDays: async (id: string) => stored.get(id),
      keepDays: async (id: string, days: TemplateDays) => void stored.set(id, days),
    }
    const edited = async (kept: NetworkBoardSummaries) => (await kept.templates('a', '')).map((t) => [t.template, t.editedAt])

    // First seen: no record yet, both from the board's last change.
    expect(await edited(new NetworkBoardSummaries(source))).toEqual([['netzwerkkarte', autumn], ['protokoll', autumn]])
    // A year on, only the Protokoll is written in.
    Object.assign(board, { mark: '2/0/0', changedAt: november, protokoll: 'y' })
    const kept = new NetworkBoardSummaries(source)
    expect(await edited(kept)).toEqual([['netzwerkkarte', autumn], ['protokoll', november]])
    // The relay restarts (nothing kept in memory), and the board was opened and touched without a change of text.
    Object.assign(board, { mark: '3/0/0', changedAt: later })
    const restarted = await new NetworkBoardSummaries(source).templates('a', '')
    expect(restarted.map((t) => [t.template, t.editedAt])).toEqual([['netzwerkkarte', autumn], ['protokoll', november]])
    // What the relay keeps to tell is its own: the view says when, not what.
    expect(Object.keys(restarted[0]!)).not.toContain('digest')
  })
})
