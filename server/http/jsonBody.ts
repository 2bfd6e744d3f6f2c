/**
 * A JSON body of the route's shape, checked before the route runs (Hono's validator, after the
 * link's middleware: a request without the link is told so first); the route reads it with
 * `c.req.valid('json')`. A body of the wrong shape is answered 400 with `refusal` (a sentence, or
 * one made from zod's issues); a body that is not JSON at all with `notJson` (by default the same).
 * Routes using it take only application/json (`jsonOnly.ts`): Hono's validator reads no other.
 */
import { HTTPException } from 'hono/http-exception'
import { validator } from 'hono/validator'
import type { z } from 'zod'

export type Refusal = string | ((error: z.ZodError) => string)

/** The first issue's own message, as the routes that describe their fields in the schema answer. */
export const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? 'invalid body'

export const jsonBody = <S extends z.ZodType>(schema: S, refusal: Refusal, notJson = typeof refusal === 'string' ? refusal : 'body must be JSON') => {
  const validate = validator('json', (value): z.output<S> => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw new HTTPException(400, { message: typeof refusal === 'string' ? refusal : refusal(parsed.error) })
    return parsed.data
  })
  // Hono's validator answers a body that is not JSON in its own words; clients are told ours. The
  // body read here is kept by Hono for the validator's own read.
  const readable: typeof validate = async (c, next) => {
    await c.req.json().catch(() => {
      throw new HTTPException(400, { message: notJson })
    })
    return validate(c, next)
  }
  return readable
}
