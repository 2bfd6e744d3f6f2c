/**
 * What this browser sends and reads as its own (ballot, round answer, private notes), without
 * zod: a phone's list calls these before the relay's checks are loaded. The relay checks every
 * body it takes with the schemas in `shared/api.ts`; the reply is read here with plain readers.
 * `api.ts` re-exports them beside its zod-checked calls.
 */
import type { OwnBallot, RoundAnswer } from '../shared/api.ts'
import { ballotPath, privateNotesPath, roundAnswerPath, writerHeader } from '../shared/ownPaths.ts'
import { bearer, call, send } from './apiCall.ts'

const noBallot = (): { voteId: string | null; dots: Record<string, number> } => ({ voteId: null, dots: {} })
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The relay's reply to „my ballot“, as the relay's own schema (OwnBallot, voteId may be null)
 * would take it: a reply that is not one reads as no ballot, never as a half one.
 */
export function readOwnBallot(body: unknown): { voteId: string | null; dots: Record<string, number> } {
  if (!isRecord(body) || !isRecord(body.dots)) return noBallot()
  const { voteId } = body
  if (voteId !== null && (typeof voteId !== 'string' || voteId.length < 1 || voteId.length > 200)) return noBallot()
  const dots: Record<string, number> = {}
  for (const [note, count] of Object.entries(body.dots)) {
    if (note.length > 200 || typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10) return noBallot()
    dots[note] = count
  }
  return { voteId, dots }
}

/** This browser's ballot of the board's current vote (secret ballots: only the relay keeps it). */
export async function fetchOwnBallot(boardId: string, token: string, writer: string): Promise<{ voteId: string | null; dots: Record<string, number> }> {
  const body = await call(ballotPath(encodeURIComponent(boardId)), {
    headers: { ...bearer(token), [writerHeader]: writer },
    cache: 'no-store',
  })
  return readOwnBallot(body)
}

/** Sends this browser's whole ballot; the relay refuses it once the vote is no longer open. */
export async function sendOwnBallot(boardId: string, token: string, writer: string, ballot: OwnBallot): Promise<void> {
  await send(ballotPath(encodeURIComponent(boardId)), {
    method: 'PUT',
    headers: { ...bearer(token), [writerHeader]: writer, 'Content-Type': 'application/json' },
    body: JSON.stringify(ballot),
  })
}

/** This browser's answer in the „Einverstanden?“ round: the relay writes it under its author id, in the open. */
export async function sendRoundAnswer(boardId: string, token: string, writer: string, answer: RoundAnswer): Promise<void> {
  await send(roundAnswerPath(encodeURIComponent(boardId)), {
    method: 'PUT',
    headers: { ...bearer(token), [writerHeader]: writer, 'Content-Type': 'application/json' },
    body: JSON.stringify(answer),
  })
}

/** This browser's private notes of the open round (only the relay keeps them). */
export async function fetchOwnPrivateNotes(boardId: string, token: string, writer: string): Promise<{ roundId: string | null; notes: unknown[] }> {
  const body = (await call(privateNotesPath(encodeURIComponent(boardId)), {
    headers: { ...bearer(token), [writerHeader]: writer },
    cache: 'no-store',
  })) as { roundId?: unknown; notes?: unknown } | null
  return { roundId: typeof body?.roundId === 'string' ? body.roundId : null, notes: Array.isArray(body?.notes) ? body.notes : [] }
}

/**
 * Sends all of this browser's private notes of the round; refused once the round has ended.
 * `keepalive`: sent while the page goes away (the browser finishes it after the page is gone).
 */
export async function sendOwnPrivateNotes(boardId: string, token: string, writer: string, roundId: string, notes: unknown[], keepalive = false): Promise<void> {
  await send(privateNotesPath(encodeURIComponent(boardId)), {
    method: 'PUT',
    headers: { ...bearer(token), [writerHeader]: writer, 'Content-Type': 'application/json' },
    body: JSON.stringify({ roundId, notes }),
    keepalive,
  })
}
