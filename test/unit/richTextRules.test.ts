/**
 * The update rules for a shape's rich text as one `Y.Text` (format 3, `richTextYjs.ts`): text,
 * formats and embeds are taken as the value of `props.richText` of a record and nowhere else, and
 * what they carry is bounded as any JSON value is. Real Y.Docs for what honest clients send,
 * hand-written frames for what they never do.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, type UpdateRule } from '../../server/judge/updateRules.ts'
import { writeRichText } from '../../shared/board/richTextYjs.ts'
import { encodeV1, type Content, type Id, type ItemSpec } from '../helpers/updateFrames.ts'

const richText = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

/** A relay's board with one note, its text JSON (format 2) or a Y.Text (format 3). */
function board(as: 'json' | 'text' = 'text'): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1
  const note = new Y.Map<unknown>()
  doc.getMap('tldraw').set('shape:a', note)
  note.set('x', 1)
  const props = new Y.Map<unknown>()
  const meta = new Y.Map<unknown>()
  note.set('props', props)
  note.set('meta', meta)
  props.set('color', 'yellow')
  if (as === 'json') props.set('richText', richText('von Anna'))
  else {
    const text = new Y.Text()
    props.set('richText', text)
    writeRichText(text, richText('von Anna'))
  }
  return doc
}

const props = (doc: Y.Doc) => (doc.getMap('tldraw').get('shape:a') as Y.Map<unknown>).get('props') as Y.Map<unknown>
const textOf = (doc: Y.Doc) => props(doc).get('richText') as Y.Text

/** What `change` makes of the relay's board, as a client holding a copy of it sends it. */
function fromChange(relay: Y.Doc, change: (doc: Y.Doc) => void, clientID = 7): Uint8Array {
  const client = new Y.Doc()
  client.clientID = clientID
  Y.applyUpdate(client, Y.encodeStateAsUpdate(relay))
  const before = Y.encodeStateVector(client)
  change(client)
  return Y.encodeStateAsUpdate(client, before)
}

function expectAccepted(doc: Y.Doc, update: Uint8Array) {
  expect(checkUpdate(doc, update)).toMatchObject({ ok: true })
  Y.applyUpdate(doc, update)
  expect(doc.store.pendingStructs).toBeNull()
}

function expectRejected(doc: Y.Doc, update: Uint8Array, rule: UpdateRule) {
  expect(checkUpdate(doc, update)).toMatchObject({ ok: false, rule })
}

/** The id of the item holding `props.richText` and of the text's first character. */
function ids(doc: Y.Doc): { text: Id; first: Id; color: Id } {
  const item = props(doc)._map.get('richText')!
  const first = textOf(doc)._start!
  const color = props(doc)._map.get('color')!
  return { text: [item.id.client, item.id.clock], first: [first.id.client, first.id.clock], color: [color.id.client, color.id.clock] }
}

const frame = (...structs: ItemSpec[]) => encodeV1([{ client: 9, clock: 0, structs }])

describe('rich text as a Y.Text under props.richText', () => {
  it('takes what an honest editor sends: a new Y.Text, characters, formats, embeds, line ends, deletions', () => {
    const relay = board('json')
    expectAccepted(
      relay,
      fromChange(relay, (doc) => {
        const text = new Y.Text()
        props(doc).set('richText', text)
        writeRichText(text, richText('neu'))
      }),
    )
    expectAccepted(relay, fromChange(relay, (doc) => textOf(doc).insert(0, 'ganz ', { bold: true })))
    expectAccepted(relay, fromChange(relay, (doc) => textOf(doc).format(0, 4, { italic: true, link: { href: 'https://example.org' } })))
    expectAccepted(relay, fromChange(relay, (doc) => textOf(doc).insertEmbed(2, { hardBreak: {} })))
    expectAccepted(relay, fromChange(relay, (doc) => textOf(doc).insert(textOf(doc).length, 'zwei\n', {}), 8))
    expectAccepted(relay, fromChange(relay, (doc) => textOf(doc).format(textOf(doc).length - 1, 1, { block: { type: 'heading', attrs: { level: 2 } } })))
    expectAccepted(relay, fromChange(relay, (doc) => textOf(doc).delete(0, 3)))
    // Back to JSON: both representations are the value of the key.
    expectAccepted(relay, fromChange(relay, (doc) => props(doc).set('richText', richText('wieder JSON'))))
  })

  it('takes GC structs and deletions inside the text from its holder (a client that collected them)', () => {
    const relay = board('text')
    const client = new Y.Doc()
    client.clientID = 7
    Y.applyUpdate(client, Y.encodeStateAsUpdate(relay))
    textOf(client).insert(0, 'weg damit ')
    textOf(client).delete(0, 10)
    // Deleted characters of a text that lives: items without content.
    expectAccepted(relay, Y.encodeStateAsUpdate(client, Y.encodeStateVector(relay)))
    expectAccepted(new Y.Doc(), Y.encodeStateAsUpdate(client))
    props(client).set('richText', richText('neu'))
    // The client's whole state, its text collected: GC structs where the characters were.
    const state = Y.encodeStateAsUpdate(client)
    expect(Y.decodeUpdate(state).structs.some((struct) => struct instanceof Y.GC)).toBe(true)
    expectAccepted(relay, state)
    expectAccepted(new Y.Doc(), state)
  })

  it('refuses a Y.Text anywhere else: a record field, meta, another prop, the root, another root', () => {
    const relay = board('json')
    const record = (doc: Y.Doc) => doc.getMap('tldraw').get('shape:a') as Y.Map<unknown>
    const places: Array<(doc: Y.Doc) => void> = [
      (doc) => record(doc).set('richText', new Y.Text('x')),
      (doc) => (record(doc).get('meta') as Y.Map<unknown>).set('richText', new Y.Text('x')),
      (doc) => props(doc).set('other', new Y.Text('x')),
      (doc) => doc.getMap('tldraw').set('richText', new Y.Text('x')),
      (doc) => doc.getMap('meta').set('richText', new Y.Text('x')),
      (doc) => {
        const deeper = new Y.Map<unknown>()
        props(doc).set('nested', deeper)
        deeper.set('richText', new Y.Text('x'))
      },
    ]
    for (const place of places) expectRejected(relay, fromChange(relay, place), 'content-type')
  })

  it('refuses characters, formats and embeds outside a text, even next to props.richText', () => {
    const relay = board('text')
    const { text, color } = ids(relay)
    const at = (content: Content): ItemSpec[] => [
      { parent: [1, 0], key: 'color', content },
      { origin: color, content },
      { origin: text, content },
    ]
    // `[1, 0]` is the record map's item: its keys are record fields.
    expect(ids(relay).text[0]).toBe(1)
    for (const content of [{ string: 'x' }, { format: ['bold', 'true'] }, { embed: '{"hardBreak":{}}' }] as Content[]) {
      for (const spec of at(content)) expectRejected(relay, frame(spec), 'content-type')
    }
  })

  it('refuses any other type inside the text, and keyed entries in it', () => {
    const relay = board('text')
    const { text, first } = ids(relay)
    expectRejected(relay, fromChange(relay, (doc) => textOf(doc).insertEmbed(1, new Y.Map())), 'content-type')
    expectRejected(relay, fromChange(relay, (doc) => textOf(doc).insertEmbed(1, new Y.Text('innen'))), 'content-type')
    expectRejected(relay, frame({ origin: first, content: { type: 2 } }), 'content-type')
    expectRejected(relay, frame({ origin: first, content: { any: [1] } }), 'content-type')
    expectRejected(relay, frame({ parent: text, key: 'k', content: { string: 'x' } }), 'content-type')
    // A character next to one of the text's own: taken.
    expectAccepted(relay, frame({ origin: first, content: { string: 'x' } }))
  })

  it('bounds what a format or embed carries: deep JSON, a huge value, a long mark name', () => {
    const relay = board('text')
    const { first } = ids(relay)
    const deep = '['.repeat(2_000) + '1' + ']'.repeat(2_000)
    expectRejected(relay, frame({ origin: first, content: { format: ['bold', deep] } }), 'json-value')
    expectRejected(relay, frame({ origin: first, content: { embed: deep } }), 'json-value')
    expectRejected(relay, frame({ origin: first, content: { format: ['link', JSON.stringify({ href: 'x'.repeat(2 * 1024 * 1024) })] } }), 'json-value')
    expectRejected(relay, frame({ origin: first, content: { string: 'x'.repeat(2 * 1024 * 1024) } }), 'json-value')
    expectRejected(relay, frame({ origin: first, content: { format: ['m'.repeat(41), 'true'] } }), 'map-key')
    expectRejected(relay, frame({ origin: first, content: { format: ['m'.repeat(100_000), 'true'] } }), 'map-key')
    expectRejected(relay, frame({ origin: first, content: { format: ['bold', '{"__proto__": null}'] } }), 'json-value')
    expectAccepted(relay, frame({ origin: first, content: { format: ['m'.repeat(40), 'true'] } }))
  })

  // Was broken (hostile review 2): a 1 MB format read as nothing was taken, tidied away and still sent whole
  // to every screen. A mark's or a line's attributes, or an inline node's, are small: a link's href at most.
  it('bounds a format’s or embed’s value at 8 KiB, room for a long link', () => {
    const relay = board('text')
    const { first } = ids(relay)
    const link = (href: string) => JSON.stringify({ href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null })
    expectAccepted(relay, frame({ origin: first, content: { format: ['link', link('https://example.org/' + 'a'.repeat(4_000))] } }))
    expectRejected(relay, frame({ origin: first, content: { format: ['link', link('https://example.org/' + 'a'.repeat(9_000))] } }), 'json-value')
    expectRejected(relay, frame({ origin: first, content: { embed: JSON.stringify({ hardBreak: { junk: 'x'.repeat(9_000) } }) } }), 'json-value')
  })

  it('takes only embeds and formats shaped as the layout has them: nothing a reader would drop unread', () => {
    const relay = board('text')
    const { first } = ids(relay)
    // An embed is one inline node: its type, then its attrs object.
    for (const embed of ['5', '"x"', 'null', '[]', '{}', '{"hardBreak":{},"image":{}}', '{"hardBreak":5}', `{"${'h'.repeat(41)}":{}}`]) {
      expectRejected(relay, frame({ origin: first, content: { embed } }), 'json-value')
    }
    // A format is a mark (true or its attrs), a line's block (an object) or containers (a list), or null to end one.
    for (const value of ['5', '"x"', 'false']) expectRejected(relay, frame({ origin: first, content: { format: ['bold', value] } }), 'json-value')
    expectAccepted(relay, frame({ origin: first, content: { embed: '{"hardBreak":{}}' } }))
    for (const value of ['null', 'true', '{"href":"https://example.org"}', '[{"type":"bulletList"},{"type":"listItem"}]']) {
      expectAccepted(relay, encodeV1([{ client: 10 + value.length, clock: 0, structs: [{ origin: first, content: { format: ['bold', value] } }] }]))
    }
  })
})
