/**
 * The plain call to our own server (same origin), without zod: a refusal becomes an ApiError with
 * the server's message and reason word. `api.ts` re-exports it beside the zod-checked calls; a
 * phone's list calls only through this and `boardLookup.ts` (test/integration/phoneFirstLoad.test.ts).
 */
import { isProblemCode, type ProblemCode } from '../shared/problemCodes.ts'

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    message: string,
    /** The server's reason as a word (`shared/problemCodes.ts`), for `apiProblems.ts` to say. */
    readonly problem?: { code: ProblemCode; limit?: number },
  ) {
    super(message)
  }
}

/** The reason word of a refusal's body, if it has a known one. */
export function problemOf(body: unknown): ApiError['problem'] {
  if (typeof body !== 'object' || body === null) return undefined
  const { code, limit } = body as { code?: unknown; limit?: unknown }
  if (!isProblemCode(code)) return undefined
  return typeof limit === 'number' ? { code, limit } : { code }
}

/** The response, once it is a success; otherwise an ApiError with the server's message. */
export async function send(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init)
  if (response.ok) return response
  const body: unknown = await response.json().catch(() => null)
  const message =
    typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : `HTTP ${response.status}`
  throw new ApiError(response.status, message, problemOf(body))
}

export async function call(url: string, init?: RequestInit): Promise<unknown> {
  const response = await send(url, init)
  return response.json().catch(() => null)
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
export const boardApiPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`
