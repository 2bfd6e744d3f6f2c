/** `export` and `export-all`: what people wrote into boards' templates, as the board's structured export. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { boardIdPattern } from '../../shared/access.ts'
import { locales, type Locale } from '../../shared/locale.ts'
import { exportBoard, exportFormats, renderExport, type ExportFormat } from '../../shared/results/export.ts'
import { exportSource } from '../documents/boardContent.ts'
import { restoreDocument } from '../room/restoreDocument.ts'
import type { BoardDirectory, DocumentLog } from '../storage/Storage.ts'
import { recordAdmin, withBoardStorage } from './adminStorage.ts'
import { boardCount, parseCommand, UsageError } from './cli.ts'

const formatsText = `${exportFormats.join(', ')}`

/** The format and language among the optional arguments, in either order; anything else is refused with the choices. */
function exportChoice(extra: Array<string | undefined>): { format: ExportFormat; locale: Locale } {
  let format: ExportFormat | undefined
  let locale: Locale | undefined
  for (const arg of extra) {
    if (arg === undefined) continue
    if ((exportFormats as readonly string[]).includes(arg) && !format) format = arg as ExportFormat
    else if ((locales as readonly string[]).includes(arg) && !locale) locale = arg as Locale
    else throw new UsageError(`no format or language ${JSON.stringify(arg)}: the formats are ${formatsText}, the languages ${locales.join(', ')}`)
  }
  return { format: format ?? 'md', locale: locale ?? 'de' }
}

async function renderBoard(storage: BoardDirectory & DocumentLog, boardId: string, format: ExportFormat, locale: Locale): Promise<string> {
  const board = await storage.getBoard(boardId)
  if (!board) throw new Error(`no board ${boardId}`)
  const { doc } = restoreDocument(await storage.loadDocument(board.id))
  try {
    const { records, votes, consent } = exportSource(doc)
    return renderExport(exportBoard({ id: board.id, title: board.title }, records, votes, undefined, consent), format, locale)
  } finally {
    doc.destroy()
  }
}

export const exportUsage = `  export <boardId> [md|csv|json] [de|en]
                                what people wrote into the board's templates, to stdout`

export async function exportCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'export', positionals: ['boardId', 'format?', 'language?'] })
  const boardId = positionals.boardId!
  if (!boardIdPattern.test(boardId)) throw new UsageError(`export needs a board id, not ${JSON.stringify(boardId)}`)
  const { format, locale } = exportChoice([positionals.format, positionals.language])
  process.stdout.write(await withBoardStorage((storage) => renderBoard(storage, boardId, format, locale)))
  await recordAdmin('admin:export', boardId)
  return 0
}

export const exportAllUsage = `  export-all <dir> [md|csv|json] [de|en]
                                the same for every board, one file <boardId>.<format> each`

export async function exportAllCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'export-all', positionals: ['dir', 'format?', 'language?'] })
  const dir = positionals.dir!
  const { format, locale } = exportChoice([positionals.format, positionals.language])
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const count = await withBoardStorage(async (storage) => {
    const boards = await storage.boardStats()
    for (const board of boards) {
      writeFileSync(join(dir, `${board.id}.${format}`), await renderBoard(storage, board.id, format, locale), { mode: 0o600 })
    }
    return boards.length
  })
  await recordAdmin('admin:export-all')
  console.log(`exported ${boardCount(count)} to ${dir}`)
  return 0
}
