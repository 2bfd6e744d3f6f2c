/**
 * What a shape's rich text as a Y.Text (format 3, `richTextYjs.ts`) stores but a reader reads as
 * nothing: a mark on nothing but line ends, a line's `block` or `containers` on nothing but
 * characters, an end of a mark that was never begun, a mark begun again with the value it has (a
 * line's block: unless on its own line end), a line's block or containers with parts a reader
 * skips (more levels than `maxLineContainers`), an embed that is no inline node. Reading tolerates them, so they would be stored and sent to every
 * browser unjudged; and a mark hidden on a line end lands on the words typed before it meanwhile,
 * judged as the typist's own. Concurrent editing leaves the first four, and the relay removes them
 * before it judges (`richTextTidy.ts`); the last two only a client that hides something sends: an
 * update that adds one is refused. One that was there already (an older relay took it) locks
 * nobody out of the text. What that leaves is bounded per shape (`keptText.ts`).
 */
import { isEqual } from '@tldraw/utils'
import * as Y from 'yjs'
import { recordsMapName } from '../../shared/board/ydoc.ts'
import type { Refusal, Write } from '../../shared/board/declaration.ts'
import { lineKeys, maxLineContainers } from '../../shared/board/richTextYjs.ts'
import { richTextOf } from './keptText.ts'

const isLineKey = (key: string) => (lineKeys as readonly string[]).includes(key)
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const onlyKeys = (value: Record<string, unknown>, keys: readonly string[]) => Object.keys(value).every((key) => keys.includes(key))
const readsAttrs = (attrs: unknown) => attrs === undefined || isPlainObject(attrs)

/** Whether a reader reads all of a line key's value (`jsonOfTokens`). */
function wholeLineValue(key: string, value: unknown): boolean {
  if (key === 'block') return isPlainObject(value) && onlyKeys(value, ['type', 'attrs']) && typeof value.type === 'string' && readsAttrs(value.attrs)
  if (!Array.isArray(value) || value.length === 0 || value.length > maxLineContainers) return false
  return value.every(
    (level) =>
      isPlainObject(level) &&
      onlyKeys(level, ['type', 'attrs', 'continues']) &&
      typeof level.type === 'string' &&
      readsAttrs(level.attrs) &&
      (level.continues === undefined || level.continues === true),
  )
}

const isEmbed = (value: unknown) => isPlainObject(value) && Object.keys(value).length === 1 && isPlainObject(Object.values(value)[0])

/** The ids (`client:clock`) of the text's items a reader reads as nothing. */
export function hiddenItems(text: Y.Text): Set<string> {
  const hidden = new Set<string>()
  const idOf = (item: Y.Item) => `${item.id.client}:${item.id.clock}`
  // Per key, the format in force: the item that began it, its value, and whether anything read it.
  const open = new Map<string, { id: string; value: unknown; read: boolean }>()
  const close = (key: string) => {
    const format = open.get(key)
    if (format && !format.read) hidden.add(format.id)
    open.delete(key)
  }
  const readBy = (line: boolean) => {
    for (const [key, format] of open) if (isLineKey(key) === line) format.read = true
  }
  // A line's block begun again as it is: read as nothing unless the next character ends its line
  // (that line's own, which the tidy-up keeps: `richTextTidy.ts`).
  let repeatedLines: string[] = []
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue
    const { content } = item
    if (!(content instanceof Y.ContentFormat)) {
      if (!(content instanceof Y.ContentString && content.str.startsWith('\n'))) for (const id of repeatedLines) hidden.add(id)
      repeatedLines = []
    }
    if (content instanceof Y.ContentFormat) {
      const was = open.get(content.key)
      close(content.key)
      const begun = content.value !== null
      const repeated = begun && was !== undefined && isEqual(was.value, content.value)
      if (repeated && isLineKey(content.key) && wholeLineValue(content.key, content.value)) repeatedLines.push(idOf(item))
      else if (!begun ? !was : repeated || (isLineKey(content.key) && !wholeLineValue(content.key, content.value))) {
        hidden.add(idOf(item))
      }
      if (begun) open.set(content.key, { id: idOf(item), value: content.value, read: false })
    } else if (content instanceof Y.ContentString) {
      if (content.str.includes('\n')) readBy(true)
      if (content.str.replaceAll('\n', '').length > 0) readBy(false)
    } else if (content instanceof Y.ContentEmbed) {
      if (isEmbed(content.embed)) readBy(false)
      else hidden.add(idOf(item))
    }
  }
  for (const id of repeatedLines) hidden.add(id)
  for (const key of [...open.keys()]) close(key)
  return hidden
}

/**
 * Refuses a write of a shape's rich text that adds to its Y.Text an item no reader reads, judged
 * on the text as the relay keeps it: after the rehearsal tidied the formats that change nothing
 * (`richTextTidy.ts`). Honest concurrent formatting leaves only such formats (a mark begun twice,
 * an end that ends nothing), and those are gone by then; what remains was sent to hide.
 */
export function hiddenFormatsRefusal(writes: readonly Write[], before: Y.Doc, after: Y.Doc): Refusal | null {
  const judged = new Set<string>()
  let known: Map<number, number> | undefined
  const isNew = (id: string) => {
    const [client, clock] = id.split(':').map(Number)
    known ??= Y.decodeStateVector(Y.encodeStateVector(before))
    return clock >= (known.get(client) ?? 0)
  }
  for (const { path, value } of writes) {
    const [root, id, field, key] = path
    if (path.length !== 4 || root !== recordsMapName || field !== 'props' || key !== 'richText' || !value || judged.has(id)) continue
    judged.add(id)
    const text = richTextOf(after, id)
    if (text && [...hiddenItems(text)].some(isNew)) return { entry: `${recordsMapName}/${id}`, reason: "a shape's text holds formats no reader reads" }
  }
  return null
}
