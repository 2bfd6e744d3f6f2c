/**
 * The current vote of an open board as an atom, and this browser's voter key for it.
 * Kept per Y.Doc and gone with it, like the other facilitation state.
 */
import { atom, type Atom } from 'tldraw'
import * as Y from 'yjs'
import { facilitationKeys, facilitationMap } from '../../shared/facilitation/doc.ts'
import { readVote, type Vote } from '../../shared/facilitation/voting.ts'
import { randomKey } from '../randomKey.ts'

const byDoc = new WeakMap<Y.Doc, Atom<Vote | undefined>>()

/** The vote, re-read whenever it or any ballot in it changes. */
export function voteAtom(doc: Y.Doc): Atom<Vote | undefined> {
  const existing = byDoc.get(doc)
  if (existing) return existing
  const map = facilitationMap(doc)
  const vote = atom<Vote | undefined>('dot vote', readVote(doc))
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    // Nested events come from inside the vote (its state, its ballots); the only nested types in
    // the facilitation map are the vote's.
    const touched = events.some((e) => e.target !== map || (e as Y.YMapEvent<unknown>).keysChanged.has(facilitationKeys.vote))
    if (touched) vote.set(readVote(doc))
  }
  map.observeDeep(onChange)
  byDoc.set(doc, vote)
  doc.once('destroy', () => map.unobserveDeep(onChange))
  return vote
}

const storageKey = (boardId: string) => `netzwerkstatt:voter:${boardId}`
/** Where localStorage is unavailable (private mode, blocked): kept for this page's life. */
const inMemory = new Map<string, { voteId: string; key: string }>()

/**
 * This browser's anonymous key for one vote: random, new for each vote (so two votes cannot be
 * linked), kept in localStorage so that a reload keeps your dots. One entry per board: a new vote
 * replaces the key of the last one.
 */
export function voterKeyFor(boardId: string, voteId: string): string {
  const id = storageKey(boardId)
  let stored: { voteId?: unknown; key?: unknown } | undefined
  try {
    stored = JSON.parse(localStorage.getItem(id) ?? 'null') ?? undefined
  } catch {
    stored = inMemory.get(id)
  }
  stored ??= inMemory.get(id)
  if (stored?.voteId === voteId && typeof stored.key === 'string') return stored.key
  const fresh = { voteId, key: randomKey(16) }
  inMemory.set(id, fresh)
  try {
    localStorage.setItem(id, JSON.stringify(fresh))
  } catch {}
  return fresh.key
}

/**
 * Whether clicks on notes place dots (on while a vote is open; off lets one edit notes again),
 * and the last hint the canvas wants the panel to say. Local to this page.
 */
export interface VotingUi {
  placing: Atom<boolean>
  notice: Atom<{ text: string; at: number } | undefined>
}

const uiByDoc = new WeakMap<Y.Doc, VotingUi>()

export function votingUi(doc: Y.Doc): VotingUi {
  let ui = uiByDoc.get(doc)
  if (!ui) {
    ui = { placing: atom('placing dots', true), notice: atom('voting notice', undefined) }
    uiByDoc.set(doc, ui)
  }
  return ui
}
