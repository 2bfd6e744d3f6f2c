/**
 * `GET /api/boards/:id` with a token: the board and the role the token grants, or why not. A
 * phone's list asks this before anything else, so it reads the answer with plain readers instead
 * of the zod schemas in `shared/api.ts`, which stay the relay's contract (zod kept off the phone's
 * first load, test/integration/phoneFirstLoad.test.ts). The readers take what `BoardWithRole` and
 * `SignInRefusal` take and give what they give (test/unit/boardLookup.test.ts); the relay has
 * checked the board, the client only tells its answer from anything else (a proxy's page).
 */
import { roles, type Role } from '../shared/accessRoles.ts'
import type { BoardWithRole, SignInRefusal } from '../shared/api.ts'
import { ApiError, bearer, boardApiPath, problemOf } from './apiCall.ts'

export type BoardLookup =
  | { kind: 'found'; board: BoardWithRole }
  | { kind: 'not-found' }
  /** The token is wrong or was replaced by a new link. */
  | { kind: 'unauthorized' }
  /** Network down or server unreachable: the board may still open from the local copy. */
  | { kind: 'unreachable' }
  /** The board requires sign-in: nobody is (`required`), or the sign-in's groups are not admitted (`forbidden`). */
  | { kind: 'sign-in'; reason: SignInRefusal['signIn'] }

type Fields = Record<string, unknown>
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value)
const isRole = (value: unknown): value is Role => (roles as readonly unknown[]).includes(value)
/** A field the relay may leave out, read as its default (zod's `.nullable().default(null)`). */
const orNull = <T>(value: unknown, is: (value: unknown) => value is T): T | null | undefined =>
  value === undefined || value === null ? null : is(value) ? value : undefined
const isString = (value: unknown): value is string => typeof value === 'string'
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** The board as `BoardWithRole` reads it (unknown fields dropped, defaults filled), or null for anything else. */
export function readBoardWithRole(body: unknown): BoardWithRole | null {
  if (!isFields(body)) return null
  const { id, title, createdAt, url, role, retentionDays, deleteAfter, signInRequired } = body
  if (!isString(id) || !isString(title) || !isString(createdAt) || !isString(url) || !isRole(role)) return null
  const days = orNull(retentionDays, isNumber)
  const after = orNull(deleteAfter, isString)
  if (days === undefined || after === undefined) return null
  if (signInRequired !== undefined && typeof signInRequired !== 'boolean') return null
  return { id, title, createdAt, url, role, retentionDays: days, deleteAfter: after, signInRequired: signInRequired ?? false }
}

/** A refusal for want of a sign-in, as `SignInRefusal` reads it, or null. */
export function readSignInRefusal(body: unknown): SignInRefusal | null {
  if (!isFields(body) || !isString(body.error)) return null
  return body.signIn === 'required' || body.signIn === 'forbidden' ? { error: body.error, signIn: body.signIn } : null
}

/** The board and the role this token grants on it. */
export async function lookupBoard(id: string, token: string): Promise<BoardLookup> {
  let response: Response
  try {
    response = await fetch(boardApiPath(id), { headers: bearer(token) })
  } catch {
    return { kind: 'unreachable' }
  }
  if (response.ok) {
    // Not the relay's answer (a captive portal, a proxy's page): as good as unreachable.
    const board = readBoardWithRole(await response.json().catch(() => null))
    return board ? { kind: 'found', board } : { kind: 'unreachable' }
  }
  if (response.status === 404) return { kind: 'not-found' }
  const body: unknown = await response.json().catch(() => null)
  const refusal = readSignInRefusal(body)
  if ((response.status === 401 || response.status === 403) && refusal) return { kind: 'sign-in', reason: refusal.signIn }
  if (response.status === 401) return { kind: 'unauthorized' }
  const message = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : `HTTP ${response.status}`
  throw new ApiError(response.status, message, problemOf(body))
}
