/**
 * What an archive may bring into this server: no more than a client could. Its parts must fit
 * the budgets the relay keeps per board (MAX_BOARD_BYTES, MAX_ASSET_BYTES,
 * MAX_BOARD_ASSET_BYTES), and its document and every version must pass the checks a client's
 * update passes (`updateRules.ts`, then the board declaration as the facilitator's writes,
 * `judgeUpdate.ts`), taken as written onto an empty board. Only what the relay itself writes into
 * a vote (participation, results, the revealed state), a round and the record of who wrote
 * (`writers.ts`) is read with its own schema instead.
 */
import * as Y from 'yjs'
import { boardIdPattern } from '../../shared/access.ts'
import { maxTitleLength, maxVersionNameLength, versionIdPattern } from '../../shared/api.ts'
import type { Write } from '../../shared/board/declaration.ts'
import { facilitationKeys, facilitationMap, facilitationMapName } from '../../shared/board/facilitation.ts'
import { boundedScope, readVote } from '../../shared/board/entries/vote.ts'
import { keepableVote, keptVotesReadable } from '../../shared/board/entries/voteRecord.ts'
import { readRound } from '../../shared/board/entries/zustimmung.ts'
import { keptRoundsReadable } from '../../shared/board/entries/zustimmungen.ts'
import { Writers, writersEntry } from '../../shared/board/entries/writers.ts'
import { assetIdPattern, assetTypePattern } from '../storage/assetNames.ts'
import { judgeRehearsed } from '../judge/judgeUpdate.ts'
import { observersMayExport } from '../judge/exportSetting.ts'
import { Rehearsal } from '../judge/rehearsal.ts'
import { checkUpdate } from '../judge/updateRules.ts'
import { upgradeFormat } from '../../shared/board/records.ts'
import { ArchiveRefused, type ArchivedBoard } from './format.ts'

export interface ImportLimits {
  maxBoardBytes: number
  maxAssetBytes: number
  maxBoardAssetBytes: number
  /** Whether this server signs people in (OIDC): without it, a board that requires sign-in could never be opened. */
  signIn: boolean
}

export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`

const isDate = (text: string) => !Number.isNaN(Date.parse(text)) && new Date(text).toISOString() === text
/** A day of leeway for the old server's clock: a date later than that was never lived, and would escape retention. */
const clockLeewayMs = 24 * 60 * 60_000

/** Throws `ArchiveRefused` with the first reason the archive may not become a board here. */
export function checkImport(archived: ArchivedBoard, limits: ImportLimits, now = Date.now()): void {
  const refuse = (reason: string): never => {
    throw new ArchiveRefused(reason)
  }
  // Retention (boards, versions) counts from these dates: each lies in the past, or the archive is refused.
  const future = (date: string) => Date.parse(date) > now + clockLeewayMs
  const { board, document, assets, versions } = archived
  if (!boardIdPattern.test(board.id)) refuse('the archive names no valid board id')
  if (board.title.length > maxTitleLength) refuse(`the board's title is longer than ${maxTitleLength} characters`)
  if (!isDate(board.createdAt) || (board.lastUsedAt !== null && !isDate(board.lastUsedAt))) refuse("the board's dates are not readable")
  for (const date of [board.createdAt, board.lastUsedAt ?? board.createdAt]) {
    if (future(date)) refuse(`the board's dates lie in the future (${date}): check the old server's clock, and export again`)
  }
  if (board.signInRequired && !limits.signIn) {
    refuse('the board requires sign-in, and this server has no OpenID Connect sign-in (OIDC_ISSUER): set that up first, or switch the requirement off on the old server and export again')
  }

  if (document.byteLength > limits.maxBoardBytes) {
    refuse(`the board's document (${sizeText(document.byteLength)}) is more than this server opens (${sizeText(limits.maxBoardBytes)}, MAX_BOARD_BYTES)`)
  }
  let assetBytes = 0
  const assetIds = new Set<string>()
  for (const asset of assets) {
    if (!assetIdPattern.test(asset.id) || assetIds.has(asset.id)) refuse('an image or video has no valid id')
    assetIds.add(asset.id)
    if (!assetTypePattern.test(asset.mimeType)) refuse('a part that is neither an image nor a video')
    if (asset.data.byteLength === 0) refuse('an image or video is empty')
    if (asset.data.byteLength > limits.maxAssetBytes) {
      refuse(`an image or video (${sizeText(asset.data.byteLength)}) is larger than this server takes (${sizeText(limits.maxAssetBytes)}, MAX_ASSET_BYTES)`)
    }
    assetBytes += asset.data.byteLength
  }
  if (assetBytes > limits.maxBoardAssetBytes) {
    refuse(`the images and videos (${sizeText(assetBytes)}) are more than this server allows per board (${sizeText(limits.maxBoardAssetBytes)}, MAX_BOARD_ASSET_BYTES)`)
  }
  const versionIds = new Set<string>()
  for (const version of versions) {
    if (!versionIdPattern.test(version.id) || versionIds.has(version.id)) refuse('a version has no valid id')
    versionIds.add(version.id)
    if (!isDate(version.createdAt)) refuse("a version's date is not readable")
    if (future(version.createdAt)) refuse(`a version's date lies in the future (${version.createdAt}): check the old server's clock, and export again`)
    if (version.name !== null && (version.name.trim().length === 0 || version.name.length > maxVersionNameLength)) refuse("a version's name is not one the server gives")
    if (version.state.byteLength > limits.maxBoardBytes) {
      refuse(`a version (${sizeText(version.state.byteLength)}) is more than this server opens (${sizeText(limits.maxBoardBytes)}, MAX_BOARD_BYTES)`)
    }
  }

  const documentRefusal = judgeDocument(document)
  if (documentRefusal) refuse(`the board's document is refused: ${documentRefusal}`)
  for (const version of versions) {
    const refusal = judgeDocument(version.state)
    if (refusal) refuse(`a version (${version.createdAt}) is refused: ${refusal}`)
  }
}

/** A vote's fields only the relay writes (`shared/results/voting.ts`), and the kept votes (`voteRecord.ts`), read with their schema below. */
const relayVoteFields = new Set(['participation', 'results', 'notes'])
const isRelayVoteWrite = ({ path, value }: Write) =>
  path[0] === facilitationMapName &&
  path.length === 3 &&
  (path[1] === facilitationKeys.voteRecord ||
    (path[1] === facilitationKeys.vote && (relayVoteFields.has(path[2]!) || (path[2] === 'state' && value?.kind === 'json' && value.value === 'revealed'))) ||
    isRelayRoundWrite(path, value))

/** The record of who wrote, the map and its names: the relay's alone (`writers.ts`), read with its schema below. */
const isRelayWritersWrite = ({ path }: Write) => path[0] === facilitationMapName && path[1] === facilitationKeys.writers && path.length <= 3

/** The same for an „Einverstanden?“ round (`zustimmung.ts`): its answers, outcome and close, and the kept rounds, read with their schema below. */
const relayRoundFields = new Set(['answers', 'outcome'])
const isRelayRoundWrite = (path: Write['path'], value: Write['value']) =>
  path[1] === facilitationKeys.zustimmungen ||
  (path[1] === facilitationKeys.zustimmung && (relayRoundFields.has(path[2]!) || (path[2] === 'state' && value?.kind === 'json' && value.value === 'closed')))

/** The record of who wrote, the relay's alone: read with its schema, as the relay writes it (a nested map of names). */
const writersReadable = (doc: Y.Doc) => {
  const stored = facilitationMap(doc).get(facilitationKeys.writers)
  return stored === undefined || (stored === writersEntry.map(doc) && Writers.safeParse((stored as Y.Map<unknown>).toJSON()).success)
}

/** A round on the board reads whole (the relay's fields included). */
const roundReadable = (doc: Y.Doc) => !facilitationMap(doc).has(facilitationKeys.zustimmung) || readRound(doc) !== undefined

/**
 * RULE oldScopeReadCut: a vote's scope stored before the label's bound is judged as readers take
 * it, its label cut (`boundedScope`), so a board of an older relay is not refused for it.
 */
const readableScopeWrite = (write: Write): Write =>
  write.path[0] === facilitationMapName && write.path[1] === facilitationKeys.vote && write.path[2] === 'scope' && write.path.length === 3 && write.value?.kind === 'json'
    ? { ...write, value: { ...write.value, value: boundedScope(write.value.value) } }
    : write

/** RULE possibleKeptCounts on import: the vote reads, and a revealed one's counts are ones the relay could have written. */
function voteReadable(doc: Y.Doc): boolean {
  if (!facilitationMap(doc).has(facilitationKeys.vote)) return true
  const vote = readVote(doc)
  return vote !== undefined && (vote.results === undefined || keepableVote(vote) !== undefined)
}

/**
 * Why a board state may not enter this server (words for the operator, no contents), or null:
 * the update rules, then the declaration for the facilitator, against an empty board.
 */
export const judgeDocument = (state: Uint8Array): string | null => judgeState(state).refusal

/** `judgeDocument`'s verdict, and for a state it lets in, what storage keeps beside the board (`exportSetting.ts`). */
export type StateVerdict = { refusal: string } | { refusal: null; observersMayExport: boolean }

/**
 * `judgeDocument`, reading the state's settings from the board it was judged as: one decoding for
 * both. A state of an older format (a version saved before the upgrade, an older archive) is
 * judged as the relay will hold it, upgraded (`upgradeFormat`, as `boardLoad.ts` does on load).
 */
export function judgeState(state: Uint8Array): StateVerdict {
  const empty = new Y.Doc()
  const rehearsal = new Rehearsal(empty, () => false)
  try {
    const verdict = checkUpdate(empty, state)
    if (!verdict.ok) return { refusal: verdict.reason }
    const current = inCurrentFormat(state)
    if (current !== state) {
      const upgraded = checkUpdate(empty, current)
      if (!upgraded.ok) return { refusal: upgraded.reason }
    }
    const rehearsed = rehearsal.rehearse(current)
    const writes = rehearsed.writes.filter((write) => !isRelayVoteWrite(write) && !isRelayWritersWrite(write)).map(readableScopeWrite)
    const refusal = judgeRehearsed(empty, { ...rehearsed, writes }, { role: 'facilitator', author: null, wholeBoard: true })
    if (refusal) return { refusal: `${refusal.entry}: ${refusal.reason}` }
    if (!voteReadable(rehearsed.after)) return { refusal: 'facilitation/vote: invalid value' }
    if (!keptVotesReadable(rehearsed.after)) return { refusal: 'facilitation/voteRecord: invalid value' }
    if (!roundReadable(rehearsed.after)) return { refusal: 'facilitation/zustimmung: invalid value' }
    if (!keptRoundsReadable(rehearsed.after)) return { refusal: 'facilitation/zustimmungen: invalid value' }
    if (!writersReadable(rehearsed.after)) return { refusal: 'facilitation/writers: invalid value' }
    return { refusal: null, observersMayExport: observersMayExport(rehearsed.after) }
  } catch {
    return { refusal: 'the document does not decode' }
  } finally {
    rehearsal.destroy()
    empty.destroy()
  }
}

/** The state upgraded to the current format, or `state` itself when it is in it (its rules already checked). */
function inCurrentFormat(state: Uint8Array): Uint8Array {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return upgradeFormat(doc) ? Y.encodeStateAsUpdate(doc) : state
  } finally {
    doc.destroy()
  }
}
