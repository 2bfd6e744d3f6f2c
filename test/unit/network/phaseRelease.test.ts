/**
 * The Fahrplan's release of a phase's boards (`client/network/phaseRelease.ts`): which boards it
 * would release, and what it says came of them, counted in German. That the relay releases them
 * as their own release does: `test/integration/releaseVersion.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import type { NetworkBoard } from '../../../shared/networkApi.ts'
import { releasable, releaseSummary } from '../../../client/network/phaseRelease.ts'

const board = (id: string, extra: Partial<NetworkBoard> = {}): NetworkBoard => ({
  id,
  title: id,
  createdAt: '2026-11-01T10:00:00Z',
  lastUsedAt: null,
  addedAt: '2026-11-01T10:00:00Z',
  phase: 'gruendung',
  internal: false,
  templates: [{ template: 'protokoll', title: 'Protokoll', notes: 3 }],
  token: null,
  link: `/b/${id}#n.x`,
  ...extra,
})

describe('releasing a phase’s boards from the Fahrplan', () => {
  it('asks for the boards shown but neither an internal board nor one holding a case', () => {
    const boards = [board('a'), board('b', { internal: true }), board('c', { templates: [{ template: 'fallkonferenz', title: 'Fallkonferenz', notes: 0 }] }), board('d')]
    expect(releasable(boards).map((b) => b.id)).toEqual(['a', 'd'])
  })

  it('leaves out the coming meeting’s board, made in advance with its templates and no Zettel yet; a board without templates goes as before', () => {
    const coming = board('maerz', { templates: [{ template: 'steuerungsgruppe', title: 'Steuerungsgruppe', notes: 0 }] })
    const bare = board('frei', { templates: [] })
    expect(releasable([board('a'), coming, bare]).map((b) => b.id)).toEqual(['a', 'frei'])
    expect(releaseSummary({ boards: [{ id: 'a', outcome: 'released' }, { id: 'maerz', outcome: 'empty' }] })).toBe('1 Board freigegeben · 1 Board ohne Zettel: bleibt, wie es ist')
  })

  it('says what came of each kind of board, counted: released first, then what stayed and why', () => {
    const said = releaseSummary({
      boards: [
        { id: 'a', outcome: 'released' },
        { id: 'b', outcome: 'released' },
        { id: 'c', outcome: 'unchanged' },
        { id: 'd', outcome: 'internal' },
        { id: 'e', outcome: 'case' },
        { id: 'f', outcome: 'wait', retryAfter: 60 },
      ],
    })
    expect(said).toBe(
      '2 Boards freigegeben · 1 Board war schon so freigegeben · 2 interne Boards oder Boards mit Fallkonferenz: nur auf dem Board selbst freizugeben · 1 Board jetzt nicht freigegeben (oft gespeichert oder viele Boards auf einmal): in einigen Minuten noch einmal',
    )
    expect(releaseSummary({ boards: [{ id: 'a', outcome: 'not-in-network' }] })).toBe('1 Board kann das Netzwerk nicht öffnen')
  })
})
