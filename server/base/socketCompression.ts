/**
 * permessage-deflate (RFC 7692) on the relay's sockets: the board's state a phone receives on
 * joining is mostly repeated keys and record shapes and shrinks to about a sixth (a board with the
 * Gründungsveranstaltung and 120 Zettel: 88 kB → 15 kB). What it may cost the relay is bounded:
 *
 * - memory per socket: no context kept between messages in either direction; an 8 KiB window for
 *   what the relay sends (32 + 32 KiB of zlib state for deflating, kept from the socket's first
 *   compressed message on), the client's own window for what it sends (up to 32 + 7 KiB for
 *   inflating). The client's window is not limited: ws would then refuse the offer of a browser
 *   that does not name client_max_window_bits (Firefox), and that browser would get no compression;
 * - CPU: ws deflates each message once per socket, so a join storm deflates the same board once
 *   for every joiner. zlib's fastest level with an 8 KiB window takes half the time of level 6
 *   with a 2 KiB one for the same size (a Planspiel with 400 notes: 0.34 MB to 51 kB against
 *   50 kB, 2.5 ms against 5 ms; bench/README.md, *socket compression*). Messages under 4 KiB
 *   (cursors, single edits, the steady fan-out) go out as they are; deflate and inflate run on
 *   libuv's thread pool, at most four at a time in the process;
 * - a compression bomb: ws counts the bytes as it inflates and stops at `maxPayload` (the same
 *   MAX_MESSAGE_BYTES a plain frame may have), closing the socket with 1009.
 */
import type { PerMessageDeflateOptions } from 'ws'

export const socketCompression: PerMessageDeflateOptions = {
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 13,
  zlibDeflateOptions: { level: 1, memLevel: 6 },
  threshold: 4096,
  concurrencyLimit: 4,
}
