/**
 * permessage-deflate (RFC 7692) on the relay's sockets: the board's state a phone receives on
 * joining is mostly repeated keys and record shapes and shrinks to about a sixth (a board with the
 * Gründungsveranstaltung and 120 Zettel: 88 kB → 15 kB). What it may cost the relay is bounded:
 *
 * - memory per socket: no context kept between messages in either direction; a 2 KiB window for
 *   what the relay sends (8 + 64 KiB of zlib state for deflating), the client's own window for
 *   what it sends (up to 32 + 7 KiB for inflating), each made on the socket's first compressed
 *   message. The client's window is not limited: ws would then refuse the offer of a browser that
 *   does not name client_max_window_bits (Firefox), and that browser would get no compression;
 * - CPU: messages under 4 KiB (cursors, single edits, the steady fan-out) go out as they are;
 *   deflate and inflate run on libuv's thread pool, at most four at a time in the process;
 * - a compression bomb: ws counts the bytes as it inflates and stops at `maxPayload` (the same
 *   MAX_MESSAGE_BYTES a plain frame may have), closing the socket with 1009.
 */
import type { PerMessageDeflateOptions } from 'ws'

export const socketCompression: PerMessageDeflateOptions = {
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 11,
  zlibDeflateOptions: { level: 6, memLevel: 7 },
  threshold: 4096,
  concurrencyLimit: 4,
}
