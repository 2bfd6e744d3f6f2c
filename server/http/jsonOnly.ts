/**
 * Bodies the client always sends as JSON are taken only as JSON. A page on another site can post
 * a form or text/plain without asking the browser first (no CORS preflight); application/json
 * it cannot. Refused before anything is counted or read, so such posts use up no one's limits.
 */
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'

/** The media type of a Content-Type header, without its parameters. */
export const mediaType = (header: string | undefined) => (header ?? '').split(';')[0].trim().toLowerCase()

export const jsonOnly = (message = 'send the request as application/json') =>
  createMiddleware(async (c, next) => {
    if (mediaType(c.req.header('content-type')) !== 'application/json') throw new HTTPException(415, { message: message })
    await next()
  })
