/**
 * A JSON body of the route's shape, checked before the route runs (Hono's validator, after the
 * link's middleware: a request without the link is told so first); the route reads it with
 * `c.req.valid('json')`. A body that is not JSON, or not of the shape, is answered 400 with `refusal`.
 */
import { HTTPException } from 'hono/http-exception'
import { validator } from 'hono/validator'
import type { z } from 'zod'

export const jsonBody = <S extends z.ZodType>(schema: S, refusal: string) =>
  validator('json', (value): z.output<S> => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw new HTTPException(400, { message: refusal })
    return parsed.data
  })
