/**
 * Both drivers bind a Buffer as a blob (better-sqlite3 as BLOB, pg as BYTEA); this views the
 * same memory without copying.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
