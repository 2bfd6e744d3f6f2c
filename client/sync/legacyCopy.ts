/**
 * A local copy (IndexedDB) of an older board format, merged into the live doc after the relay's
 * state is in. A browser never upgrades a copy itself: its own upgrade and the relay's would
 * put two values on one key, and Yjs keeps one of them (one side's words lost). So the copy
 * stays in a doc of its own until then; what it holds that the relay lacks is applied with its
 * texts held back (`heldBackTexts.ts`), and every text written offline reaches the relay's
 * `Y.Text` as the change from the text it was edited from to the offline text, placed by the
 * items the relay's upgrade wrote: others' words typed since the upgrade stay, and what they
 * deleted or formatted stays so.
 */
import * as Y from 'yjs'
import { equalityDeep } from 'lib0/function'
import { formatVersion } from '../../shared/board/ydoc.ts'
import { getRecordsMap, textKeys } from '../../shared/board/records.ts'
import { jsonOfTokens, readRichText, tokensOf, writeRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { applyRichTextEdit, textBase, type TextBase } from '../../shared/board/richTextEdit.ts'
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
  /** The value it was edited from (the last the relay had sent), when the copy still holds it. */
  before?: RichTextNode
}

/**
 * Merges `copy` into `live`, which holds the relay's state, in one transaction of `origin` (so
 * it is sent to the relay as one update).
 */
export function mergeLegacyCopy(copy: Y.Doc, live: Y.Doc, origin: unknown): void {
  const relayState = Y.decodeStateVector(Y.encodeStateVector(live))
  const texts = offlineTexts(copy, relayState)
  // Sent without the deleted values a copy read with `gc: false` keeps.
  const collected = new Y.Doc()
  Y.applyUpdate(collected, Y.encodeStateAsUpdate(copy))
  // What the copy never integrated (an update whose predecessors it lacks, kept pending) it never
  // showed, and `holdBackTexts` cannot place: left out.
  collected.store.pendingStructs = null
  collected.store.pendingDs = null
  const missing = Y.diffUpdate(Y.encodeStateAsUpdate(collected), Y.encodeStateVector(live))
  const update = holdBackTexts(missing, collected)
  collected.destroy()
  live.transact(() => {
    Y.applyUpdate(live, update)
    for (const text of texts) writeOfflineText(live, text)
  }, origin)
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
      if (!isRichText(json)) continue
      let prior = item.left
      while (prior && prior.id.clock >= (relayState.get(prior.id.client) ?? 0)) prior = prior.left
      const before: unknown = prior?.content instanceof Y.ContentAny ? prior.content.arr.at(-1) : undefined
      texts.push({ id, key, json, ...(isRichText(before) ? { before } : {}) })
    }
  })
  return texts
}

function writeOfflineText(live: Y.Doc, { id, key, json, before }: OfflineText): void {
  const entry = getRecordsMap(live).get(id)
  const props = entry instanceof Y.Map ? entry.get('props') : undefined
  // Deleted meanwhile: its text goes with it, as any other change to a deleted record.
  if (!(props instanceof Y.Map)) return
  const now: unknown = props.get(key)
  if (now instanceof Y.Text) {
    applyRichTextEdit(now, (before && baseOfPrior(now, before)) ?? upgradeBase(now), json)
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
 * `before` as the relay's upgrade wrote it into `ytext`, each token with the id of the upgrade's
 * item that holds it, deleted ones included (so what others deleted since is not typed again);
 * undefined when the upgrade did not write `before` (the text changed before the upgrade, or the
 * relay wrote more into it since). The upgrade is written again in a scratch doc: its items,
 * unit by unit in document order, are the upgrade's own.
 */
function baseOfPrior(ytext: Y.Text, before: RichTextNode): TextBase | undefined {
  const upgrader = ytext._item?.id.client
  if (upgrader === undefined) return undefined
  const scratch = new Y.Doc()
  scratch.clientID = upgrader
  const written = scratch.getText()
  writeRichText(written, before)
  const [ours, theirs] = [unitsOf(written, upgrader), unitsOf(ytext, upgrader)]
  const base = textBase(written)
  scratch.destroy()
  if (ours.length !== theirs.length) return undefined
  const idAt = new Map<number, Y.ID>()
  for (let at = 0; at < ours.length; at++) {
    if (!theirs[at].item.deleted && !sameUnit(ours[at], theirs[at])) return undefined
    idAt.set(ours[at].item.id.clock + ours[at].offset, Y.createID(upgrader, theirs[at].item.id.clock + theirs[at].offset))
  }
  const tokens = base.tokens.map(({ token, id }) => ({ token, id: id && idAt.get(id.clock) }))
  if (tokens.some(({ id }) => !id)) return undefined
  return { json: base.json, tokens: tokens as TextBase['tokens'] }
}

interface Unit {
  item: Y.Item
  offset: number
}

function unitsOf(ytext: Y.Text, client: number): Unit[] {
  const units: Unit[] = []
  for (let item = ytext._start; item; item = item.right) {
    if (item.id.client === client) for (let offset = 0; offset < item.length; offset++) units.push({ item, offset })
  }
  return units
}

function sameUnit(a: Unit, b: Unit): boolean {
  const [x, y] = [a.item.content, b.item.content]
  if (x instanceof Y.ContentString && y instanceof Y.ContentString) return x.str[a.offset] === y.str[b.offset]
  if (x instanceof Y.ContentFormat && y instanceof Y.ContentFormat) return x.key === y.key && equalityDeep(x.value, y.value)
  if (x instanceof Y.ContentEmbed && y instanceof Y.ContentEmbed) return equalityDeep(x.embed, y.embed)
  return false
}

/**
 * The text as the relay's upgrade wrote it, so far as it is still there: the items (and
 * formats) of the client that put the Y.Text there.
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
