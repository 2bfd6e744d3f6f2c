/** The one error type route handlers throw; `app.onError` turns it into JSON `{ error }` (with `code` and `limit` where given). */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ProblemCode } from '../../shared/problemCodes.ts'

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    /** The reason as a word the page translates (`shared/problemCodes.ts`), and the limit it names. */
    readonly problem?: { code: ProblemCode; limit?: number },
  ) {
    super(message)
  }
}
