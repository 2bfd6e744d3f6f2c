/**
 * The board archive, format version 2 (`docs/board-archive.md`): one file that carries a board
 * whole from one server to another. Only reading and writing the container lives here: a magic
 * line, a header line with the format version, the payload's length and SHA-256, and the
 * payload, gzip of a table of contents (JSON) followed by the parts it lists, in its order.
 *
 * Reading refuses, each with its own message, anything that is not a whole archive of a version
 * this server knows: a foreign file, a truncated one, a damaged one (checksum), a newer format.
 * What the parts may hold is judged elsewhere (`importCheck.ts`).
 */
import { createHash } from 'node:crypto'
import { createGunzip, gzipSync } from 'node:zlib'
import { z } from 'zod'

export const magic = 'NETZWERKSTATT-BOARD-ARCHIVE\n'
export const formatName = 'netzwerkstatt-board'
/** 2: the boards inside are in board format 3 (`shared/board/ydoc.ts`); version 1 archives (format 2 boards) still read. */
export const formatVersion = 2
/** The header line is short; a file without a line end this early is no archive. */
const maxHeaderBytes = 4096
/**
 * What the admin tool unpacks at most: far above any board, far below the memory of a server. The
 * tool holds that much while it checks the archive (docs/board-archive.md says so). Unpacking
 * stops earlier, at what the archive's table of contents declares.
 */
const maxPayloadBytes = 2 * 1024 ** 3
/** A table of contents lists a board's parts by id and size: a few KB, far less than this. */
const maxTableBytes = 16 * 1024 ** 2

export interface ArchivedBoard {
  /** `signInRequired`: the board's links open it only to signed-in members (absent: link only). */
  board: { id: string; title: string; createdAt: string; lastUsedAt: string | null; signInRequired?: boolean }
  exportedAt: string
  /** The board's document: one Yjs update (format V1) holding its whole state. */
  document: Uint8Array
  assets: Array<{ id: string; mimeType: string; data: Uint8Array }>
  versions: Array<{ id: string; createdAt: string; name: string | null; state: Uint8Array }>
}

/** A file that is not a readable archive; the message says why, for the operator. */
export class ArchiveRefused extends Error {
  override name = 'ArchiveRefused'
}

const Header = z.object({
  format: z.string(),
  formatVersion: z.number().int().min(1),
  payloadBytes: z.number().int().min(0),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
})

const Part = { bytes: z.number().int().min(0) }
const Contents = z.object({
  board: z.object({ id: z.string(), title: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), signInRequired: z.boolean().optional() }),
  exportedAt: z.string(),
  document: z.object(Part),
  assets: z.array(z.object({ id: z.string(), mimeType: z.string(), ...Part })),
  versions: z.array(z.object({ id: z.string(), createdAt: z.string(), name: z.string().nullable(), ...Part })),
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export function writeArchive(archived: ArchivedBoard): Uint8Array {
  const { document, assets, versions, ...rest } = archived
  const contents: z.infer<typeof Contents> = {
    ...rest,
    document: { bytes: document.byteLength },
    assets: assets.map(({ data, ...asset }) => ({ ...asset, bytes: data.byteLength })),
    versions: versions.map(({ state, ...version }) => ({ ...version, bytes: state.byteLength })),
  }
  const table = Buffer.from(JSON.stringify(contents), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(table.byteLength)
  const payload = gzipSync(Buffer.concat([length, table, document, ...assets.map((a) => a.data), ...versions.map((v) => v.state)]))
  const header = { format: formatName, formatVersion, payloadBytes: payload.byteLength, payloadSha256: sha256(payload) }
  return Buffer.concat([Buffer.from(magic + JSON.stringify(header) + '\n', 'utf8'), payload])
}

const notAnArchive = () => new ArchiveRefused(`not a Netzwerkstatt board archive (it does not begin with ${JSON.stringify(magic.trim())})`)
const truncated = (had: number, wanted?: number) =>
  new ArchiveRefused(`the archive is truncated${wanted === undefined ? '' : `: ${had} of ${wanted} bytes`} (copy it again)`)

/** Reads an archive whole, or refuses it; the payload is unpacked as a stream that stops at its declared size. */
export async function readArchive(file: Uint8Array): Promise<ArchivedBoard> {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
  const magicBytes = Buffer.from(magic, 'utf8')
  if (bytes.byteLength < magicBytes.byteLength) throw magicBytes.subarray(0, bytes.byteLength).equals(bytes) ? truncated(bytes.byteLength) : notAnArchive()
  if (!bytes.subarray(0, magicBytes.byteLength).equals(magicBytes)) throw notAnArchive()

  const headerEnd = bytes.indexOf(0x0a, magicBytes.byteLength)
  if (headerEnd < 0 || headerEnd - magicBytes.byteLength > maxHeaderBytes) {
    if (headerEnd < 0 && bytes.byteLength - magicBytes.byteLength <= maxHeaderBytes) throw truncated(bytes.byteLength)
    throw new ArchiveRefused('the archive is damaged: its header line does not end')
  }
  let header: z.infer<typeof Header>
  try {
    header = Header.parse(JSON.parse(bytes.subarray(magicBytes.byteLength, headerEnd).toString('utf8')))
  } catch {
    throw new ArchiveRefused('the archive is damaged: its header is not readable')
  }
  if (header.format !== formatName) throw new ArchiveRefused(`not a Netzwerkstatt board archive (its format is ${JSON.stringify(header.format.slice(0, 60))})`)
  if (header.formatVersion > formatVersion) {
    throw new ArchiveRefused(
      `the archive has format version ${header.formatVersion}, newer than this server reads (${formatVersion}): import it into a newer Netzwerkstatt`,
    )
  }

  const payload = bytes.subarray(headerEnd + 1)
  if (payload.byteLength < header.payloadBytes) throw truncated(payload.byteLength, header.payloadBytes)
  if (payload.byteLength > header.payloadBytes) throw new ArchiveRefused('the archive is damaged: bytes after its end')
  if (sha256(payload) !== header.payloadSha256) throw new ArchiveRefused('the archive is damaged: its checksum does not match')

  return readContents(await unpack(payload))
}

/** The sum of the parts a table of contents lists, after the table itself; null if it is no table. */
function declaredBytes(head: Buffer, tableEnd: number): number | null {
  try {
    const contents = Contents.parse(JSON.parse(head.subarray(4, tableEnd).toString('utf8')))
    return [contents.document, ...contents.assets, ...contents.versions].reduce((sum, part) => sum + part.bytes, tableEnd)
  } catch {
    return null
  }
}

/**
 * Gunzips the payload as a stream, counting: once the table of contents is in, the payload may
 * be as long as it declares and no longer, so a gzip bomb stops there instead of filling memory
 * first (a lying table is then refused by `readContents`).
 */
function unpack(payload: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip()
    const chunks: Buffer[] = []
    let had = 0
    let limit = maxPayloadBytes
    let tableRead = false
    const refuse = (reason: string) => {
      gunzip.destroy()
      reject(new ArchiveRefused(reason))
    }
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      had += chunk.byteLength
      if (!tableRead && had >= 4) {
        const head = chunks.length === 1 ? chunk : Buffer.concat(chunks)
        const tableEnd = 4 + head.readUInt32BE(0)
        if (tableEnd > maxTableBytes) return refuse(`the archive is damaged: its contents are not as format version ${formatVersion} describes`)
        if (had >= tableEnd) {
          tableRead = true
          const declared = declaredBytes(head, tableEnd)
          if (declared === null) return refuse(`the archive is damaged: its contents are not as format version ${formatVersion} describes`)
          if (declared > maxPayloadBytes) return refuse(`the archive unpacks to more than ${maxPayloadBytes / 1024 ** 3} GiB`)
          limit = declared
        }
      }
      if (had > limit) {
        refuse(
          tableRead
            ? `the archive is damaged: it unpacks to more than its table of contents declares (${limit} bytes)`
            : `the archive unpacks to more than ${maxPayloadBytes / 1024 ** 3} GiB`,
        )
      }
    })
    gunzip.on('end', () => resolve(Buffer.concat(chunks, had)))
    gunzip.on('error', () => reject(new ArchiveRefused('the archive is damaged: its payload does not unpack')))
    gunzip.end(payload)
  })
}

function readContents(body: Buffer): ArchivedBoard {
  const damaged = new ArchiveRefused(`the archive is damaged: its contents are not as format version ${formatVersion} describes`)
  if (body.byteLength < 4) throw damaged
  const tableEnd = 4 + body.readUInt32BE(0)
  if (tableEnd > body.byteLength) throw damaged
  let contents: z.infer<typeof Contents>
  try {
    contents = Contents.parse(JSON.parse(body.subarray(4, tableEnd).toString('utf8')))
  } catch {
    throw damaged
  }
  // The parts follow the table in its order and fill the rest exactly.
  let at = tableEnd
  const take = (bytes: number) => {
    if (at + bytes > body.byteLength) throw damaged
    // Views, not copies: the parts keep the unpacked payload alive, which is all of them anyway,
    // so an archive costs its unpacked size in memory once, not twice.
    const part = body.subarray(at, at + bytes)
    at += bytes
    return part
  }
  const archived: ArchivedBoard = {
    board: contents.board,
    exportedAt: contents.exportedAt,
    document: take(contents.document.bytes),
    assets: contents.assets.map(({ bytes, ...asset }) => ({ ...asset, data: take(bytes) })),
    versions: contents.versions.map(({ bytes, ...version }) => ({ ...version, state: take(bytes) })),
  }
  if (at !== body.byteLength) throw damaged
  return archived
}
