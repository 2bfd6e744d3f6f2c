/**
 * A release is a version (`shared/board/entries/release.ts`): a client may withdraw a release or
 * keep it, never name a version; the content fingerprint tells whether a board changed since,
 * equal for equal content whatever order it arrived in, blind to what a release does not send.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { contentFingerprint, fingerprintOf } from '../../shared/board/contentFingerprint.ts'
import { keepRound } from '../../shared/board/entries/zustimmungen.ts'
import { readRecords } from '../../shared/board/records.ts'
import { changedSinceRelease, keptRelease, released, releaseRefusal, withdrawn } from '../../shared/board/entries/release.ts'
import { facilitationMap } from '../../shared/board/entry.ts'
import { putRecords } from '../helpers/records.ts'
import { noteAt } from './templates/helpers.ts'

describe('the release entry', () => {
  const stored = released('2026-03-12', 1, { version: 'v1-aaaaaaaa', fingerprint: 'f1' })

  it('refuses a client release naming no version, another version or another fingerprint', () => {
    expect(releaseRefusal(undefined, released('2026-03-12', 2))).not.toBeNull()
    expect(releaseRefusal(withdrawn(1), released('2026-03-12', 2, { version: 'v1-aaaaaaaa', fingerprint: 'f1' }))).not.toBeNull()
    expect(releaseRefusal(stored, released('2026-03-12', 2, { version: 'v2-bbbbbbbb', fingerprint: 'f1' }))).not.toBeNull()
    expect(releaseRefusal(stored, released('2026-03-12', 2, { version: 'v1-aaaaaaaa', fingerprint: 'f2' }))).not.toBeNull()
  })

  it('refuses a client changing the Verteiler or the rule of a release: they come with the release the relay writes', () => {
    const named = released('2026-03-12', 1, { version: 'v1-aaaaaaaa', fingerprint: 'f1' }, { verteiler: ['Steuerungsgruppe'], rule: 'Netzwerkregeln · Öffentlichkeit: nach Freigabe' })
    expect(releaseRefusal(named, { ...named, verteiler: ['Steuerungsgruppe', 'Presse'] })).not.toBeNull()
    expect(releaseRefusal(named, { ...named, rule: 'ohne Regel' })).not.toBeNull()
    expect(releaseRefusal(named, keptRelease(named, 'f9'))).toBeNull()
  })

  it('takes withdrawal and keeping the old release', () => {
    expect(releaseRefusal(stored, withdrawn(2))).toBeNull()
    expect(releaseRefusal(stored, keptRelease(stored, 'f9'))).toBeNull()
  })

  it('has changed when the fingerprint differs; an old release without one never has', () => {
    expect(changedSinceRelease(stored, 'f1')).toBe(false)
    expect(changedSinceRelease(stored, 'f2')).toBe(true)
    expect(changedSinceRelease(released('2026-03-12', 1), 'f2')).toBe(false)
    expect(changedSinceRelease(withdrawn(1), 'f2')).toBe(false)
  })
})

describe('the content fingerprint', () => {
  const a = noteAt(0, 0, 'Räume anfragen')
  const b = noteAt(300, 0, 'Träger einladen')

  it('is equal for the same content in any order, and differs on a change of a Zettel or a Beschluss', () => {
    const one = new Y.Doc()
    const two = new Y.Doc()
    putRecords(one, [a, b])
    putRecords(two, [b])
    putRecords(two, [a])
    expect(contentFingerprint(one)).toBe(contentFingerprint(two))

    putRecords(two, [{ ...a, props: { ...a.props, color: 'blue' } }])
    expect(contentFingerprint(two)).not.toBe(contentFingerprint(one))

    const marked = new Y.Doc()
    putRecords(marked, [a, b])
    facilitationMap(marked).set('beschluesse', { notes: [a.id] })
    expect(contentFingerprint(marked)).not.toBe(contentFingerprint(one))
  })

  it('sees a round closed on the board: the Dokumentation and the pack read it (a refused proposal is no Beschluss); a board without rounds keeps its fingerprint', () => {
    const one = new Y.Doc()
    putRecords(one, [a])
    const before = contentFingerprint(one)
    // The fingerprint a release stored before rounds existed still matches a board that holds none.
    expect(before).toBe(fingerprintOf([...readRecords(one).records], { beschluesse: undefined, meeting: undefined }))
    keepRound(one, { id: 'r1', note: a.id, question: 'Räume anfragen?', gremium: 'steuerungsgruppe', bindewirkung: 'gilt', day: '2026-03-12', outcome: 'nicht-beschlossen', haeuser: [{ haus: 'Jobcenter', antwort: 'nein' }] })
    expect(contentFingerprint(one)).not.toBe(before)
  })

  it('does not see what a release does not send: the timer, the release itself', () => {
    const one = new Y.Doc()
    putRecords(one, [a])
    const before = contentFingerprint(one)
    facilitationMap(one).set('timer', { durationMs: 60_000, startedAt: null, remainingAtPauseMs: null, setAt: 1 })
    facilitationMap(one).set('release', released('2026-03-12', 1, { version: 'v1-aaaaaaaa', fingerprint: before }))
    expect(contentFingerprint(one)).toBe(before)
  })
})
