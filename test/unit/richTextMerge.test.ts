/**
 * A Zettel's text as one Y.Text (`shared/board/richTextYjs.ts`, `richTextEdit.ts`):
 * it reads back as tldraw holds it, an editor's edit reaches it as a small change placed by the
 * Yjs items it read, and replicas editing at once, offline for a while, end with the same text
 * holding every character someone typed and nobody deleted.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readRichText, writeRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { applyRichTextEdit, textBase, type TextBase } from '../../shared/board/richTextEdit.ts'
import { propertyParameters, propertyTimeout } from '../helpers/propertyRuns.ts'

const paragraph = (...content: RichTextNode[]): RichTextNode => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' })
const text = (value: string, ...marks: RichTextNode['marks'] & object): RichTextNode => (marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value })
const doc = (...content: RichTextNode[]): RichTextNode => ({ type: 'doc', content })
const plain = (...lines: string[]) => doc(...lines.map((line) => (line ? paragraph(text(line)) : paragraph())))

type RichText = ReturnType<typeof richTextOf>
const richTextOf = (ydoc: Y.Doc) => ydoc.getText('richText')

function zettel(json: RichTextNode): RichText {
  const fragment = richTextOf(new Y.Doc())
  writeRichText(fragment, json)
  return fragment
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

/** Two replicas of one Zettel holding `json`, client 1 and client 2. */
function replicas(json: RichTextNode): [RichText, RichText] {
  const [one, two] = [1, 2].map((clientId) => {
    const replica = new Y.Doc()
    replica.clientID = clientId
    return replica
  })
  writeRichText(richTextOf(one), json)
  sync(one, two)
  return [richTextOf(one), richTextOf(two)]
}

function syncBoth(one: RichText, two: RichText): void {
  sync(one.doc!, two.doc!)
  sync(two.doc!, one.doc!)
  sync(one.doc!, two.doc!)
}

/** Edits `fragment` as an editor would: reads a base, changes its JSON, applies the change. */
function edit(fragment: RichText, change: (json: RichTextNode) => RichTextNode): void {
  const base = textBase(fragment)
  applyRichTextEdit(fragment, base, change(structuredClone(base.json)))
}

describe('a Zettel’s rich text in a Y.Text', () => {
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
    ['an item of two paragraphs, then two items, then a second list right after', doc(
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('eins')), paragraph(text('noch eins'))] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('zwei'))] }, { type: 'listItem', content: [paragraph(text('drei'))] }] },
      { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [paragraph(text('vier'))] }] },
    )],
  ]

  it('reads a line end inside text back as the hard break tldraw shows', () => {
    expect(readRichText(zettel(plain('eins\nzwei')))).toEqual(doc(paragraph(text('eins'), { type: 'hardBreak' }, text('zwei'))))
  })

  it('stores plain paragraphs as plain text with a line end each, as a peer without attributes writes them', () => {
    const ytext = zettel(plain('eins', '', 'drei'))
    expect(ytext.toDelta()).toEqual([{ insert: 'eins\n\ndrei\n' }])
    const peer = new Y.Doc().getText('richText')
    peer.insert(0, 'eins\nzwei')
    expect(readRichText(peer)).toEqual(plain('eins', 'zwei'))
    edit(peer, () => plain('eins', 'zwei', 'drei'))
    expect(readRichText(peer)).toEqual(plain('eins', 'zwei', 'drei'))
  })

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
    const listText = richTextOf(list)
    const base = textBase(listText)
    // The facilitator, on the canvas, adds words; they reach the phone before it saves.
    edit(canvas, () => plain('Praktikum im Betreib (nur mit Bildungsträger)'))
    sync(canvas.doc!, list)
    applyRichTextEdit(listText, base, plain('Praktikum im Betrieb'))
    sync(list, canvas.doc!)
    expect(readRichText(listText)).toEqual(plain('Praktikum im Betrieb (nur mit Bildungsträger)'))
    expect(readRichText(canvas)).toEqual(readRichText(listText))
  })

  it('places the fix where the typo is when someone wrote before it since the base', () => {
    const canvas = zettel(plain('Praktikum im Betreib', 'zwei Wochen'))
    const base = textBase(canvas)
    edit(canvas, () => plain('Heute: Praktikum im Betreib', 'ab Montag zwei Wochen'))
    applyRichTextEdit(canvas, base, plain('Praktikum im Betrieb', 'zwei Wochen lang'))
    expect(readRichText(canvas)).toEqual(plain('Heute: Praktikum im Betrieb', 'ab Montag zwei Wochen lang'))
  })

  it('keeps characters inserted since the base even when the edit deletes the words around them', () => {
    const fragment = zettel(plain('alt alt'))
    const base = textBase(fragment)
    edit(fragment, () => plain('alt neu alt'))
    applyRichTextEdit(fragment, base, plain(''))
    expect(readRichText(fragment)).toEqual(plain('neu '))
  })

  it('keeps what someone typed into a paragraph when another joins it to the one before, at once', () => {
    const [one, two] = replicas(plain('abc', 'def'))
    edit(two, () => plain('abc', 'dXef'))
    edit(one, () => plain('abcdef'))
    syncBoth(one, two)
    expect(readRichText(one)).toEqual(plain('abcdXef'))
    expect(readRichText(two)).toEqual(readRichText(one))
  })

  it('keeps what someone typed since the base when the edit itself joins the paragraph away', () => {
    const fragment = zettel(plain('abc', 'def'))
    const base = textBase(fragment)
    edit(fragment, () => plain('abc', 'dXef'))
    applyRichTextEdit(fragment, base, plain('abcdef'))
    expect(readRichText(fragment)).toEqual(plain('abcdXef'))
  })

  it('holds every word once when two split one paragraph at the same place at once', () => {
    const [one, two] = replicas(plain('Praktikum im Betrieb'))
    edit(one, () => plain('Praktikum ', 'im Betrieb'))
    edit(two, () => plain('Praktikum ', 'im Betrieb'))
    syncBoth(one, two)
    expect(readRichText(one)).toEqual(readRichText(two))
    const words = toModel(readRichText(one)).map((line) => line.chars.map((char) => ('ch' in char ? char.ch : '')).join(''))
    expect(words.join('')).toBe('Praktikum im Betrieb')
  })

  it('holds every word once when two split one paragraph at different places at once', () => {
    const [one, two] = replicas(plain('eins zwei drei'))
    edit(one, () => plain('eins ', 'zwei drei'))
    edit(two, () => plain('eins zwei ', 'drei'))
    syncBoth(one, two)
    expect(readRichText(one)).toEqual(plain('eins ', 'zwei ', 'drei'))
    expect(readRichText(two)).toEqual(readRichText(one))
  })

  it('keeps both a paragraph made a heading and the words typed into it at once', () => {
    const [one, two] = replicas(plain('Titel', 'Text'))
    edit(one, () => doc({ type: 'heading', attrs: { level: 1 }, content: [text('Titel')] }, paragraph(text('Text'))))
    edit(two, () => plain('Neuer Titel', 'Text'))
    syncBoth(one, two)
    expect(readRichText(one)).toEqual(doc({ type: 'heading', attrs: { level: 1 }, content: [text('Neuer Titel')] }, paragraph(text('Text'))))
    expect(readRichText(two)).toEqual(readRichText(one))
  })

  it('keeps a word typed into a list item while another splits the item', () => {
    const item = (line: string) => ({ type: 'listItem', content: [paragraph(text(line))] })
    const [one, two] = replicas(doc({ type: 'bulletList', content: [item('Milch Brot')] }))
    edit(one, () => doc({ type: 'bulletList', content: [item('Milch '), item('Brot')] }))
    edit(two, () => doc({ type: 'bulletList', content: [item('Milch Butter Brot')] }))
    syncBoth(one, two)
    expect(readRichText(one)).toEqual(readRichText(two))
    const words = JSON.stringify(readRichText(one))
    for (const word of ['Milch', 'Butter', 'Brot']) expect(words.split(word).length - 1, word).toBe(1)
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
type Line = { heading: boolean; listed: boolean; chars: Char[] }
type Model = Line[]

/** Lines as the editor shows them: textblocks in order, each in a bullet list's item or not. */
const toModel = (json: RichTextNode, listed = false): Model =>
  (json.content ?? []).flatMap((block): Model =>
    ['bulletList', 'listItem'].includes(block.type)
      ? toModel(block, true)
      : [{
          heading: block.type === 'heading',
          listed,
          chars: (block.content ?? []).flatMap((node): Char[] =>
            node.type === 'hardBreak'
              ? [{ br: true }]
              : [...node.text!].map((ch) => ({ ch, bold: !!node.marks?.some((m) => m.type === 'bold'), italic: !!node.marks?.some((m) => m.type === 'italic') })),
          ),
        }],
  )

const toJson = (model: Model): RichTextNode => {
  const blocks: RichTextNode[] = []
  for (const line of model) {
    const content: RichTextNode[] = []
    for (const char of line.chars) {
      if ('br' in char) {
        content.push({ type: 'hardBreak' })
        continue
      }
      const marks = [...(char.bold ? [{ type: 'bold' }] : []), ...(char.italic ? [{ type: 'italic' }] : [])]
      const last = content.at(-1)
      if (last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(marks)) last.text += char.ch
      else content.push(text(char.ch, ...marks))
    }
    const block: RichTextNode = line.heading ? { type: 'heading', attrs: { level: 2 } } : { type: 'paragraph' }
    if (content.length) block.content = content
    if (!line.listed) blocks.push(block)
    else if (blocks.at(-1)?.type === 'bulletList') blocks.at(-1)!.content!.push({ type: 'listItem', content: [block] })
    else blocks.push({ type: 'bulletList', content: [{ type: 'listItem', content: [block] }] })
  }
  return doc(...blocks)
}

type EditKind = 'insert' | 'delete' | 'bold' | 'italic' | 'split' | 'join' | 'hardBreak' | 'heading' | 'list'
interface Step {
  replica: number
  kind: EditKind | 'sync'
  /** The edit is made on what the replica's editor showed after its last edit, not on the text now. */
  stale: boolean
  a: number
  b: number
  c: number
}

const step = (kinds: EditKind[]) =>
  fc.record({
    replica: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom<Step['kind']>(...kinds, 'sync', 'sync'),
    stale: fc.boolean(),
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
  writeRichText(richTextOf(docs[0]), plain(...typed.map((word) => word.join(''))))
  for (const to of docs.slice(1)) sync(docs[0], to)
  const deleted = new Set<string>()
  // What each replica's editor shows since its last edit (a list field open while others' edits arrive).
  const shown: (TextBase | undefined)[] = []
  for (const { replica, kind, a, b, c, stale } of steps) {
    const fragment = richTextOf(docs[replica])
    if (kind === 'sync') {
      sync(docs[replica], docs[a % 3])
      sync(docs[a % 3], docs[replica])
      continue
    }
    const base = (stale && shown[replica]) || textBase(fragment)
    const model = toModel(structuredClone(base.json))
    const p = a % model.length
    const line = model[p].chars
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
    } else if (kind === 'split') model.splice(p + 1, 0, { heading: false, listed: model[p].listed, chars: line.splice(at) })
    else if (kind === 'join' && p + 1 < model.length) model.splice(p, 2, { ...model[p], chars: [...line, ...model[p + 1].chars] })
    else if (kind === 'hardBreak') line.splice(at, 0, { br: true })
    else if (kind === 'heading') model[p].heading = !model[p].heading
    else if (kind === 'list') model[p].listed = !model[p].listed
    applyRichTextEdit(fragment, base, toJson(model))
    shown[replica] = textBase(fragment)
  }
  // Until all hold the same: Yjs tidies a text's formatting after a remote update, and sends
  // that too, as a provider would.
  const same = () => docs.every((d) => Y.equalSnapshots(Y.snapshot(d), Y.snapshot(docs[0])))
  do for (const from of docs) for (const to of docs) if (from !== to) sync(from, to)
  while (!same())
  return { texts: docs.map((d) => readRichText(richTextOf(d))), typed, deleted }
}

/** Three distinct client ids. */
const clientIds = fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 32 - 1 }), { minLength: 3, maxLength: 3 })

/** 300 replays of three replicas take about 0.4 s; the full budget (PROPERTY_RUNS=full) found a bug the gate's did not. */
const budget = { gate: 300, full: 5000 }

const kinds: EditKind[] = ['insert', 'delete', 'bold', 'italic', 'split', 'join', 'hardBreak', 'heading', 'list']

describe('three replicas of one Zettel, editing offline and syncing at random', () => {
  it('all read the same text and keep every character typed and deleted by nobody, once, in the order it was typed (splits and joins included)', { timeout: propertyTimeout(budget, 5) }, () => {
    fc.assert(
      fc.property(fc.array(step(kinds), { minLength: 5, maxLength: 40 }), clientIds, (steps, ids) => {
        const { texts, typed, deleted } = play(steps, ids)
        expect(texts[1]).toEqual(texts[0])
        expect(texts[2]).toEqual(texts[0])
        const letters = toModel(texts[0]).flatMap((line) => line.chars).flatMap((char) => ('ch' in char ? [char.ch] : []))
        expect(new Set(letters).size, `no character twice in ${letters.join('')}`).toBe(letters.length)
        for (const word of typed) {
          let place = -1
          for (const ch of word.filter((ch) => !deleted.has(ch))) {
            place = letters.indexOf(ch, place + 1)
            expect(place, `${ch} of ${word.join('')} in ${letters.join('')}`).toBeGreaterThanOrEqual(0)
          }
        }
        for (const ch of deleted) expect(letters).not.toContain(ch)
      }),
      propertyParameters(budget),
    )
  })
})
