/**
 * `ErrorEvent` where Node has none (20, 22): @hono/node-ws 1.3.1 builds one for a socket's error
 * event and, without it, throws a ReferenceError instead of calling the relay's `onError`, which
 * then printed a stack trace to stderr for every refused frame and never logged the socket's error
 * (honojs/middleware#784; @hono/node-server's own WebSocket helper polyfills it the same way).
 */
class NodeErrorEvent extends Event {
  readonly error: unknown
  readonly message: string
  constructor(type: string, init: ErrorEventInit = {}) {
    super(type, init)
    this.error = init.error
    this.message = init.message ?? ''
  }
}

globalThis.ErrorEvent ??= NodeErrorEvent as unknown as typeof ErrorEvent
