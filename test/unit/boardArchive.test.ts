/**
 * Reading a board archive (`server/boardArchive/format.ts`) before `admin import-board` checks it:
 * a payload that unpacks to more than its table of contents declares stops there, not at the
 * reader's last resort of 2 GiB; dates from the future are refused, so none escapes retention.
 */
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { checkImport } from '../../server/boardArchive/importCheck.ts'
import { formatName, formatVersion, magic, readArchive, writeArchive } from '../../server/boardArchive/format.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'

const board = { id: 'b'.repeat(22), title: 'Planspiel', createdAt: '2026-01-05T10:00:00.000Z', lastUsedAt: '2026-02-01T09:00:00.000Z' }

/** An archive whose payload is `body`, gzipped and with a true header (length and checksum). */
function archiveOf(body: Buffer, version = formatVersion): Uint8Array {
  const payload = gzipSync(body)
  const header = { format: formatName, formatVersion: version, payloadBytes: payload.byteLength, payloadSha256: createHash('sha256').update(payload).digest('hex') }
  return Buffer.concat([Buffer.from(magic + JSON.stringify(header) + '\n', 'utf8'), payload])
}

describe('reading a board archive', () => {
  // Sync or not, readArchive's answer is awaited.
  const read = (file: Uint8Array) => Promise.resolve().then(() => readArchive(file))

  it('stops unpacking a payload at what its table of contents declares, and says so', async () => {
    const document = boardDocument('de')
    const table = Buffer.from(JSON.stringify({ board, exportedAt: '2026-02-02T00:00:00.000Z', document: { bytes: document.byteLength }, assets: [], versions: [] }))
    const length = Buffer.alloc(4)
    length.writeUInt32BE(table.byteLength)
    // A gzip bomb behind a true table: 64 MiB of zeros after the parts, some 64 KB packed.
    const bomb = archiveOf(Buffer.concat([length, table, document, Buffer.alloc(64 * 1024 ** 2)]))
    expect(bomb.byteLength).toBeLessThan(1024 ** 2)
    await expect(read(bomb)).rejects.toThrow(`the archive is damaged: it unpacks to more than its table of contents declares (${4 + table.byteLength + document.byteLength} bytes)`)
    // A true archive still reads whole.
    const whole = await read(writeArchive({ board, exportedAt: '2026-02-02T00:00:00.000Z', document, assets: [], versions: [] }))
    expect(Buffer.from(whole.document).equals(Buffer.from(document))).toBe(true)
  })
})

describe('the archive’s own format', () => {
  // Version 2 carries boards in format 3 (a shape's text a Y.Text): a server of version 1 could
  // not judge them, and must refuse them as newer, not as damaged.
  it('is 2 since boards are in format 3, and an archive of version 1 still reads', async () => {
    expect(formatVersion).toBe(2)
    const document = boardDocument('de')
    const table = Buffer.from(JSON.stringify({ board, exportedAt: '2026-02-02T00:00:00.000Z', document: { bytes: document.byteLength }, assets: [], versions: [] }))
    const length = Buffer.alloc(4)
    length.writeUInt32BE(table.byteLength)
    const older = await readArchive(archiveOf(Buffer.concat([length, table, document]), 1))
    expect(Buffer.from(older.document).equals(Buffer.from(document))).toBe(true)
  })
})

describe('checking an archive before import', () => {
  const limits = { maxBoardBytes: 32 * 1024 ** 2, maxAssetBytes: 10 * 1024 ** 2, maxBoardAssetBytes: 100 * 1024 ** 2, signIn: false }
  const archived = (change: { lastUsedAt?: string; createdAt?: string; versionAt?: string }) => ({
    board: { ...board, ...(change.lastUsedAt ? { lastUsedAt: change.lastUsedAt } : {}), ...(change.createdAt ? { createdAt: change.createdAt } : {}) },
    exportedAt: '2026-02-02T00:00:00.000Z',
    document: boardDocument('de'),
    assets: [],
    versions: [{ id: 'v'.repeat(22), createdAt: change.versionAt ?? '2026-01-20T00:00:00.000Z', name: null, state: boardDocument('de') }],
  })

  it('refuses a board or version dated in the future, which retention would never reach', () => {
    expect(() => checkImport(archived({}), limits)).not.toThrow()
    expect(() => checkImport(archived({ lastUsedAt: '9999-12-31T00:00:00.000Z' }), limits)).toThrow(/in the future/)
    expect(() => checkImport(archived({ createdAt: '9999-12-31T00:00:00.000Z', lastUsedAt: '9999-12-31T00:00:00.000Z' }), limits)).toThrow(/in the future/)
    expect(() => checkImport(archived({ versionAt: '9999-12-31T00:00:00.000Z' }), limits)).toThrow(/in the future/)
  })
})
