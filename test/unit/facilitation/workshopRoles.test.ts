import { describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { isFreshSummon, readSummon, summonLifetimeMs } from '../../../shared/facilitation/summon.ts'
import {
  assignRole,
  planspielRoleChoices,
  planspielRoleLabel,
  readRoleAssignments,
  readWorkshopPresence,
  WorkshopPresence,
} from '../../../shared/board/entries/roles.ts'
import { readPeer, roleOfUser, watchRoomPeers } from '../../../client/board/facilitation/roomPeers.ts'
import { newSummons } from '../../../client/facilitation/summon.ts'

describe('Planspiel roles', () => {
  it('are assigned and removed per person, keyed by the presence user id', () => {
    let roles = assignRole({}, 'user:anna', { kind: 'client' })
    roles = assignRole(roles, 'user:ben', { kind: 'organisation', name: 'Jobcenter' })
    roles = assignRole(roles, 'user:anna', { kind: 'custom', text: '  Vermieter  ' })
    expect(roles).toEqual({
      'user:anna': { kind: 'custom', text: 'Vermieter' },
      'user:ben': { kind: 'organisation', name: 'Jobcenter' },
    })
    expect(assignRole(roles, 'user:ben', null)).toEqual({ 'user:anna': { kind: 'custom', text: 'Vermieter' } })
    expect(() => assignRole(roles, 'user:carla', { kind: 'custom', text: '   ' })).toThrow()
  })

  it('parse leniently: a bad entry drops itself, not the others', () => {
    const stored = {
      'user:anna': { kind: 'adviser' },
      'user:ben': { kind: 'organisation' }, // no name
      'user:carla': { kind: 'boss' },
      'user:dora': { kind: 'custom', text: 'x'.repeat(81) },
      'user:emil': { kind: 'observer', extra: true },
      '': { kind: 'client' },
    }
    expect(readRoleAssignments(stored)).toEqual({
      'user:anna': { kind: 'adviser' },
      'user:emil': { kind: 'observer' },
    })
    expect(readRoleAssignments(null)).toEqual({})
    expect(readRoleAssignments([{ kind: 'client' }])).toEqual({})
    expect(readRoleAssignments('user:anna')).toEqual({})
  })

  it('offer the client, each organisation once, advisers and observers', () => {
    const choices = planspielRoleChoices([
      ['Jobcenter', 'Jugendamt'],
      ['Jugendamt ', 'Kita-Träger', ''],
    ])
    expect(choices.map((c) => planspielRoleLabel(c, 'de'))).toEqual([
      'Alleinerziehende(r)',
      'Jobcenter',
      'Jugendamt',
      'Kita-Träger',
      'Beraterinnen und Berater',
      'Beobachtende',
    ])
    expect(planspielRoleLabel({ kind: 'client' }, 'en')).toBe('Single parent')
    expect(planspielRoleChoices([])).toHaveLength(3)
  })
})

describe('access roles in awareness', () => {
  it('are read from the workshop field; anything else is no role', () => {
    expect(readWorkshopPresence({ role: 'facilitator' })).toEqual({ role: 'facilitator' })
    expect(readWorkshopPresence({ role: 'admin' })).toBeUndefined()
    // Read without zod (the canvas's first paint): as the schema reads it.
    for (const value of [{ role: 'observer', extra: 1 }, { role: 'admin' }, { role: null }, {}, ['facilitator'], 'facilitator', null, undefined]) {
      const parsed = WorkshopPresence.safeParse(value)
      expect(readWorkshopPresence(value)).toEqual(parsed.success ? parsed.data : undefined)
    }
    expect(readPeer(7, { presence: { userId: 'user:anna' }, workshop: { role: 'observer' } })).toEqual({
      clientId: 7,
      userId: 'user:anna',
      role: 'observer',
      summon: null,
    })
    expect(readPeer(8, {})).toEqual({ clientId: 8, userId: null, role: null, summon: null })
  })

  it('count a person with several tabs with their highest role', () => {
    const peers = [
      { clientId: 1, userId: 'user:a', role: 'participant' as const, summon: null },
      { clientId: 2, userId: 'user:a', role: 'facilitator' as const, summon: null },
      { clientId: 3, userId: 'user:b', role: null, summon: null },
    ]
    expect(roleOfUser(peers, 'user:a')).toBe('facilitator')
    expect(roleOfUser(peers, 'user:b')).toBeNull()
    expect(roleOfUser(peers, 'user:c')).toBeNull()
  })

  it('publishes our role and sees peers’ changes', () => {
    const mine = new Awareness(new Y.Doc())
    const theirs = new Awareness(new Y.Doc())
    const room = watchRoomPeers(mine, 'participant')
    expect(mine.getLocalState()).toMatchObject({ workshop: { role: 'participant' } })
    theirs.setLocalState({ presence: { userId: 'user:f' }, workshop: { role: 'facilitator' } })
    // Hand their state over the way the provider would.
    mine.states.set(theirs.clientID, theirs.getLocalState()!)
    mine.emit('change', [{ added: [theirs.clientID], updated: [], removed: [] }, 'remote'])
    expect(room.peers.get()).toEqual([{ clientId: theirs.clientID, userId: 'user:f', role: 'facilitator', summon: null }])
    room.dispose()
  })
})

describe('"Alle zu mir"', () => {
  const summon = { id: 's1', bounds: { x: 0, y: 0, w: 1200, h: 800 }, pageId: 'page:page', at: 10_000 }

  it('is acted on once per id, only from a facilitator, only while fresh', () => {
    expect(readSummon(summon)).toEqual(summon)
    expect(readSummon({ ...summon, bounds: { x: 0, y: 0, w: 0, h: 1 } })).toBeUndefined()
    const seen = new Set<string>()
    const peers = [
      { clientId: 1, userId: 'user:p', role: 'participant' as const, summon: { ...summon, id: 'fake' } },
      { clientId: 2, userId: 'user:f', role: 'facilitator' as const, summon },
    ]
    expect(newSummons(peers, seen, 11_000).map((s) => s.summon.id)).toEqual(['s1'])
    expect(newSummons(peers, seen, 11_500)).toEqual([])
    // A late joiner: the same summon, long after, is history.
    expect(newSummons(peers, new Set(), 10_000 + summonLifetimeMs + 1)).toEqual([])
    expect(isFreshSummon(summon, 10_000 + summonLifetimeMs)).toBe(true)
  })
})
