/**
 * Every facilitation entry the board declares (`shared/board/facilitation.ts`), tried the same
 * way: the relay's judgement refuses it from anyone but the facilitator and refuses a value its
 * schema refuses, and the client's facilitation model shows it as an atom that follows the doc.
 * A new entry is one file in `shared/board/entries/` plus its line in the list, and its samples
 * here: `samples` names every declared key, so the compiler asks for them.
 */
import { readdirSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { atom } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { ConnectionState } from '../../client/board/connectionState.ts'
import { createFacilitationModel } from '../../client/board/facilitation/facilitationModel.ts'
import { syncedTypeNames } from '../../client/sync/syncedRecords.ts'
import { appRoot } from '../../server/base/appRoot.ts'
import { judgeUpdate } from '../../server/judge/judgeUpdate.ts'
import { Rehearsal } from '../../server/judge/rehearsal.ts'
import { checkUpdate } from '../../server/judge/updateRules.ts'
import { roles, type Role } from '../../shared/access.ts'
import { boardRecordTypes } from '../../shared/board/declaration.ts'
import type { FacilitationEntry } from '../../shared/board/entry.ts'
import { facilitationEntries, facilitationKeys, facilitationMap, type FacilitationKey } from '../../shared/board/facilitation.ts'
import { boardRootNames } from '../../shared/board/ydoc.ts'
import { reachedFrom } from '../helpers/importGraph.ts'

/** A value the facilitator may write, and one the entry's schema refuses. */
const samples: Record<FacilitationKey, { valid: unknown; invalid: unknown }> = {
  timer: { valid: { durationMs: 60_000, startedAt: null, remainingAtPauseMs: null, setAt: 1 }, invalid: { durationMs: 'lang' } },
  step: { valid: { instance: 'x', key: 'step:1', setAt: 1 }, invalid: { instance: 'x', key: 'kein-schritt', setAt: 1 } },
  focus: { valid: { part: 'x', pageId: 'page:p', cells: ['role:1'], step: 'step:play', at: 1 }, invalid: { part: 'x', pageId: 'page:p', step: 'kein-schritt', at: 1 } },
  slide: { valid: { pageId: 'page:1', section: 'x', part: 'step:3/cell:g1:vision', step: 'step:3', cells: ['cell:g1:vision'], setAt: 1 }, invalid: { pageId: 'page:1', section: '', setAt: 1 } },
  agenda: { valid: { items: [{ id: 'a1', text: 'Begrüßung', minutes: 10 }] }, invalid: { items: [{ id: 'a1', text: '   ' }] } },
  roles: { valid: { 'user:a': { kind: 'client' } }, invalid: ['user:a'] },
  vote: {
    valid: { id: 'v1', dotsPerPerson: 3, scope: { kind: 'board' }, state: 'open', startedAt: 1 },
    invalid: { id: 'v1', dotsPerPerson: 11, scope: { kind: 'board' }, state: 'open', startedAt: 1 },
  },
  // The facilitator may clear the record, never write a result into it: those are the relay's.
  voteRecord: {
    valid: {},
    invalid: { v1: { id: 'v1', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1, participation: { voters: 9, dots: 27 }, results: { 'shape:a': 27 } } },
  },
  // A round as the facilitator starts it; closing it, its answers and outcome are the relay's.
  zustimmung: {
    valid: { id: 'r1', note: 'shape:a', question: 'Gemeinsame Sprechstunde ab März', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', state: 'open', startedAt: 1 },
    invalid: { id: 'r1', note: 'shape:a', question: 'x', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', state: 'closed', startedAt: 1 },
  },
  // As the record of votes: the facilitator clears it, never writes a round into it.
  zustimmungen: {
    valid: {},
    invalid: { r1: { id: 'r1', note: 'shape:a', question: 'x', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', day: '2026-11-28', outcome: 'beschlossen', haeuser: [{ haus: 'Jobcenter', antwort: 'ja' }] } },
  },
  scaffold: { valid: { unlocked: true }, invalid: { unlocked: 'ja' } },
  protection: { valid: { othersNotes: false }, invalid: { othersNotes: 0 } },
  exports: { valid: { observers: true }, invalid: {} },
  private: { valid: { id: 'r1', startedAt: 1 }, invalid: { id: '', startedAt: 1 } },
  beschluesse: { valid: { notes: ['shape:a'] }, invalid: { notes: ['kein-zettel'] } },
  release: { valid: { released: false, at: 1 }, invalid: { released: 'ja' } },
  meeting: { valid: { date: '2026-11-24', place: 'Łódź', moderation: 'Frau K.' }, invalid: { date: '', place: 'x'.repeat(121), moderation: '' } },
  groups: {
    valid: { id: 'g1', plenaryPageId: 'page:p', template: 'planspiel', groups: [{ name: 'A', pageId: 'page:a', members: [] }, { name: 'B', pageId: 'page:b', members: ['user:x'] }], openedAt: 1 },
    invalid: { id: 'g1', plenaryPageId: 'page:p', template: null, groups: [{ name: 'Allein', pageId: 'page:a', members: [] }], openedAt: 1 },
  },
  commenting: { valid: { observers: true }, invalid: { observers: 'ja' } },
  consent: {
    valid: {
      cases: {
        fk1: {
          einverstaendnis: 'liegt-vor',
          entbindung: 'liegt-vor',
          entbundeneStellen: ['Jobcenter'],
          anwesendeStellen: ['Jobcenter'],
          nurPseudonym: true,
          moderation: 'B. Sommer',
          moderationNichtEinbringend: true,
          datum: '2026-11-25',
          bestaetigtVon: 'BS',
        },
      },
    },
    // „ja“ is no status: only the recorded choices count.
    invalid: { cases: { fk1: { einverstaendnis: 'ja' } } },
  },
  // The relay's alone: a name written by anyone else (the facilitator too) would put words in another's mouth.
  writers: { valid: { AAAAAAAAAAAAAAAAAAAAAA: 'Anna' }, invalid: { AAAAAAAAAAAAAAAAAAAAAA: 'x'.repeat(81) } },
}

/** Writes `value` as a client writes the entry: whole, or (a nested map) field by field. */
function store(doc: Y.Doc, entry: FacilitationEntry, value: unknown) {
  doc.transact(() => {
    if (entry.kind === 'value') return facilitationMap(doc).set(entry.key, value)
    const map = new Y.Map<unknown>()
    facilitationMap(doc).set(entry.key, map)
    for (const [field, inner] of Object.entries(value as Record<string, unknown>)) map.set(field, inner)
  })
}

/** The update a client of `role` sends to write `value` into an empty board, and the relay's verdict. */
function judged(role: Role, entry: FacilitationEntry, value: unknown) {
  const board = new Y.Doc()
  const client = new Y.Doc()
  store(client, entry, value)
  const rehearsal = new Rehearsal(board, () => true)
  try {
    return { refusal: judgeUpdate(board, rehearsal, Y.encodeStateAsUpdate(client), { role, author: null }), update: Y.encodeStateAsUpdate(client) }
  } finally {
    rehearsal.destroy()
  }
}

describe('the board document, declared once', () => {
  it('lists each entry once, and its keys are the keys everyone uses', () => {
    const keys = facilitationEntries.map((entry) => entry.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(Object.values(facilitationKeys).sort()).toEqual([...keys].sort())
    expect(Object.keys(samples).sort()).toEqual([...keys].sort())
  })

  for (const entry of facilitationEntries) {
    const { valid, invalid } = samples[entry.key]
    // An entry nobody may write is the relay's own (`entries/writers.ts`): refused from every client.
    const relays = roles.every((role) => !entry.mayWrite(role))
    if (relays) {
      it(`${entry.key}: the relay's alone, refused from every client`, () => {
        for (const role of roles) expect(judged(role, entry, valid).refusal, role).not.toBeNull()
      })
    } else it(`${entry.key}: the facilitator's alone, and only a value its schema takes`, () => {
      expect(judged('facilitator', entry, valid).refusal).toBeNull()
      for (const role of roles.filter((r) => r !== 'facilitator')) expect(judged(role, entry, valid).refusal).not.toBeNull()
      expect(judged('facilitator', entry, invalid).refusal).not.toBeNull()
    })

    it(`${entry.key}: the client's model shows it, following the doc`, () => {
      const doc = new Y.Doc()
      const awareness = new Awareness(doc)
      const model = createFacilitationModel({ boardId: 'b', token: 't', role: 'participant', doc, awareness, state: atom<ConnectionState>('c', 'connecting') })
      try {
        const shown = model.entries[entry.key]
        expect(shown.get()).toEqual(entry.default)
        Y.applyUpdate(doc, judged('facilitator', entry, valid).update)
        expect(shown.get()).not.toEqual(entry.default)
        expect(shown.get()).toEqual(entry.read(facilitationMap(doc).get(entry.key)))
        facilitationMap(doc).delete(entry.key)
        expect(shown.get()).toEqual(entry.default)
      } finally {
        model.dispose()
        awareness.destroy()
      }
    })
  }

  it('lists every entry declared in shared/board/entries/: one left out would be refused as "not a board entry"', async () => {
    const folder = resolve(appRoot, 'shared/board/entries')
    const declared: string[] = []
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts'))) {
      const module: Record<string, unknown> = await import(pathToFileURL(resolve(folder, name)).href)
      for (const [exported, value] of Object.entries(module)) {
        const entry = value as Partial<FacilitationEntry> | null
        if (typeof entry === 'object' && entry !== null && typeof entry.key === 'string' && typeof entry.mayWrite === 'function') {
          if (!(facilitationEntries as readonly unknown[]).includes(entry)) declared.push(`${name}: ${exported}`)
        }
      }
    }
    expect(declared, 'add these to facilitationEntries in shared/board/facilitation.ts').toEqual([])
  })

  it('names its roots and record types once: the update rules and the client take them from there', () => {
    const rootWritten = (root: string) => {
      const doc = new Y.Doc()
      doc.getMap(root).set('x', 1)
      return checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc))
    }
    for (const root of boardRootNames) expect(rootWritten(root)).toMatchObject({ ok: true })
    expect(rootWritten('elsewhere')).toMatchObject({ ok: false, rule: 'root-name' })
    expect([...syncedTypeNames]).toEqual([...boardRecordTypes])
    expect([...boardRecordTypes]).toEqual(['document', 'page', 'shape', 'binding', 'asset'])
  })

  it('is judged without loading a template or a result', () => {
    const reached = [...reachedFrom(resolve(appRoot, 'server/judge/judgeUpdate.ts')).files].map((file) => relative(appRoot, file).split('\\').join('/'))
    expect(reached.filter((file) => file.startsWith('shared/templates/') || file.startsWith('shared/results/'))).toEqual([])
    expect(reached).toContain('shared/board/entries/agenda.ts')
  })
})
