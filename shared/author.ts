/**
 * Who wrote a note, without names: every browser keeps a random writer secret and sends it when
 * it connects (`writer` query parameter); the relay derives the browser's author id for that board
 * from it, and accepts a new shape from a participant only with that author id in
 * `meta.author` (`board/declaration.ts`). Others see the id, never the secret, so nobody can pose
 * as another author; the id differs per board, so boards cannot be linked through it.
 */
import * as sha256 from 'lib0/hash/sha256'
import * as buffer from 'lib0/buffer'
import * as string from 'lib0/string'

export const writerQueryParam = 'writer'
/** 24 random bytes, base64url: the same shape as a board token. */
export const writerSecretPattern = /^[A-Za-z0-9_-]{32}$/

/** The author id of a writer secret on one board: 16 bytes of SHA-256, base64url. */
export function authorId(writerSecret: string, boardId: string): string {
  const digest = sha256.digest(string.encodeUtf8(`netzwerkstatt-author:${boardId}:${writerSecret}`))
  return buffer.toBase64UrlEncoded(digest.slice(0, 16))
}

/** The author id for a connection's `writer` parameter; null when missing or malformed. */
export function authorFromParam(writer: string | undefined, boardId: string): string | null {
  return writer && writerSecretPattern.test(writer) ? authorId(writer, boardId) : null
}
