/**
 * A local copy (IndexedDB) of an older board format, merged into the live doc after the relay's
 * state is in. A browser never upgrades a copy itself: its own upgrade and the relay's would
 * put two values on one key, and Yjs keeps one of them (one side's words lost). So the copy
 * stays in a doc of its own until then; what it holds that the relay lacks is applied with its
 * texts held back (`heldBackTexts.ts`), and every text written offline reaches the relay's
 * `Y.Text` as the change from what the relay's upgrade wrote to the offline text: others' words
 * typed since the upgrade stay.
 */
import * as Y from 'yjs'
import { formatVersion } from '../../shared/board/ydoc.ts'
import { getRecordsMap, textKeys } from '../../shared/board/records.ts'
import { jsonOfTokens, readRichText, tokensOf, writeRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { applyRichTextEdit, type TextBase } from '../../shared/board/richTextEdit.ts'
import { readFormatVersion } from './boardDoc.ts'
import { holdBackTexts } from './heldBackTexts.ts'

/** A copy holding a board in a format older than this program's (merged by `mergeLegacyCopy`). */
export function isLegacyCopy(copy: Y.Doc): boolean {
  const stored = readFormatVersion(copy)
  return getRecordsMap(copy).size > 0 && stored !== undefined && stored < formatVersion
}

/** A text a record's props held in the copy, written after the relay last heard from it. */
interface OfflineText {
  id: string
  key: string
  json: RichTextNode
}

/**
 * Merges `copy` into `live`, which holds the relay's state, in one transaction of `origin` (so
 * it is sent to the relay as one update). Returns the ids of records whose text was written offline.
 */
export function mergeLegacyCopy(copy: Y.Doc, live: Y.Doc, origin: unknown): string[] {
  const relayState = Y.decodeStateVector(Y.encodeStateVector(live))
  const texts = offlineTexts(copy, relayState)
  const missing = Y.diffUpdate(Y.encodeStateAsUpdate(copy), Y.encodeStateVector(live))
  const update = holdBackTexts(missing, copy)
  live.transact(() => {
    Y.applyUpdate(live, update)
    for (const text of texts) writeOfflineText(live, text)
  }, origin)
  return [...new Set(texts.map(({ id }) => id))]
}

function offlineTexts(copy: Y.Doc, relayState: Map<number, number>): OfflineText[] {
  const texts: OfflineText[] = []
  getRecordsMap(copy).forEach((entry, id) => {
    const props = entry instanceof Y.Map ? entry.get('props') : undefined
    if (!(props instanceof Y.Map)) return
    for (const key of textKeys) {
      const item = props._map.get(key)
      if (!item || item.deleted || item.id.clock < (relayState.get(item.id.client) ?? 0)) continue
      const value: unknown = props.get(key)
      const json = value instanceof Y.Text ? readRichText(value) : value
      if (isRichText(json)) texts.push({ id, key, json })
    }
  })
  return texts
}

function writeOfflineText(live: Y.Doc, { id, key, json }: OfflineText): void {
  const entry = getRecordsMap(live).get(id)
  const props = entry instanceof Y.Map ? entry.get('props') : undefined
  // Deleted meanwhile: its text goes with it, as any other change to a deleted record.
  if (!(props instanceof Y.Map)) return
  const now: unknown = props.get(key)
  if (now instanceof Y.Text) {
    applyRichTextEdit(now, upgradeBase(now), json)
  } else if (now === undefined) {
    // Created offline: its text was held back with the rest of it.
    const text = new Y.Text()
    props.set(key, text)
    writeRichText(text, json)
  } else {
    // Still a JSON value (not upgraded): replaced as that format replaces it, after what the relay holds.
    props.set(key, json)
  }
}

/**
 * The text as the relay's upgrade wrote it: the items (and formats) of the client that put the
 * Y.Text there. The offline text was edited from the value that upgrade carried over.
 */
function upgradeBase(ytext: Y.Text): TextBase {
  const upgrader = ytext._item?.id.client
  const tokens: TextBase['tokens'] = tokensOf(ytext, (item) => item.id.client === upgrader)
  if (tokens.length > 0 && tokens.at(-1)!.token.kind !== 'line') tokens.push({ token: { kind: 'line', attributes: {} }, id: null })
  return { json: jsonOfTokens(tokens.map(({ token }) => token)), tokens }
}

function isRichText(value: unknown): value is RichTextNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string'
}
