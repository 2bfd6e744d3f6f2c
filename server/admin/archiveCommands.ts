/** `export-board` and `import-board`: a whole board as one archive file between servers (docs/board-archive.md). */
import { readFileSync, writeFileSync } from 'node:fs'
import { boardIdPattern } from '../../shared/access.ts'
import { adminActor } from '../audit/auditTrail.ts'
import { newBoardsRequireSignIn } from '../auth/signInPolicy.ts'
import { readArchive, writeArchive } from '../boardArchive/format.ts'
import { checkImport } from '../boardArchive/importCheck.ts'
import { archiveBoard, importBoard } from '../boardArchive/moves.ts'
import { linkLines } from '../links/newLinks.ts'
import { adminAudit, config, sizeText, withBoardStorage } from './adminStorage.ts'
import { parseCommand, UsageError } from './cli.ts'

export const exportBoardUsage = `  export-board <boardId> <file> the whole board (document, images, versions) as one archive
                                file for another server (docs/board-archive.md)`

export async function exportBoardCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'export-board', positionals: ['boardId', 'file'] })
  const { boardId, file } = positionals as { boardId: string; file: string }
  if (!boardIdPattern.test(boardId)) throw new UsageError(`export-board needs a board id, not ${JSON.stringify(boardId)}`)
  const archived = await withBoardStorage(async (storage) => {
    const { archived, leftBehind } = await archiveBoard(storage, boardId, config().limits.maxBoardBytes)
    for (const note of leftBehind) process.stderr.write(`admin export-board: note: ${note}\n`)
    // The board's contents: readable by the operator's account only; an existing file is kept.
    try {
      writeFileSync(file, writeArchive(archived), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} exists already: choose another file name`)
      throw error
    }
    await adminAudit(storage).record('admin:export-board', boardId, adminActor)
    return archived
  })
  const bytes = archived.document.byteLength + [...archived.assets.map((a) => a.data), ...archived.versions.map((v) => v.state)].reduce((sum, part) => sum + part.byteLength, 0)
  console.log(`exported board ${boardId} (${sizeText(bytes)}: document, ${archived.assets.length} images, ${archived.versions.length} versions) to ${file}`)
  return 0
}

export const importBoardUsage = `  import-board <file> [baseUrl] a board from such an archive, checked first; prints its new links
                                (into a new database, too: DATA_DIR may be empty)`

export async function importBoardCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'import-board', positionals: ['file', 'baseUrl?'] })
  const { file, baseUrl } = positionals as { file: string; baseUrl?: string }
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`import-board: baseUrl must start with http:// or https://, not ${JSON.stringify(baseUrl)}`)
  const { limits: { maxBoardBytes, maxAssetBytes, maxBoardAssetBytes }, publicUrl, creators, signInPolicy } = config()
  // Everything is checked before the database is touched: a refused archive changes nothing.
  const archived = await readArchive(readFileSync(file))
  checkImport(archived, { maxBoardBytes, maxAssetBytes, maxBoardAssetBytes, signIn: creators.oidc !== null })
  // A server that has not run yet gets its database here, as the relay's first start makes it.
  const tokens = await withBoardStorage(
    async (storage) => {
      const tokens = await importBoard(storage, archived, { signInRequired: newBoardsRequireSignIn(signInPolicy) })
      await adminAudit(storage).record('admin:import-board', archived.board.id, adminActor)
      return tokens
    },
    { create: true },
  )
  // The links only here, once: they are the board's keys, and nothing else keeps them.
  console.log(`imported board ${archived.board.id} (${archived.assets.length} images, ${archived.versions.length} versions); its new links:`)
  for (const line of linkLines(archived.board.id, tokens, baseUrl ?? publicUrl ?? 'http://localhost:8787')) console.log(line)
  return 0
}
