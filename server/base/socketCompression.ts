/**
 * permessage-deflate (RFC 7692) on the relay's sockets: the board's state a phone receives on
 * joining is mostly repeated keys and record shapes and shrinks to about a sixth (a board with the
 * Gründungsveranstaltung and 120 Zettel: 88 kB → 15 kB). What it may cost the relay is bounded:
 *
 * - CPU: what the relay deflates (the board a joiner is sent, everyone's presence) it deflates once
 *   per message and window, not once per socket (`sharedDeflate.ts`): a join storm costs one
 *   deflate of the board (a few ms for a Planspiel with 400 notes, 0.34 MB to about 50 kB at
 *   zlib's fastest level), not one per joiner (bench/README.md, *socket compression*). Messages under
 *   4 KiB (cursors, single edits) and the steady fan-out go out as they are (`Connection.ts`);
 *   inflating what clients send runs on libuv's thread pool, at most four at a time in the process;
 * - memory per socket: no context kept between messages in either direction. The relay's window
 *   is the client's choice (zlib's largest, 32 KiB, unless it asks for less): its deflating keeps
 *   no state per socket (`sharedDeflate.ts`), and a fixed window would make ws refuse the
 *   handshake of a client that asks for a smaller one (400). The client's window is not limited
 *   either: ws would then refuse the offer of a browser that does not name client_max_window_bits,
 *   and that browser would get no compression; inflating keeps up to 32 + 7 KiB per socket;
 * - a compression bomb: ws counts the bytes as it inflates and stops at `maxPayload` (the same
 *   MAX_MESSAGE_BYTES a plain frame may have), closing the socket with 1009.
 */
import type { PerMessageDeflateOptions } from 'ws'

export const socketCompression: PerMessageDeflateOptions = {
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  zlibDeflateOptions: { level: 1, memLevel: 6 },
  threshold: 4096,
  concurrencyLimit: 4,
}
