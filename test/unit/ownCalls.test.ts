/**
 * A phone's list reads its own ballot without zod (client/ownCalls.ts); it must read the relay's
 * reply as the relay's own schema would: a ballot that is one shows, any other reads as none.
 */
import { describe, expect, it } from 'vitest'
import { OwnBallot } from '../../shared/api.ts'
import { readOwnBallot } from '../../client/ownCalls.ts'

const schema = OwnBallot.extend({ voteId: OwnBallot.shape.voteId.nullable() })
const asSchema = (body: unknown) => schema.safeParse(body).data ?? { voteId: null, dots: {} }

describe('this browser’s ballot, read without zod', () => {
  it('shows the dots the relay keeps for the open vote, and none before a vote', () => {
    expect(readOwnBallot({ voteId: 'vote-1', dots: { 'shape:a': 2, 'shape:b': 1 } })).toEqual({ voteId: 'vote-1', dots: { 'shape:a': 2, 'shape:b': 1 } })
    expect(readOwnBallot({ voteId: null, dots: {} })).toEqual({ voteId: null, dots: {} })
  })

  it('reads every reply as the relay’s schema does, a broken one as no ballot', () => {
    const replies: unknown[] = [
      { voteId: 'v', dots: { 'shape:a': 10 } },
      { voteId: 'v', dots: { 'shape:a': 11 } },
      { voteId: 'v', dots: { 'shape:a': 0 } },
      { voteId: 'v', dots: { 'shape:a': 1.5 } },
      { voteId: 'v', dots: { 'shape:a': '2' } },
      { voteId: 'v', dots: { ['x'.repeat(201)]: 1 } },
      { voteId: '', dots: {} },
      { voteId: 'v'.repeat(201), dots: {} },
      { voteId: 7, dots: {} },
      { voteId: 'v' },
      { voteId: 'v', dots: [] },
      { dots: {} },
      null, 'ballot', [],
    ]
    for (const reply of replies) expect(readOwnBallot(reply), JSON.stringify(reply)).toEqual(asSchema(reply))
  })
})
