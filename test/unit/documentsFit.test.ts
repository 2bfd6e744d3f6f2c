/**
 * Documents fit to send: a template nobody wrote in has no table (nor a count) in the Dokumentation; no
 * Markdown line renders as an empty row; Zettel written on a PDF's pages on the board are listed
 * under that document's name; a Kleingruppe collected by a board older than `collectedFrom` (a
 * frame named like the group's page) still appears once, named.
 */
import { toRichText, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { markdownTable } from '../../shared/results/export.ts'
import { build, noteAt, noteInCell } from './templates/helpers.ts'

const frame = (id: string, name: string, x: number, y: number, w: number, h: number, parentId = 'page:page', meta: object = {}) =>
  ({ id, typeName: 'shape', type: 'frame', parentId, index: 'a5', x, y, rotation: 0, isLocked: false, opacity: 1, props: { w, h, name, color: 'black' }, meta }) as unknown as TLShape

describe('documents fit to send', () => {
  it('shows no table for a template nobody wrote in, and the tables of the one written in', () => {
    const written = build('statusbericht', {}).shapes
    const empty = build('zielsystem', {}, 'de', { x: 0, y: 9000 }).shapes
    const records = [...written, noteInCell(written, 'ergebnis:cell:ergebnis:erreicht', 'Zwölf Träger haben unterschrieben'), ...empty]
    const md = dokumentationMarkdown(dokumentation({ id: 'b', title: 'Steuerungsgruppe' }, records, {}, '2026-11-26'), 'de')
    expect(md).toContain('## Statusbericht')
    expect(md).toContain('## Zielsystem\n\nNoch keine Einträge.')
    expect(md.slice(md.indexOf('## Zielsystem')).split(/\n## /)[0]).not.toContain('|')
    // Asked for a blank form to fill in by hand: then its tables are there.
    expect(dokumentationMarkdown(dokumentation({ id: 'b', title: 'S' }, records, {}, '2026-11-26', { emptyTables: true }), 'de')).toContain('### Ziele und Aktivitäten')
  })

  it('writes no Markdown line whose every cell is blank', () => {
    const lines = markdownTable(['Was', 'Wer'], [[['Räume anfragen', '  '], ['Frau Öztürk', '']], [[' '], ['']]])
    expect(lines).toEqual(['| Was | Wer |', '| --- | --- |', '| Räume anfragen | Frau Öztürk |'])
  })

  it('writes a table row as one Markdown line, several Zettel of a cell as bullets on lines of their own', () => {
    const lines = markdownTable(
      ['Bedarf', 'Beteiligte Partner', 'Wen noch einbeziehen?'],
      [
        [['(Wieder-)Einstieg'], ['Jobcenter', 'Jugendamt', ' ', 'Beratungsstellen'], ['Alleinerziehendenberatung']],
        [['Kinderbetreuung: Plätze und Randzeiten'], [], ['Kinderbetreuungseinrichtungen', 'Kindertagespflege | Tagesmütter']],
      ],
    )
    expect(lines).toEqual([
      '| Bedarf | Beteiligte Partner | Wen noch einbeziehen? |',
      '| --- | --- | --- |',
      '| (Wieder-)Einstieg | • Jobcenter<br>• Jugendamt<br>• Beratungsstellen | Alleinerziehendenberatung |',
      '| Kinderbetreuung: Plätze und Randzeiten |  | • Kinderbetreuungseinrichtungen<br>• Kindertagespflege &#124; Tagesmütter |',
    ])
  })

  it('names the Zettel written on a PDF’s pages after the document', () => {
    const doc = frame('shape:doc', 'Kooperationsvertrag Entwurf', 5000, 0, 1700, 1200)
    const page = { id: 'shape:p1', typeName: 'shape', type: 'image', parentId: 'shape:doc', index: 'a1', x: 40, y: 40, rotation: 0, isLocked: true, opacity: 1, props: { w: 800, h: 1100, assetId: null }, meta: {} } as unknown as TLShape
    const onIt = noteAt(5300, 300, '§ 4 Kündigungsfrist klären')
    const elsewhere = noteAt(-2000, 0, 'Kaffee bestellen')
    const md = dokumentationMarkdown(dokumentation({ id: 'b', title: 'Treffen' }, [doc, page, onIt, elsewhere], {}, '2026-11-26'), 'de')
    expect(md).toContain('## Zettel auf dem Dokument „Kooperationsvertrag Entwurf“\n\n- § 4 Kündigungsfrist klären')
    expect(md).toContain('## Weitere Zettel\n\n- Kaffee bestellen')
    expect(md.split('§ 4 Kündigungsfrist klären').length - 1).toBe(1)
  })

  it('names a group collected before frames named their page, by the frame’s name, and shows it once', () => {
    const onPage = build('statusbericht', {}).shapes.map((s) => (s.parentId === 'page:page' ? { ...s, parentId: 'page:blau' } : s)) as TLShape[]
    const original = { ...noteInCell(onPage, 'ergebnis:cell:ergebnis:erreicht', 'Ergebnis Blau'), parentId: 'page:blau' } as TLShape
    const copyFrame = frame('shape:f', 'Gruppe Blau', 0, 0, 4000, 3000, 'page:plenum')
    const heading = { id: 'shape:h', typeName: 'shape', type: 'text', parentId: 'shape:f', index: 'a9', x: 80, y: 80, rotation: 0, isLocked: false, opacity: 1, props: { richText: toRichText('Gruppe Blau'), w: 900, scale: 2, color: 'black', size: 'xl', font: 'sans', textAlign: 'start', autoSize: false }, meta: {} } as unknown as TLShape
    const copy = build('statusbericht', {}).shapes.map((s) => (s.parentId === 'page:page' ? { ...s, parentId: 'shape:f' } : s)) as TLShape[]
    const copied = { ...noteInCell(copy, 'ergebnis:cell:ergebnis:erreicht', 'Ergebnis Blau'), parentId: 'shape:f' } as TLShape
    const pages = [
      { id: 'page:plenum', typeName: 'page', name: 'Plenum', index: 'a1', meta: {} },
      { id: 'page:blau', typeName: 'page', name: 'Gruppe Blau', index: 'a2', meta: {} },
    ]
    const md = dokumentationMarkdown(dokumentation({ id: 'b', title: 'Treffen' }, [...pages, ...onPage, original, copyFrame, heading, ...copy, copied], {}, '2026-11-26'), 'de')
    expect(md).toContain('## Statusbericht · Gruppe Blau')
    expect(md.split('Ergebnis Blau').length - 1).toBe(1)
    // A frame that only shares a page's name, without Zurückholen's heading, is no group: both stay, unnamed.
    const plain = dokumentationMarkdown(dokumentation({ id: 'b', title: 'Treffen' }, [...pages, ...onPage, original, copyFrame, ...copy, copied], {}, '2026-11-26'), 'de')
    expect(plain).not.toContain('Gruppe Blau')
    expect(plain.split('Ergebnis Blau').length - 1).toBe(2)
  })

  it('keeps a Zettel’s own lines in its Markdown cell', () => {
    const lines = markdownTable(['Kategorie', 'Jugendamt'], [[['Recht'], ['Beistandschaft\nSorgerechtsberatung\r\nUmgangsregelung']], [['Kinder'], ['Kita-Plätze\n', 'Tagespflege']]])
    expect(lines.slice(2)).toEqual(['| Recht | Beistandschaft<br>Sorgerechtsberatung<br>Umgangsregelung |', '| Kinder | • Kita-Plätze<br>• Tagespflege |'])
  })

  it('after Zurückholen lists no frame’s heading as a Zettel, and the plenum’s templates before the groups’ results', () => {
    const on = (shapes: TLShape[], parentId: string, index?: string) =>
      shapes.map((s) => (s.parentId === 'page:page' ? { ...s, parentId, ...(index ? { index } : {}) } : s)) as TLShape[]
    const written = (shapes: TLShape[], parentId: string, text: string) => ({ ...noteInCell(shapes, 'ergebnis:cell:ergebnis:erreicht', text), parentId }) as TLShape
    // The plenum's own template, put there before the round (its shapes below the frames Zurückholen puts above everything).
    const plenum = on(build('statusbericht', {}).shapes, 'page:plenum', 'b5')
    const records: unknown[] = [
      { id: 'page:plenum', typeName: 'page', name: 'Plenum', index: 'a1', meta: {} },
      ...plenum,
      written(plenum, 'page:plenum', 'Ergebnis Plenum'),
    ]
    for (const [n, group] of ['Jugendhilfe', 'Arbeit und Bildung'].entries()) {
      const page = `page:g${n}`
      const original = on(build('statusbericht', {}).shapes, page)
      const frameId = `shape:frame${n}`
      const copy = on(build('statusbericht', {}).shapes, frameId)
      const heading = { id: `shape:heading${n}`, typeName: 'shape', type: 'text', parentId: frameId, index: 'a9', x: 80, y: 80, rotation: 0, isLocked: false, opacity: 1, props: { richText: toRichText(group), w: 900, scale: 2, color: 'black', size: 'xl', font: 'sans', textAlign: 'start', autoSize: false }, meta: {} }
      records.push(
        { id: page, typeName: 'page', name: group, index: `a${n + 2}`, meta: {} },
        ...original,
        written(original, page, `Ergebnis ${group}`),
        { ...frame(frameId, group, 0, 0, 4000, 3000, 'page:plenum', { collectedFrom: page }), x: 6000 * (n + 1), index: `c${n + 1}` },
        heading,
        ...copy,
        written(copy, frameId, `Ergebnis ${group}`),
      )
    }
    const doc = dokumentation({ id: 'b', title: 'Treffen' }, records, {}, '2026-11-26')
    expect(doc.otherNotes).toEqual([])
    expect(doc.templates.map((t) => t.title)).toEqual(['Statusbericht', 'Statusbericht · Jugendhilfe', 'Statusbericht · Arbeit und Bildung'])
    expect(dokumentationMarkdown(doc, 'de')).not.toContain('Weitere Zettel')
  })
})
