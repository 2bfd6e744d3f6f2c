/** A network's view reads a board again only when its stored mark changed (`server/documents/networkBoardSummaries.ts`). */
import { describe, expect, it } from 'vitest'
import { NetworkBoardSummaries } from '../../server/documents/networkBoardSummaries.ts'

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
            return { templates: [{ template: 'protokoll', title: `Protokoll ${id} ${marks.get(id)}`, notes: 1, openItems: 0 }], title }
          },
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
    })
    await expect(kept.templates('a', '')).rejects.toThrow('too large')
    await expect(kept.templates('a', '')).rejects.toThrow('too large')
  })
})
