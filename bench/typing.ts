/**
 * Typing into a Zettel of 300 characters on a real relay: what one keystroke sends, and how long
 * it takes to reach another screen. Client A types a character every 80 ms at the end of the
 * text, as the canvas's bridge writes it; client B, in the same process (same clock), notes when
 * each arrives. Two ways of writing, on the same relay in the same run:
 * - `whole`: the text is one JSON value, replaced at each keystroke (format 2, the build before
 *   issue 59);
 * - `merged`: the text is a Y.Text, and a keystroke is the change from the text the editor read
 *   (`richTextEdit.ts`, format 3).
 * Alone: `node --import tsx bench/typing.ts` (after `npm run build`).
 */
import { pathToFileURL } from 'node:url'
import * as Y from 'yjs'
import { getRecordsMap, readRecord, type StoredRecord } from '../shared/board/records.ts'
import type { RichTextNode } from '../shared/board/richTextYjs.ts'
import { applyRichTextEdit, textBase } from '../shared/board/richTextEdit.ts'
import { plainText } from '../shared/templates/richText.ts'
import { formatVersion, formatVersionKey, metaMapName } from '../shared/board/ydoc.ts'
import { connectClient, createBoard, until, whenSynced } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay } from '../test/helpers/relay.ts'
import { writeFormat2Record } from '../test/helpers/records.ts'
import { noteRecord, putRecord } from './board.ts'
import { percentile, round } from './stats.ts'

export type TypingStyle = 'whole' | 'merged'

export interface TypingResult {
  style: TypingStyle
  keystrokes: number
  delivered: number
  /** Bytes of the Yjs update one keystroke sends (median, and the largest). */
  keystrokeBytes: number
  keystrokeBytesMax: number
  p50Ms: number
  p99Ms: number
}

const keystrokes = 150
const keystrokeIntervalMs = 80
const startWords = 'Wir klären mit dem Jobcenter, wer Alleinerziehende zur Kinderbetreuung berät, bevor die Maßnahme beginnt; '
const paragraph = (text: string): RichTextNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * Types on a fresh board of a relay of its own. Without `style`, writes as a client of the board's
 * format does (`bench:against` with a relay from before format 3: whole).
 */
export async function runTyping(style?: TypingStyle): Promise<TypingResult> {
  const relay = await startRelay({ process: true })
  try {
    const board = await createBoard(relay, 'Benchmark')
    const [a, b] = [0, 1].map(() => connectClient(relay, board.id, new Y.Doc(), { token: board.access.facilitator }))
    try {
      await Promise.all([a, b].map(whenSynced))
      const boardFormat = Number(a.doc.getMap(metaMapName).get(formatVersionKey) ?? formatVersion)
      const writing: TypingStyle = style ?? (boardFormat >= 3 ? 'merged' : 'whole')
      const id = 'shape:typing'
      // 300 characters, the last no space (plain text is trimmed).
      let text = startWords.repeat(4).slice(0, 299) + '.'
      // As a client of that format creates it: its text a Y.Text (format 3) or a JSON value.
      if (writing === 'merged') putRecord(a.doc, noteRecord(id, text, 0, 0))
      else writeFormat2Record(getRecordsMap(a.doc), noteRecord(id, text, 0, 0) as unknown as StoredRecord)
      const props = () => (getRecordsMap(a.doc).get(id) as Y.Map<unknown>).get('props') as Y.Map<unknown>
      const shown = () => plainText((readRecord(b.doc, id)?.props as { richText?: unknown } | undefined)?.richText).length
      // Bounded: a relay that refuses the note (an older build and a Y.Text) must not hold the bench.
      await Promise.race([until(b.doc, () => shown() === text.length), sleep(10_000)])
      if (shown() !== text.length) throw new Error(`typing (${writing}): the Zettel never reached the other screen`)

      const sentAt: number[] = []
      const latencies: number[] = []
      const onUpdate = () => {
        const now = performance.now()
        const length = shown() - 300
        while (latencies.length < length) latencies.push(now - sentAt[latencies.length])
      }
      b.doc.on('update', onUpdate)
      const bytes: number[] = []
      const onSent = (update: Uint8Array, origin: unknown) => void (origin !== a.provider && bytes.push(update.length))
      a.doc.on('update', onSent)
      const started = performance.now()
      for (let i = 0; i < keystrokes; i++) {
        text += String.fromCharCode(0x61 + (i % 26))
        sentAt.push(performance.now())
        if (writing === 'whole') props().set('richText', paragraph(text))
        else {
          const ytext = props().get('richText') as Y.Text
          applyRichTextEdit(ytext, textBase(ytext), paragraph(text))
        }
        await sleep(started + (i + 1) * keystrokeIntervalMs - performance.now())
      }
      await Promise.race([until(b.doc, () => latencies.length >= keystrokes), sleep(10_000)])
      b.doc.off('update', onUpdate)
      a.doc.off('update', onSent)
      return {
        style: writing,
        keystrokes,
        delivered: latencies.length,
        keystrokeBytes: percentile(bytes, 50),
        keystrokeBytesMax: Math.max(...bytes),
        p50Ms: round(percentile(latencies, 50)),
        p99Ms: round(percentile(latencies, 99)),
      }
    } finally {
      a.destroy()
      b.destroy()
    }
  } finally {
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const style of ['whole', 'merged'] as const) console.log(JSON.stringify(await runTyping(style)))
}
