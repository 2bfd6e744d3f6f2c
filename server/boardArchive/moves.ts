/**
 * A board out of one server's storage into an archive, and from an archive into another's
 * (`npm run admin -- export-board`, `import-board`; `docs/board-archive.md` says what is carried
 * and what is not). The board keeps its id: its document and versions refer to its images by
 * addresses that hold the id (`/api/boards/<id>/assets/<asset>`), so a new id would mean
 * importing something other than was exported. Its links are new.
 */
import * as Y from 'yjs'
import type { RoleTokens } from '../../shared/access.ts'
import { assetPath } from '../../shared/api.ts'
import { readRecords, upgradeFormat } from '../../shared/board/records.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { readVote } from '../../shared/board/entries/vote.ts'
import { issueTokens } from '../links/access.ts'
import { loadWithinBudget } from '../judge/boardBudget.ts'
import { assetIdPattern } from '../storage/assetNames.ts'
import { keepNewLinks } from '../links/newLinks.ts'
import { restoreDocument } from '../room/restoreDocument.ts'
import { observersMayExportIn } from '../judge/exportSetting.ts'
import type { BoardAssets, BoardDirectory, BoardLinks, BoardRemoval, DocumentLog, Versions } from '../storage/Storage.ts'
import { ArchiveRefused, type ArchivedBoard } from './format.ts'

/**
 * Reads the board whole, its document and versions in the format this server writes;
 * `leftBehind` says what of an open vote or round of private writing the archive cannot carry.
 */
export async function archiveBoard(storage: BoardDirectory & DocumentLog & Versions & BoardAssets, boardId: string, maxBoardBytes: number): Promise<{ archived: ArchivedBoard; leftBehind: string[] }> {
  const board = await storage.getBoard(boardId)
  if (!board) throw new Error(`no board ${boardId}`)
  const { doc } = restoreDocument(await loadWithinBudget(storage, boardId, maxBoardBytes))
  const leftBehind = [
    ...(readVote(doc)?.state === 'open' ? ['a vote is open: its secret ballots are not carried (reveal or close it first)'] : []),
    ...(facilitationMap(doc).get(facilitationKeys.private) !== undefined
      ? ['a round of private writing is open: its notes are not carried (reveal it first)']
      : []),
  ]
  const document = currentFormat(doc)
  const versions: ArchivedBoard['versions'] = []
  for (const version of await storage.listVersions(boardId)) {
    const state = await storage.versionState(boardId, version.id)
    if (!state) continue
    const versionDoc = new Y.Doc()
    Y.applyUpdate(versionDoc, state)
    versions.push({ ...version, state: currentFormat(versionDoc) })
  }
  const assets: ArchivedBoard['assets'] = []
  for (const id of shownAssets(boardId, [document, ...versions.map((v) => v.state)])) {
    const asset = await storage.getAsset(boardId, id)
    if (asset) assets.push({ id, mimeType: asset.mimeType, data: asset.data })
  }
  const archived = {
    board: {
      id: board.id,
      title: board.title,
      createdAt: board.createdAt,
      lastUsedAt: board.lastUsedAt ?? null,
      ...(board.signInRequired ? { signInRequired: true } : {}),
    },
    exportedAt: new Date().toISOString(),
    document,
    assets,
    versions,
  }
  return { archived, leftBehind }
}

/** Upgraded as `Room.load` upgrades a board, so that the archive holds the format clients meet. */
function currentFormat(doc: Y.Doc): Uint8Array {
  try {
    upgradeFormat(doc)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** The board's own uploads its document or a version shows; uploads nothing shows stay behind. */
function shownAssets(boardId: string, states: Uint8Array[]): Set<string> {
  const prefix = assetPath(boardId, '')
  const ids = new Set<string>()
  for (const state of states) {
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, state)
      for (const record of readRecords(doc).records) {
        const src = record.typeName === 'asset' ? (record.props as { src?: unknown } | undefined)?.src : undefined
        if (typeof src !== 'string' || !src.startsWith(prefix)) continue
        const id = src.slice(prefix.length)
        if (assetIdPattern.test(id)) ids.add(id)
      }
    } finally {
      doc.destroy()
    }
  }
  return ids
}

/**
 * Stores a checked archive (`importCheck.ts`) as a board with new links. Storage has no
 * transaction across its calls: what was stored of a board whose import fails half-way is
 * deleted again, so that a failed import leaves nothing behind.
 */
export async function importBoard(
  storage: BoardDirectory & BoardAssets & Versions & BoardLinks & BoardRemoval,
  archived: ArchivedBoard,
  // The server's rule for new boards (SIGN_IN_POLICY, `auth/signInPolicy.ts`): an imported board is one.
  { signInRequired = false }: { signInRequired?: boolean } = {},
): Promise<RoleTokens> {
  const { board } = archived
  if (await storage.getBoard(board.id)) {
    throw new ArchiveRefused(`board ${board.id} exists on this server already (imported before, or this is the server it came from)`)
  }
  const { tokens, hashes } = issueTokens()
  // The setting is read here, in the operator's command: the relay keeps it beside the board (`exportSetting.ts`).
  const observersMayExport = observersMayExportIn(archived.document)
  await storage.createBoard({ id: board.id, title: board.title, createdAt: board.createdAt, observersMayExport }, hashes, archived.document)
  try {
    for (const asset of archived.assets) await storage.putAsset(board.id, asset.id, { mimeType: asset.mimeType, data: new Uint8Array(asset.data) })
    // Oldest first: versions saved at the same instant keep their order.
    for (const { state, ...version } of [...archived.versions].reverse()) await storage.putVersion(board.id, version, state)
    // Retention goes on counting from the last use on the old server: a move is no use.
    if (board.lastUsedAt) await storage.touchBoard(board.id, board.lastUsedAt)
    if (board.signInRequired || signInRequired) await storage.setSignInRequired(board.id, true)
    await keepNewLinks(storage, board.id, tokens)
  } catch (error) {
    await storage.deleteBoard(board.id).catch(() => {})
    throw error
  }
  return tokens
}
