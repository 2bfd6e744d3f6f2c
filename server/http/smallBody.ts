/**
 * A body limit for routes that take a few hundred bytes of JSON: read no further than `maxBytes`,
 * answer 413, and close the connection, whose rest was never read.
 */
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'

export const smallBody = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('Connection', 'close')
      throw new HTTPException(413, { message: `the request is larger than ${Math.ceil(maxBytes / 1024)} KB` })
    },
  })
