/**
 * „Zettel anderer schützen“ beyond the words: Ben, a hostile participant, tries to make Anna's
 * shapes unreadable or unfindable without deleting them (faint, tiny, white, clipped, far away,
 * on another page), to redraw her drawing, to swap or repoint her image, and to renumber her
 * list. Moving her Zettel to cluster them, recolouring and enlarging stay open.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import { toRichText } from '@tldraw/tlschema'
import { getIndexAbove, getIndexBelow, type IndexKey } from '@tldraw/utils'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { protectionKey } from '../../shared/board/entries/protection.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { writeScaffoldState } from '../../shared/board/entries/scaffold.ts'
import { frameShape, noteAt, putRecords } from '../helpers/records.ts'
import { encodeV1 } from '../helpers/updateFrames.ts'
import { protectedRoom } from '../helpers/protectedRoom.ts'

const by = (author: string) => ({ [authorMetaKey]: author })
const annasNote = (id = 'shape:anna', x = 500, y = 500, text = 'nicht einverstanden') => ({ ...noteAt(x, y, text, id as TLShape['id']), meta: by('anna') })
const frame = (id: string, author: string, extra: { x?: number; y?: number; w?: number; h?: number; opacity?: number } = {}) => {
  const f = frameShape(id) as unknown as Record<string, unknown>
  return { ...f, x: extra.x ?? 0, y: extra.y ?? 0, opacity: extra.opacity ?? 1, meta: by(author), props: { ...(f.props as object), w: extra.w ?? 800, h: extra.h ?? 800 } }
}
const base = { typeName: 'shape', index: 'b20', rotation: 0, opacity: 1, isLocked: false, parentId: 'page:page' }
const drawing = (id: string, author: string, path = 'AAAAAAAAAAAAAAAAAAAAAA', type: 'draw' | 'highlight' = 'draw') => ({
  ...base, id, type, x: 600, y: 600, meta: by(author),
  props: { color: 'black', ...(type === 'draw' ? { fill: 'none', dash: 'draw', isClosed: false } : {}), size: 'm', segments: [{ type: 'free', path }], isComplete: true, isPen: false, scale: 1, scaleX: 1, scaleY: 1 },
})
const asset = (id: string, author: string | undefined, src: string) => ({
  id, typeName: 'asset', type: 'image', meta: author ? by(author) : {},
  props: { w: 100, h: 80, name: 'foto.png', isAnimated: false, mimeType: 'image/png', src },
})
const image = (id: string, author: string, assetId: string) => ({
  ...base, id, type: 'image', x: 900, y: 900, meta: by(author),
  props: { w: 100, h: 80, playing: true, url: '', assetId, crop: null, flipX: false, flipY: false, altText: 'Foto der Pinnwand' },
})
const textShape = (id: string, author: string) => ({
  ...base, id, type: 'text', x: 700, y: 700, meta: by(author),
  props: { color: 'black', size: 'm', font: 'draw', textAlign: 'start', w: 200, richText: toRichText('Anna sagt'), scale: 1, autoSize: true },
})
const annasAsset = '/api/boards/x/assets/aaaaaaaaaaaaaaaaaaaaaa'
const bensAsset = '/api/boards/x/assets/bbbbbbbbbbbbbbbbbbbbbb'

describe('others’ shapes stay readable and findable under „Zettel anderer schützen“', () => {
  const relay = protectedRoom()
  const { attempt, props, record } = relay
  const set = (id: string, key: string, value: unknown) => (d: Y.Doc) => record(d, id).set(key, value)
  const setProp = (id: string, key: string, value: unknown) => (d: Y.Doc) => props(d, id).set(key, value)

  it('faint: Anna’s opacity is not lowered by Ben, at once or step by step', async () => {
    await relay.board([annasNote()])
    expect(await attempt('participant', set('shape:anna', 'opacity', 0), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:anna', 'opacity', 0.01), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:anna', 'opacity', 0.9), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:anna', 'opacity', 0.5), 'anna')).toBe(true)
    // Back up is no harm.
    expect(await attempt('participant', set('shape:anna', 'opacity', 1), 'ben')).toBe(true)
    expect(relay.stored('shape:anna')?.opacity).toBe(1)
  })

  it('tiny: Ben does not shrink Anna’s note, geo, text or drawing (scale, w, h, font size); enlarging is open', async () => {
    await relay.board([annasNote(), textShape('shape:text', 'anna'), drawing('shape:draw', 'anna'), { ...base, id: 'shape:geo', type: 'geo', x: 0, y: 1200, meta: by('anna'), props: { geo: 'rectangle', dash: 'draw', url: '', w: 300, h: 200, growY: 0, scale: 1, flipX: false, flipY: false, labelColor: 'black', color: 'black', fill: 'none', size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle', richText: toRichText('Anna') } }])
    expect(await attempt('participant', setProp('shape:anna', 'scale', 0.01), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:draw', 'scaleY', -0.001), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'fontSizeAdjustment', 0.05), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:geo', 'w', 1), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:geo', 'h', 1), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:text', 'scale', 0.1), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:draw', 'scaleX', 0.001), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'scale', 2), 'ben')).toBe(true)
    expect(await attempt('participant', setProp('shape:geo', 'w', 600), 'ben')).toBe(true)
    // Another size picks another font: tldraw's own fit keeps a note's font at 14 px at least.
    expect(await attempt('participant', (d) => d.transact(() => { setProp('shape:anna', 'size', 'xl')(d); setProp('shape:anna', 'fontSizeAdjustment', 0.5)(d) }), 'ben')).toBe(true)
    expect(await attempt('participant', setProp('shape:anna', 'scale', 0.5), 'anna')).toBe(true)
  })

  it('white: Ben does not turn Anna’s words or lines white on the white board; other colours are open', async () => {
    await relay.board([annasNote(), textShape('shape:text', 'anna'), drawing('shape:draw', 'anna')])
    expect(await attempt('participant', setProp('shape:text', 'color', 'white'), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:draw', 'color', 'white'), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'labelColor', 'white'), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'labelColor', 'yellow'), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:text', 'color', 'red'), 'ben')).toBe(true)
    expect(await attempt('participant', setProp('shape:anna', 'color', 'green'), 'ben')).toBe(true)
  })

  it('far: Ben moves Anna’s Zettel around the template, not off into the distance nor onto another page', async () => {
    await relay.board([annasNote(), annasNote('shape:far', 30_000, 30_000, 'weit weg')])
    expect(await attempt('participant', set('shape:anna', 'x', 2_000), 'ben')).toBe(true)
    expect(await attempt('participant', set('shape:anna', 'x', 1_000_000), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => d.transact(() => { set('shape:anna', 'x', -50_000)(d); set('shape:anna', 'y', -50_000)(d) }), 'ben')).toBe(false)
    // Step by step: each step must stay within reach too.
    let x = 2_000
    let refusedAt = 0
    for (let step = 0; step < 20 && refusedAt === 0; step++) if (!(await attempt('participant', set('shape:anna', 'x', (x += 1_000)), 'ben'))) refusedAt = x
    expect(refusedAt).toBeGreaterThan(0)
    expect(refusedAt).toBeLessThan(15_000)
    // One Anna put far away herself is brought nearer by anyone, not farther.
    expect(await attempt('participant', set('shape:far', 'x', 40_000), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:far', 'x', 20_000), 'ben')).toBe(true)
    // Another page Ben made.
    const page = { id: 'page:bens', typeName: 'page', name: 'Bens Seite', index: 'a9', meta: by('ben') }
    expect(await attempt('participant', (d) => putRecords(d, [page]), 'ben')).toBe(true)
    expect(await attempt('participant', set('shape:anna', 'parentId', 'page:bens'), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:anna', 'parentId', 'page:bens'), 'anna')).toBe(true)
  })

  it('hidden through a parent: Ben’s frame or group around Anna’s Zettel does not clip, fade or carry it away', async () => {
    await relay.board([annasNote(), annasNote('shape:inside', 300, 300, 'im Rahmen')])
    expect(await attempt('participant', (d) => putRecords(d, [frame('shape:bens', 'ben'), frame('shape:tiny', 'ben', { w: 1, h: 1 })]), 'ben')).toBe(true)
    // Clustering into a frame of his: open.
    expect(await attempt('participant', (d) => d.transact(() => { set('shape:inside', 'parentId', 'shape:bens')(d); set('shape:inside', 'x', 100)(d); set('shape:inside', 'y', 100)(d) }), 'ben')).toBe(true)
    // Into a frame one pixel wide: clipped to nothing.
    expect(await attempt('participant', (d) => d.transact(() => { set('shape:anna', 'parentId', 'shape:tiny')(d); set('shape:anna', 'x', 0)(d); set('shape:anna', 'y', 0)(d) }), 'ben')).toBe(false)
    // Inside his frame, but outside what it shows.
    expect(await attempt('participant', set('shape:inside', 'x', 5_000), 'ben')).toBe(false)
    // His own frame made tiny, faint or sent away, with Anna's Zettel in it.
    expect(await attempt('participant', setProp('shape:bens', 'w', 2), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:bens', 'opacity', 0), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:bens', 'x', 900_000), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:bens', 'x', 500), 'ben')).toBe(true)
    // A faint group made around her Zettel in one update.
    const group = { ...base, id: 'shape:group', type: 'group', x: 0, y: 0, opacity: 0.05, meta: by('ben'), props: {} }
    expect(await attempt('participant', (d) => d.transact(() => { putRecords(d, [group]); set('shape:anna', 'parentId', 'shape:group')(d) }), 'ben')).toBe(false)
    // Two frames deep: the outer one fades the inner one's Zettel.
    expect(await attempt('participant', (d) => d.transact(() => { putRecords(d, [frame('shape:outer', 'ben', { w: 2000, h: 2000 })]); set('shape:bens', 'parentId', 'shape:outer')(d) }), 'ben')).toBe(true)
    expect(await attempt('participant', set('shape:outer', 'opacity', 0.1), 'ben')).toBe(false)
    // The facilitator may; so may Ben with protection off.
    expect(await attempt('facilitator', set('shape:outer', 'opacity', 0.1))).toBe(true)
    expect(await attempt('facilitator', (d) => facilitationMap(d).set(protectionKey, { othersNotes: false }))).toBe(true)
    expect(await attempt('participant', set('shape:anna', 'opacity', 0), 'ben')).toBe(true)
  })

  it('hostile variants: restyle with a move in one update, deleted and written again faint, two updates racing', async () => {
    await relay.board([annasNote()])
    expect(await attempt('participant', (d) => d.transact(() => { set('shape:anna', 'x', 800)(d); setProp('shape:anna', 'color', 'blue')(d); set('shape:anna', 'opacity', 0.2)(d) }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => d.transact(() => { getRecordsMap(d).delete('shape:anna'); putRecords(d, [{ ...annasNote(), opacity: 0 }]) }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => d.transact(() => { getRecordsMap(d).delete('shape:anna'); putRecords(d, [{ ...annasNote(), x: 600_000 }]) }), 'ben')).toBe(false)
    // A whole new props map with a tiny scale.
    expect(await attempt('participant', (d) => {
      const fresh = new Y.Map<unknown>()
      for (const [k, v] of Object.entries({ ...annasNote().props, scale: 0.001 })) fresh.set(k, v)
      record(d, 'shape:anna').set('props', fresh)
    }, 'ben')).toBe(false)
    expect(relay.stored('shape:anna')).toMatchObject({ opacity: 1, x: 400, props: { scale: 1 } })
  })
})

describe('drawings, images and lists under „Zettel anderer schützen“', () => {
  const relay = protectedRoom()
  const { attempt, props, record } = relay
  const setProp = (id: string, key: string, value: unknown) => (d: Y.Doc) => props(d, id).set(key, value)

  it('a drawing’s lines are what its author drew: Ben does not redraw, extend, close or swap them', async () => {
    await relay.board([drawing('shape:draw', 'anna'), drawing('shape:mark', 'anna', 'AAAAAAAAAAAAAAAAAAAAAA', 'highlight')])
    expect(await attempt('participant', setProp('shape:draw', 'segments', [{ type: 'free', path: 'BBBBBBBBBBBBBBBBBBBBBB' }]), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:draw', 'segments', [{ type: 'free', path: 'AAAAAAAAAAAAAAAAAAAAAA' }, { type: 'straight', path: 'CCCCCCCCCCCCCCCCCCCCCC' }]), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:draw', 'segments', []), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:draw', 'isClosed', true), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:mark', 'segments', [{ type: 'free', path: 'BBBBBBBBBBBBBBBBBBBBBB' }]), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => d.transact(() => { getRecordsMap(d).delete('shape:draw'); putRecords(d, [drawing('shape:draw', 'anna', 'DDDDDDDDDDDDDDDDDDDDDD')]) }), 'ben')).toBe(false)
    // Same lines, other colour, moved: open; Anna redraws her own.
    expect(await attempt('participant', (d) => d.transact(() => { setProp('shape:draw', 'color', 'red')(d); record(d, 'shape:draw').set('x', 650) }), 'ben')).toBe(true)
    expect(await attempt('participant', setProp('shape:draw', 'segments', [{ type: 'free', path: 'EEEEEEEEEEEEEEEEEEEEEE' }]), 'anna')).toBe(true)
  })

  it('an image shows what its uploader put there: Ben changes neither her asset nor which asset, crop or alt text her image has', async () => {
    await relay.board([asset('asset:annas', 'anna', annasAsset), image('shape:img', 'anna', 'asset:annas')])
    expect(await attempt('participant', (d) => putRecords(d, [asset('asset:bens', 'ben', bensAsset)]), 'ben')).toBe(true)
    expect(await attempt('participant', setProp('asset:annas', 'src', bensAsset), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('asset:annas', 'w', 1), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => (record(d, 'asset:annas').get('meta') as Y.Map<unknown>).set(authorMetaKey, 'ben'), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => d.transact(() => { getRecordsMap(d).delete('asset:annas'); putRecords(d, [asset('asset:annas', 'ben', bensAsset)]) }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => d.transact(() => { getRecordsMap(d).delete('asset:annas'); putRecords(d, [asset('asset:annas', 'anna', bensAsset)]) }), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:img', 'assetId', 'asset:bens'), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:img', 'crop', { topLeft: { x: 0, y: 0 }, bottomRight: { x: 0.01, y: 0.01 } }), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:img', 'altText', 'ein leeres Blatt'), 'ben')).toBe(false)
    // An asset signed as someone else's is not made.
    expect(await attempt('participant', (d) => putRecords(d, [asset('asset:forged', 'anna', bensAsset)]), 'ben')).toBe(false)
    // Anna, the facilitator, and moving her image: open.
    expect(await attempt('participant', setProp('asset:annas', 'name', 'pinnwand.png'), 'anna')).toBe(true)
    expect(await attempt('facilitator', setProp('asset:annas', 'src', bensAsset))).toBe(true)
    expect(await attempt('participant', (d) => record(d, 'shape:img').set('x', 950), 'ben')).toBe(true)
    expect(relay.stored('shape:img')?.props).toMatchObject({ assetId: 'asset:annas', crop: null })
  })

  it('an asset from before authors were kept belongs to whoever may change the images that show it', async () => {
    await relay.board([asset('asset:old', undefined, annasAsset), image('shape:img', 'anna', 'asset:old'), asset('asset:unused', undefined, annasAsset)])
    expect(await attempt('participant', setProp('asset:old', 'src', bensAsset), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => (record(d, 'asset:old').get('meta') as Y.Map<unknown>).set(authorMetaKey, 'ben'), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('asset:old', 'src', bensAsset), 'anna')).toBe(true)
    // No image shows it: it shows nobody anything.
    expect(await attempt('participant', setProp('asset:unused', 'src', bensAsset), 'ben')).toBe(true)
  })

  it('an ordered list’s numbers are what people read: Ben does not renumber Anna’s list', async () => {
    const list = (attrs?: Record<string, unknown>, nested?: Record<string, unknown>) => ({
      type: 'doc',
      content: [{
        type: 'orderedList', ...(attrs ? { attrs } : {}),
        content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'erstens' }] }, ...(nested ? [{ type: 'orderedList', attrs: nested, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'unterpunkt' }] }] }] }] : [])] }],
      }],
    })
    await relay.board([{ ...annasNote(), props: { ...annasNote().props, richText: list(undefined, { start: 1 }) } }])
    // Her text as a JSON value, as a format 2 browser writes it: Ben's whole-text writes are judged
    // against it (over her Y.Text any is a replacement, refused; edits inside one: richTextJudged.test.ts).
    expect(await attempt('participant', setProp('shape:anna', 'richText', list(undefined, { start: 1 })), 'anna')).toBe(true)
    expect(await attempt('participant', setProp('shape:anna', 'richText', list({ start: 7 }, { start: 1 })), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'richText', list({ start: '7' }, { start: 1 })), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'richText', list(undefined, { start: 3 })), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'richText', list({ start: 1, type: 'a' }, { start: 1 })), 'ben')).toBe(false)
    // How tiptap writes the defaults is no change.
    expect(await attempt('participant', setProp('shape:anna', 'richText', list({ start: 1, type: null }, { start: 1 })), 'ben')).toBe(true)
    expect(await attempt('participant', setProp('shape:anna', 'richText', list({ start: 7 })), 'anna')).toBe(true)
  })
})

describe('more hostile variants, each refused', () => {
  const relay = protectedRoom()
  const { attempt, props, record, send } = relay
  const setProp = (id: string, key: string, value: unknown) => (d: Y.Doc) => props(d, id).set(key, value)
  const freshProps = (id: string, values: Record<string, unknown>) => (d: Y.Doc) => {
    const fresh = new Y.Map<unknown>()
    for (const [k, v] of Object.entries(values)) fresh.set(k, v)
    record(d, id).set('props', fresh)
  }
  /** Ben's value beside the stored one, under a client id higher than any: the one Yjs keeps. */
  const racing = (map: Y.Map<unknown>, key: string, value: unknown) => {
    const item = map._map.get(key)!.id
    return encodeV1([{ client: 0xfffffff0, clock: 0, structs: [{ origin: [item.client, item.clock], content: { any: [value] } }] }])
  }

  it('hiding: a racing opacity, a frame shrunk as her Zettel goes in, a frame carried to another page, the template moved along', async () => {
    await relay.board([annasNote(), { ...annasNote('shape:second', 900, 500, 'zweiter') }])
    expect(await send('participant', racing(relay.record(relay.room.doc, 'shape:anna'), 'opacity', 0), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => putRecords(d, [frame('shape:bens', 'ben')]), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => d.transact(() => { record(d, 'shape:anna').set('parentId', 'shape:bens'); record(d, 'shape:anna').set('x', 10); record(d, 'shape:anna').set('y', 10); setProp('shape:bens', 'w', 5)(d) }), 'ben')).toBe(false)
    // Nested clip: her Zettel in his group in his frame, the group placed outside what the frame shows.
    const group = { ...base, id: 'shape:group', type: 'group', parentId: 'shape:bens', x: 3_000, y: 3_000, meta: by('ben'), props: {} }
    expect(await attempt('participant', (d) => d.transact(() => { putRecords(d, [group]); record(d, 'shape:second').set('parentId', 'shape:group'); record(d, 'shape:second').set('x', 0); record(d, 'shape:second').set('y', 0) }), 'ben')).toBe(false)
    // His frame, with her Zettel clustered in it, onto a page of his.
    expect(await attempt('participant', (d) => d.transact(() => { record(d, 'shape:anna').set('parentId', 'shape:bens'); record(d, 'shape:anna').set('x', 10); record(d, 'shape:anna').set('y', 10) }), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => putRecords(d, [{ id: 'page:bens', typeName: 'page', name: 'Bens', index: 'a9', meta: by('ben') }]), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => record(d, 'shape:bens').set('parentId', 'page:bens'), 'ben')).toBe(false)
    // While the facilitator has unlocked the template: a cell moved far and her Zettel with it, in one update.
    expect(await attempt('facilitator', (d) => writeScaffoldState(d, { unlocked: true }))).toBe(true)
    const cell = [...getRecordsMap(relay.room.doc).keys()].find((id) => (relay.stored(id)?.meta as Record<string, { kind?: string }>)?.netzwerkstatt?.kind === 'cell')!
    expect(await attempt('participant', (d) => d.transact(() => { record(d, cell).set('x', 200_000); record(d, 'shape:second').set('x', 200_000) }), 'ben')).toBe(false)
    expect(relay.stored('shape:anna')).toMatchObject({ parentId: 'shape:bens', opacity: 1 })
  })

  it('images: a racing src, a fresh props map, her asset unsigned, her unused asset deleted', async () => {
    await relay.board([asset('asset:annas', 'anna', annasAsset), image('shape:img', 'anna', 'asset:annas'), asset('asset:spare', 'anna', annasAsset)])
    expect(await send('participant', racing(props(relay.room.doc, 'asset:annas'), 'src', bensAsset), 'ben')).toBe(false)
    expect(await attempt('participant', freshProps('asset:annas', { ...asset('asset:annas', 'anna', bensAsset).props }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => (record(d, 'asset:annas').get('meta') as Y.Map<unknown>).delete(authorMetaKey), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => getRecordsMap(d).delete('asset:spare'), 'ben')).toBe(false)
    // Her image pointed at a new asset of his made in the same update.
    expect(await attempt('participant', (d) => d.transact(() => { putRecords(d, [asset('asset:new', 'ben', bensAsset)]); setProp('shape:img', 'assetId', 'asset:new')(d) }), 'ben')).toBe(false)
    expect(relay.stored('asset:annas')?.props).toMatchObject({ src: annasAsset })
  })

  it('drawings: a racing stroke, a fresh props map, turned into a line, a line’s points moved', async () => {
    const line = { ...base, id: 'shape:line', type: 'line', x: 100, y: 100, meta: by('anna'), props: { color: 'black', dash: 'draw', size: 'm', spline: 'line', points: { a1: { id: 'a1', index: 'a1', x: 0, y: 0 }, a2: { id: 'a2', index: 'a2', x: 100, y: 100 } }, scale: 1 } }
    await relay.board([drawing('shape:draw', 'anna'), line])
    expect(await send('participant', racing(props(relay.room.doc, 'shape:draw'), 'segments', [{ type: 'free', path: 'ZZZZZZZZZZZZZZZZZZZZZZ' }]), 'ben')).toBe(false)
    expect(await attempt('participant', freshProps('shape:draw', { ...drawing('shape:draw', 'anna', 'YYYYYYYYYYYYYYYYYYYYYY').props }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => d.transact(() => { record(d, 'shape:draw').set('type', 'line'); record(d, 'shape:draw').set('props', (() => { const m = new Y.Map<unknown>(); for (const [k, v] of Object.entries(line.props)) m.set(k, v); return m })()) }), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:line', 'points', { ...line.props.points, a2: { id: 'a2', index: 'a2', x: 500, y: -300 } }), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:line', 'color', 'blue'), 'ben')).toBe(true)
  })

  it('numbering: a start moved from one list to the one inside it, bullets made numbers, numbers made bullets, a racing start', async () => {
    const item = (text: string, inner: unknown[] = []) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }, ...inner] })
    const ordered = (start: number | undefined, items: unknown[]) => ({ type: 'orderedList', ...(start === undefined ? {} : { attrs: { start } }), content: items })
    const bullets = (items: unknown[]) => ({ type: 'bulletList', content: items })
    const nested = (outer: number | undefined, inner: number | undefined) => ({ type: 'doc', content: [ordered(outer, [item('eins', [ordered(inner, [item('innen')])])])] })
    await relay.board([{ ...annasNote(), props: { ...annasNote().props, richText: nested(7, 1) } }, { ...annasNote('shape:bullets', 900, 500), props: { ...annasNote().props, richText: { type: 'doc', content: [bullets([item('eins'), item('zwei')])] } } }])
    // Her texts as JSON values, as a format 2 browser writes them (see the list test above).
    expect(await attempt('participant', (d) => d.transact(() => { setProp('shape:anna', 'richText', nested(7, 1))(d); setProp('shape:bullets', 'richText', { type: 'doc', content: [bullets([item('eins'), item('zwei')])] })(d) }), 'anna')).toBe(true)
    expect(await attempt('participant', setProp('shape:anna', 'richText', nested(1, 7)), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'richText', nested(0, 1)), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:bullets', 'richText', { type: 'doc', content: [ordered(undefined, [item('eins'), item('zwei')])] }), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'richText', { type: 'doc', content: [bullets([item('eins', [ordered(1, [item('innen')])])])] }), 'ben')).toBe(false)
    expect(await send('participant', racing(props(relay.room.doc, 'shape:anna'), 'richText', nested(8, 1)), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:anna', 'richText', nested(7, undefined)), 'ben')).toBe(true)
  })
})

describe('a hostile client’s further tries, each refused', () => {
  const relay = protectedRoom()
  const { attempt, props, record } = relay
  const set = (id: string, key: string, value: unknown) => (d: Y.Doc) => record(d, id).set(key, value)
  const setProp = (id: string, key: string, value: unknown) => (d: Y.Doc) => props(d, id).set(key, value)

  it('turned: Ben does not rotate Anna’s Zettel out of the frame that shows it, nor turn his frame to carry it off', async () => {
    await relay.board([annasNote(), annasNote('shape:two', 900, 500, 'zwei')])
    expect(await attempt('participant', (d) => putRecords(d, [frame('shape:bens', 'ben', { w: 2_000, h: 2_000 }), frame('shape:huge', 'ben', { x: -4_000, y: -4_000, w: 10_000, h: 10_000 })]), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => d.transact(() => { set('shape:anna', 'parentId', 'shape:bens')(d); set('shape:anna', 'x', 0)(d); set('shape:anna', 'y', 0)(d) }), 'ben')).toBe(true)
    // tldraw turns a shape about its top-left corner: half a turn lays it outside the frame.
    expect(await attempt('participant', set('shape:anna', 'rotation', Math.PI), 'ben')).toBe(false)
    // A turn that keeps it inside is open: a turned Zettel is still read.
    expect(await attempt('participant', set('shape:anna', 'rotation', 0.2), 'ben')).toBe(true)
    // In his huge frame near its far corner, then the frame turned half about its own corner: 13,000 px off.
    expect(await attempt('participant', (d) => d.transact(() => { set('shape:two', 'parentId', 'shape:huge')(d); set('shape:two', 'x', 9_000)(d); set('shape:two', 'y', 9_000)(d) }), 'ben')).toBe(true)
    expect(await attempt('participant', set('shape:huge', 'rotation', Math.PI), 'ben')).toBe(false)
    expect(relay.stored('shape:anna')).toMatchObject({ rotation: 0.2 })
    expect(relay.stored('shape:huge')).toMatchObject({ rotation: 0 })
  })

  it('another kind of shape: Ben does not turn Anna’s Zettel into a geo two pixels wide with her words in it', async () => {
    await relay.board([annasNote()])
    const asTinyGeo = (d: Y.Doc) => d.transact(() => {
      set('shape:anna', 'type', 'geo')(d)
      const pr = props(d, 'shape:anna')
      for (const key of [...pr.keys()]) pr.delete(key)
      for (const [k, v] of Object.entries({ geo: 'rectangle', w: 2, h: 2, dash: 'draw', growY: 0, url: '', fill: 'none', color: 'black', labelColor: 'black', size: 's', font: 'draw', align: 'middle', verticalAlign: 'middle', richText: toRichText('nicht einverstanden'), scale: 1, flipX: false, flipY: false })) pr.set(k, v)
    })
    expect(await attempt('participant', asTinyGeo, 'ben')).toBe(false)
    expect(await attempt('participant', asTinyGeo, 'anna')).toBe(true)
  })

  it('words coloured like their ground: Ben does not fill Anna’s box with the colour of her words', async () => {
    await relay.board([{ ...base, id: 'shape:geo', type: 'geo', x: 0, y: 1200, meta: by('anna'), props: { geo: 'rectangle', dash: 'draw', url: '', w: 300, h: 200, growY: 0, scale: 1, flipX: false, flipY: false, labelColor: 'black', color: 'blue', fill: 'none', size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle', richText: toRichText('Anna') } }])
    // tldraw draws a geo's words in its label colour's solid, and `fill: 'fill'` in the same colour.
    expect(await attempt('participant', (d) => d.transact(() => { setProp('shape:geo', 'color', 'black')(d); setProp('shape:geo', 'fill', 'fill')(d) }), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:geo', 'fill', 'fill'), 'ben')).toBe(true)
    expect(await attempt('participant', setProp('shape:geo', 'color', 'black'), 'ben')).toBe(false)
    expect(await attempt('participant', setProp('shape:geo', 'color', 'red'), 'ben')).toBe(true)
  })

  it('behind the template: Ben does not send Anna’s Zettel, or his frame around it, below the template’s cells, which are opaque and locked', async () => {
    await relay.board([annasNote(), annasNote('shape:two', 900, 500, 'zwei')])
    const templateIndices = [...getRecordsMap(relay.room.doc).keys()].filter((id) => (relay.stored(id)?.meta as Record<string, unknown>)?.netzwerkstatt).map((id) => String(relay.stored(id)!.index)).sort()
    const bottom = getIndexBelow(templateIndices[0] as IndexKey)
    expect(await attempt('participant', set('shape:anna', 'index', bottom), 'ben')).toBe(false)
    // His frame put at the bottom, then her Zettel clustered into it; or the frame sent down with her Zettel in it.
    expect(await attempt('participant', (d) => putRecords(d, [{ ...frame('shape:low', 'ben', { w: 2_000, h: 2_000 }), index: bottom }, frame('shape:high', 'ben', { w: 2_000, h: 2_000 })]), 'ben')).toBe(true)
    expect(await attempt('participant', (d) => d.transact(() => { set('shape:anna', 'parentId', 'shape:low')(d) }), 'ben')).toBe(false)
    expect(await attempt('participant', set('shape:two', 'parentId', 'shape:high'), 'ben')).toBe(true)
    expect(await attempt('participant', set('shape:high', 'index', bottom), 'ben')).toBe(false)
    // Above the template, the order among Zettel is open; Anna sends her own where she likes.
    expect(await attempt('participant', set('shape:anna', 'index', getIndexAbove(templateIndices.at(-1) as IndexKey)), 'ben')).toBe(true)
    expect(await attempt('participant', set('shape:anna', 'index', bottom), 'anna')).toBe(true)
  })

  it('meta: Ben does not mark Anna’s Zettel as one the facilitator’s small-group draw made, which the next draw deletes', async () => {
    await relay.board([annasNote()])
    const meta = (d: Y.Doc) => record(d, 'shape:anna').get('meta') as Y.Map<unknown>
    expect(await attempt('participant', (d) => meta(d).set('drawnForGroups', 'planspiel-1'), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => meta(d).set('carriedFrom', { board: 'x', note: 'y' }), 'ben')).toBe(false)
    expect(await attempt('participant', (d) => meta(d).set('drawnForGroups', 'planspiel-1'), 'anna')).toBe(true)
    expect(await attempt('participant', (d) => meta(d).delete('drawnForGroups'), 'ben')).toBe(false)
    expect(relay.stored('shape:anna')?.meta).toMatchObject({ drawnForGroups: 'planspiel-1' })
  })
})
