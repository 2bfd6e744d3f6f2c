/**
 * A Zettel's text as a Yjs shared type (`shared/board/richTextFragment.ts`, `richTextEdit.ts`):
 * it reads back as tldraw holds it, an editor's edit reaches it as a small change placed by the
 * Yjs items it read, and replicas editing at once, offline for a while, end with the same text
 * holding every character someone typed and nobody deleted.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readRichText, writeRichText, type RichTextNode } from '../../shared/board/richTextFragment.ts'
import { applyRichTextEdit, textBase } from '../../shared/board/richTextEdit.ts'

const paragraph = (...content: RichTextNode[]): RichTextNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' })
const text = (value: string, ...marks: RichTextNode['marks'] & object): RichTextNode => (marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value })
const doc = (...content: RichTextNode[]): RichTextNode => ({ type: 'doc', content })
const plain = (...lines: string[]) => doc(...lines.map((line) => (line ? paragraph(text(line)) : paragraph())))

function zettel(json: RichTextNode): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment('richText')
  writeRichText(fragment, json)
  return fragment
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

/** Edits `fragment` as an editor would: reads a base, changes its JSON, applies the change. */
function edit(fragment: Y.XmlFragment, change: (json: RichTextNode) => RichTextNode): void {
  const base = textBase(fragment)
  applyRichTextEdit(fragment, base, change(structuredClone(base.json)))
}

describe('a Zettel’s rich text in a Y.XmlFragment', () => {
  const realistic: [string, RichTextNode][] = [
    ['an empty Zettel', doc(paragraph())],
    ['plain lines with an empty one between', plain('Erste Zeile', '', 'Dritte Zeile')],
    ['marks, a link with attrs, a hard break', doc(
      paragraph(
        text('fett', { type: 'bold' }),
        text(' und '),
        text('beides', { type: 'bold' }, { type: 'italic' }),
        { type: 'hardBreak' },
        text('Link', { type: 'link', attrs: { href: 'https://example.org', target: '_blank', rel: 'noopener', class: null } }, { type: 'bold' }),
        text(' 😀 Ende'),
      ),
    )],
    ['paragraph attrs and lists', doc(
      { type: 'paragraph', attrs: { dir: 'auto' }, content: [text('Liste:')] },
      { type: 'bulletList', content: [
        { type: 'listItem', content: [paragraph(text('eins')), { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [paragraph(text('drei', { type: 'highlight', attrs: { color: '#ff0' } }))] }] }] },
        { type: 'listItem', content: [paragraph()] },
      ] },
      { type: 'heading', attrs: { level: 2 }, content: [text('Überschrift', { type: 'code' })] },
    )],
  ]

  it.each(realistic)('reads back %s exactly as written', (_, json) => {
    expect(readRichText(zettel(json))).toEqual(json)
  })

  it.each(realistic)('reads %s as the edit made it, when nothing else changed since the base', (_, json) => {
    const fragment = zettel(plain('ganz anderer Text', 'zwei'))
    edit(fragment, () => json)
    expect(readRichText(fragment)).toEqual(json)
  })

  it('sends one character typed into a 300-character Zettel in under 100 bytes', () => {
    const words = 'Ein Zettel mit etwas Text, '.repeat(12).slice(0, 300)
    const fragment = zettel(plain(words.slice(0, 150), words.slice(150)))
    let bytes = 0
    fragment.doc!.on('update', (update: Uint8Array) => (bytes += update.byteLength))
    edit(fragment, () => plain(words.slice(0, 150), words.slice(150, 200) + 'x' + words.slice(200)))
    expect(readRichText(fragment)).toEqual(plain(words.slice(0, 150), words.slice(150, 200) + 'x' + words.slice(200)))
    expect(bytes).toBeLessThan(100)
    console.info(`one keystroke in a 300-character Zettel: ${bytes} bytes`)
  })

  it('keeps words someone else added since the base when the list saves the whole field with a typo fixed', () => {
    const canvas = zettel(plain('Praktikum im Betreib'))
    const list = new Y.Doc()
    sync(canvas.doc!, list)
    const listText = list.getXmlFragment('richText')
    const base = textBase(listText)
    // The facilitator, on the canvas, adds words; they reach the phone before it saves.
    edit(canvas, () => plain('Praktikum im Betreib (nur mit Bildungsträger)'))
    sync(canvas.doc!, list)
    applyRichTextEdit(listText, base, plain('Praktikum im Betrieb'))
    sync(list, canvas.doc!)
    expect(readRichText(listText)).toEqual(plain('Praktikum im Betrieb (nur mit Bildungsträger)'))
    expect(readRichText(canvas)).toEqual(readRichText(listText))
  })

  it('keeps characters inserted since the base even when the edit deletes the words around them', () => {
    const fragment = zettel(plain('alt alt'))
    const base = textBase(fragment)
    edit(fragment, () => plain('alt neu alt'))
    applyRichTextEdit(fragment, base, plain(''))
    expect(readRichText(fragment)).toEqual(plain('neu '))
  })

  it('keeps what someone typed into a paragraph since the base when the edit joins it away', () => {
    const fragment = zettel(plain('abc', 'def'))
    const base = textBase(fragment)
    edit(fragment, () => plain('abc', 'dXef'))
    applyRichTextEdit(fragment, base, plain('abcdef'))
    expect(readRichText(fragment)).toEqual(plain('abcdef', 'X'))
  })

  it('makes bold a format, deleting nothing', () => {
    const fragment = zettel(plain('halb fett'))
    const updates: Uint8Array[] = []
    fragment.doc!.on('update', (update: Uint8Array) => updates.push(update))
    edit(fragment, () => doc(paragraph(text('halb '), text('fett', { type: 'bold' }))))
    expect(readRichText(fragment)).toEqual(doc(paragraph(text('halb '), text('fett', { type: 'bold' }))))
    expect(updates.map((update) => Y.decodeUpdate(update).ds.clients.size)).toEqual([0])
  })
})

// --- three replicas editing at once -------------------------------------------------------------

type Letter = { ch: string; bold: boolean; italic: boolean }
type Char = Letter | { br: true }
type Model = Char[][]

const toModel = (json: RichTextNode): Model =>
  (json.content ?? []).map((block) =>
    (block.content ?? []).flatMap((node): Char[] =>
      node.type === 'hardBreak'
        ? [{ br: true }]
        : [...node.text!].map((ch) => ({ ch, bold: !!node.marks?.some((m) => m.type === 'bold'), italic: !!node.marks?.some((m) => m.type === 'italic') })),
    ),
  )

const toJson = (model: Model): RichTextNode =>
  doc(
    ...model.map((line) => {
      const content: RichTextNode[] = []
      for (const char of line) {
        if ('br' in char) {
          content.push({ type: 'hardBreak' })
          continue
        }
        const marks = [...(char.bold ? [{ type: 'bold' }] : []), ...(char.italic ? [{ type: 'italic' }] : [])]
        const last = content.at(-1)
        if (last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(marks)) last.text += char.ch
        else content.push(text(char.ch, ...marks))
      }
      return paragraph(...content)
    }),
  )

type EditKind = 'insert' | 'delete' | 'bold' | 'italic' | 'split' | 'join' | 'hardBreak'
interface Step {
  replica: number
  kind: EditKind | 'sync'
  a: number
  b: number
  c: number
}

const step = (kinds: EditKind[]) =>
  fc.record({
    replica: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom<Step['kind']>(...kinds, 'sync'),
    a: fc.nat(1000),
    b: fc.nat(1000),
    c: fc.integer({ min: 1, max: 4 }),
  })

/** Plays `steps` on three replicas; returns them synced and what was typed and deleted. */
function play(steps: Step[], clientIds = [1, 2, 3]) {
  let letter = 0x4e00
  const fresh = () => String.fromCodePoint(letter++)
  const docs = clientIds.map((clientId) => {
    const replica = new Y.Doc()
    // Concurrent inserts at one place are ordered by client id: part of the run, to replay it.
    replica.clientID = clientId
    return replica
  })
  const typed = [[fresh(), fresh(), fresh()], [fresh(), fresh()]]
  writeRichText(docs[0].getXmlFragment('richText'), plain(...typed.map((word) => word.join(''))))
  for (const to of docs.slice(1)) sync(docs[0], to)
  const deleted = new Set<string>()
  for (const { replica, kind, a, b, c } of steps) {
    const fragment = docs[replica].getXmlFragment('richText')
    if (kind === 'sync') {
      sync(docs[replica], docs[a % 3])
      sync(docs[a % 3], docs[replica])
      continue
    }
    const base = textBase(fragment)
    const model = toModel(base.json)
    const p = a % model.length
    const line = model[p]
    const at = b % (line.length + 1)
    if (kind === 'insert') {
      const letters = Array.from({ length: c }, fresh)
      typed.push(letters)
      line.splice(at, 0, ...letters.map((ch) => ({ ch, bold: false, italic: false })))
    } else if (kind === 'delete') {
      for (const char of line.splice(at, c)) if ('ch' in char) deleted.add(char.ch)
    } else if (kind === 'bold' || kind === 'italic') {
      const chars = line.slice(at, at + c).filter((char): char is Letter => 'ch' in char)
      const on = !chars.every((char) => char[kind])
      for (const char of chars) char[kind] = on
    } else if (kind === 'split') model.splice(p + 1, 0, line.splice(at))
    else if (kind === 'join' && p + 1 < model.length) model.splice(p, 2, [...line, ...model[p + 1]])
    else if (kind === 'hardBreak') line.splice(at, 0, { br: true })
    applyRichTextEdit(fragment, base, toJson(model))
  }
  // Until all hold the same: Yjs tidies a text's formatting after a remote update, and sends
  // that too, as a provider would.
  const same = () => docs.every((d) => Y.equalSnapshots(Y.snapshot(d), Y.snapshot(docs[0])))
  do for (const from of docs) for (const to of docs) if (from !== to) sync(from, to)
  while (!same())
  return { texts: docs.map((d) => readRichText(d.getXmlFragment('richText'))), typed, deleted }
}

/** Three distinct client ids. */
const clientIds = fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 32 - 1 }), { minLength: 3, maxLength: 3 })

const runs = Number(process.env.RICH_TEXT_RUNS ?? 300)

describe('three replicas of one Zettel, editing offline and syncing at random', () => {
  it('all read the same text, whatever the edits (joins included)', () => {
    fc.assert(
      fc.property(fc.array(step(['insert', 'delete', 'bold', 'italic', 'split', 'join', 'hardBreak']), { maxLength: 40 }), clientIds, (steps, ids) => {
        const { texts } = play(steps, ids)
        expect(texts[1]).toEqual(texts[0])
        expect(texts[2]).toEqual(texts[0])
      }),
      { numRuns: runs },
    )
  })

  it('keep every character typed and deleted by nobody, in the order it was typed (no joins)', () => {
    let doubled = 0
    fc.assert(
      fc.property(fc.array(step(['insert', 'delete', 'bold', 'italic', 'split', 'hardBreak']), { maxLength: 40 }), clientIds, (steps, ids) => {
        const { texts, typed, deleted } = play(steps, ids)
        expect(texts[1]).toEqual(texts[0])
        expect(texts[2]).toEqual(texts[0])
        const letters = toModel(texts[0]).flat().flatMap((char) => ('ch' in char ? [char.ch] : []))
        if (new Set(letters).size < letters.length) doubled++
        for (const word of typed) {
          // Two moves of the same characters at once (a split and a hard break in one paragraph
          // offline) leave them twice: the word must be there in its order, once at least.
          let place = -1
          for (const ch of word.filter((ch) => !deleted.has(ch))) {
            place = letters.indexOf(ch, place + 1)
            expect(place, `${ch} of ${word.join('')} in ${letters.join('')}`).toBeGreaterThanOrEqual(0)
          }
        }
      }),
      { numRuns: runs },
    )
    console.info(`${doubled} of ${runs} runs ended with some characters twice`)
  })
})
