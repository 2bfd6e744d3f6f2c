/**
 * A Beschluss's terms in the board's `facilitation/beschluesse` entry: who decided (Gremium) and
 * what it binds (Bindewirkung). A board stored before Beschlüsse had terms (bare shape ids) still
 * reads, each of its marks with no Gremium and no Bindewirkung; the relay takes the terms from the
 * facilitator only, and only as the schema has them.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeUpdate } from '../../server/judge/judgeUpdate.ts'
import { Rehearsal } from '../../server/judge/rehearsal.ts'
import type { Role } from '../../shared/access.ts'
import { Beschluesse, beschluesseEntry, beschlussTerms, readBeschluesse, toggleBeschluesse, withBeschlussTerms } from '../../shared/board/entries/beschluesse.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'

/** The relay's verdict on `role` writing `value` over the board's stored entry `before`. */
function judged(role: Role, value: unknown, before?: unknown): unknown {
  const board = new Y.Doc()
  if (before !== undefined) facilitationMap(board).set(facilitationKeys.beschluesse, before)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(board))
  const from = Y.encodeStateVector(client)
  facilitationMap(client).set(facilitationKeys.beschluesse, value)
  const rehearsal = new Rehearsal(board, () => true)
  try {
    return judgeUpdate(board, rehearsal, Y.encodeStateAsUpdate(client, from), { role, author: null })
  } finally {
    rehearsal.destroy()
  }
}

describe('a Beschluss with its Gremium and Bindewirkung', () => {
  it('reads a board stored with bare ids: every mark is there, its Gremium and Bindewirkung not given', () => {
    const old = readBeschluesse({ notes: ['shape:a', 'shape:b'] })
    expect(old.notes).toEqual(['shape:a', 'shape:b'])
    expect(beschlussTerms(old, 'shape:a')).toEqual({ gremium: '', bindewirkung: null })
    expect(beschlussTerms(old, 'shape:b')).toEqual({ gremium: '', bindewirkung: null })
  })

  it('stores the terms with the mark and forgets them when it is taken back', () => {
    const marked = toggleBeschluesse({ notes: ['shape:a'] }, ['shape:b'], { gremium: 'Fachgruppe Übergänge', bindewirkung: 'vorbehaltlich' })
    expect(marked.notes).toEqual(['shape:a', 'shape:b'])
    expect(beschlussTerms(readBeschluesse(marked), 'shape:b')).toEqual({ gremium: 'Fachgruppe Übergänge', bindewirkung: 'vorbehaltlich' })
    expect(beschlussTerms(readBeschluesse(marked), 'shape:a')).toEqual({ gremium: '', bindewirkung: null })
    const unmarked = toggleBeschluesse(marked, ['shape:b'])
    expect(unmarked.notes).toEqual(['shape:a'])
    expect(unmarked.terms?.['shape:b']).toBeUndefined()
    // Terms given later to a mark already there: the facilitator corrects who decided.
    const corrected = withBeschlussTerms(marked, ['shape:a'], { gremium: 'steuerungsgruppe', bindewirkung: 'gilt' })
    expect(corrected.notes).toEqual(['shape:a', 'shape:b'])
    expect(beschlussTerms(corrected, 'shape:a')).toEqual({ gremium: 'steuerungsgruppe', bindewirkung: 'gilt' })
  })

  it('refuses terms it cannot read: an unknown Bindewirkung, an overlong Gremium, terms of a Zettel not marked', () => {
    const valid = { notes: ['shape:a'], terms: { 'shape:a': { gremium: 'gesamtnetzwerk', bindewirkung: 'empfehlung' } } }
    expect(Beschluesse.safeParse(valid).success).toBe(true)
    expect(Beschluesse.safeParse({ notes: ['shape:a'], terms: { 'shape:a': { gremium: 'gesamtnetzwerk', bindewirkung: 'verbindlich' } } }).success).toBe(false)
    expect(Beschluesse.safeParse({ notes: ['shape:a'], terms: { 'shape:a': { gremium: 'x'.repeat(81), bindewirkung: 'gilt' } } }).success).toBe(false)
    expect(Beschluesse.safeParse({ notes: ['shape:a'], terms: { 'shape:b': { gremium: 'gesamtnetzwerk', bindewirkung: 'gilt' } } }).success).toBe(false)
    expect(Beschluesse.safeParse({ notes: ['shape:a'], terms: { nichtig: { gremium: 'gesamtnetzwerk', bindewirkung: 'gilt' } } }).success).toBe(false)
  })

  it('the relay takes the Gremium and the Bindewirkung from the facilitator only', () => {
    const stored = { notes: ['shape:a'] }
    const withTerms = { notes: ['shape:a'], terms: { 'shape:a': { gremium: 'steuerungsgruppe', bindewirkung: 'gilt' } } }
    expect(judged('facilitator', withTerms, stored)).toBeNull()
    expect(judged('participant', withTerms, stored)).not.toBeNull()
    expect(judged('observer', withTerms, stored)).not.toBeNull()
    // Nor may a participant turn a decision into a mere recommendation.
    const weaker = { notes: ['shape:a'], terms: { 'shape:a': { gremium: 'steuerungsgruppe', bindewirkung: 'empfehlung' } } }
    expect(judged('participant', weaker, withTerms)).not.toBeNull()
    expect(judged('facilitator', { notes: ['shape:a'], terms: { 'shape:a': { gremium: 'steuerungsgruppe', bindewirkung: 'immer' } } }, stored)).not.toBeNull()
  })

  it('the entry as written stores no terms of Zettel no longer marked', () => {
    const doc = new Y.Doc()
    beschluesseEntry.set(doc, toggleBeschluesse({ notes: [] }, ['shape:a'], { gremium: 'gesamtnetzwerk', bindewirkung: 'gilt' }))
    expect(facilitationMap(doc).get(facilitationKeys.beschluesse)).toEqual({ notes: ['shape:a'], terms: { 'shape:a': { gremium: 'gesamtnetzwerk', bindewirkung: 'gilt' } } })
    beschluesseEntry.set(doc, toggleBeschluesse(beschluesseEntry.get(doc), ['shape:a']))
    expect(facilitationMap(doc).has(facilitationKeys.beschluesse)).toBe(false)
  })
})
