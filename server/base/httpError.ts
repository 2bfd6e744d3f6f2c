/**
 * Route handlers throw Hono's `HTTPException`; `app.onError` turns it into JSON `{ error }` (its
 * message), with `code` and `limit` where its `cause` is a `problem`: the reason as a word the page
 * translates (`shared/problemCodes.ts`), and the limit it names.
 */
import type { HTTPException } from 'hono/http-exception'
import type { ProblemCode } from '../../shared/problemCodes.ts'

export interface Problem {
  code: ProblemCode
  limit?: number
}

class ProblemCause implements Problem {
  constructor(
    readonly code: ProblemCode,
    readonly limit?: number,
  ) {}
}

/** The `cause` of an `HTTPException` whose answer names a problem. */
export const problem = (code: ProblemCode, limit?: number): Problem => new ProblemCause(code, limit)

/** The JSON body of an `HTTPException`'s answer. */
export function errorBody(error: HTTPException): { error: string } & Partial<Problem> {
  const cause = error.cause instanceof ProblemCause ? error.cause : undefined
  return { error: error.message, ...(cause ? { code: cause.code, ...(cause.limit !== undefined ? { limit: cause.limit } : {}) } : {}) }
}
