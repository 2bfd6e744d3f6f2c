/**
 * Netzwerkkarte after H 2.3.2: everything drawn answers a guiding question; after drawing, the
 * map is read for clusters, gaps and who is missing; the labour-market and the family-policy field
 * are marked, with typical partners on their side; and existing bodies (a committee, an alliance)
 * have a symbol of their own.
 */
import type { TLShape } from '@tldraw/tlschema'
import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { actorKinds } from '../../../shared/templates/netzwerkkarte.ts'
import type { Locale } from '../../../shared/locale.ts'
import { arrow, build, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Karte' }
const byKey = (shapes: TLShape[], key: string) => shapes.find((s) => keyOf(s) === key)!

describe('Netzwerkkarte', () => {
  it.each(['de', 'en'] as Locale[])('is valid and free of overlaps (%s)', (locale) => {
    const { plan, shapes } = build('netzwerkkarte', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
  })

  it('asks a guiding question above the maps, and exports it', () => {
    const { shapes } = build('netzwerkkarte', {})
    expect(shapeText(byKey(shapes, 'question'))).toMatch(/^Leitfrage: Wer ist für Alleinerziehende/)
    const asked = build('netzwerkkarte', { question: 'Wer hilft beim Berufseinstieg?' }).shapes
    expect(shapeText(byKey(asked, 'question'))).toBe('Leitfrage: Wer hilft beim Berufseinstieg?')
    expect(exportBoard(board, asked).templates[0].facts).toContainEqual({ label: 'Leitfrage', value: 'Wer hilft beim Berufseinstieg?' })
    expect(byKey(asked, 'question').y).toBeLessThan(byKey(asked, 'head:ist').y)
  })

  it('is read afterwards for clusters, gaps and who is missing', () => {
    const { shapes } = build('netzwerkkarte', {})
    for (const col of ['haeufungen', 'luecken', 'fehlt']) expect(shapes.some((s) => keyOf(s) === `auswertung:cell:auswertung:${col}`)).toBe(true)
    const records = [...shapes, noteInCell(shapes, 'auswertung:cell:auswertung:luecken', 'Kein Kontakt zur Kita')]
    const evaluation = exportBoard(board, records).templates[0].tables.find((t) => t.title === 'Auswertung')!
    expect(evaluation.columns).toEqual(['Auswertung', 'Häufungen', 'Lücken', 'Wer fehlt?'])
    expect(evaluation.rows[0][2]).toEqual(['Kein Kontakt zur Kita'])
    const area = byKey(shapes, 'area:ist')
    expect(byKey(shapes, 'auswertung:cell:auswertung:luecken').y).toBeGreaterThan(area.y)
  })

  it('marks the labour-market and the family-policy field on each map, typical partners on their side', () => {
    const { shapes } = build('netzwerkkarte', { actors: ['Jugendamt', 'Jobcenter', 'Kita-Träger', 'Arbeitgeber', 'Bäckerei Kunz', 'Sportverein'] })
    for (const map of ['ist', 'soll']) {
      expect(shapeText(byKey(shapes, `field:${map}:arbeit`))).toBe('Arbeitsmarktpolitisches Feld')
      expect(shapeText(byKey(shapes, `field:${map}:familie`))).toBe('Familienpolitisches Feld')
    }
    const area = byKey(shapes, 'area:ist')
    const middle = area.x + (area.props as { w: number }).w / 2
    const side = (n: number) => {
      const card = byKey(shapes, `ist:actor:${n}`)
      return card.x + (card.props as { w: number }).w / 2 < middle ? 'arbeit' : 'familie'
    }
    expect([0, 1, 2, 3].map(side)).toEqual(['familie', 'arbeit', 'familie', 'arbeit'])
  })

  it('has a seventh symbol for existing bodies such as a committee or an alliance', () => {
    expect(actorKinds).toHaveLength(7)
    const { shapes } = build('netzwerkkarte', {})
    const legend = byKey(shapes, 'legend:gremium')
    expect(shapeText(legend)).toBe('Bestehendes Gremium, Bündnis')
    expect((legend.props as { geo: string }).geo).toBe('octagon')
    // An octagon someone draws into a map is read as such a body.
    const centre = byKey(shapes, 'ist:centre')
    const drawn = { ...centre, id: 'shape:drawn', x: centre.x + 500, meta: {}, props: { ...centre.props, geo: 'octagon', richText: toRichText('Lokales Bündnis für Familie') } } as TLShape
    const actors = exportBoard(board, [...shapes, drawn]).templates[0].tables.find((t) => t.title === 'Akteure')!
    expect(actors.rows).toContainEqual([['Ist'], ['Lokales Bündnis für Familie'], ['Bestehendes Gremium, Bündnis']])
  })

  // H 2.2.1: the first picture shows the cooperations between the actors and "den Grad der
  // Verbindlichkeit dieser Kooperationen"; the arrow's colour carries it, the export names it.
  it('rates a relation’s Verbindlichkeit by the arrow’s colour, in the legend and in the export', () => {
    const { shapes } = build('netzwerkkarte', { centre: 'Jobcenter', actors: ['Jugendamt', 'Kita-Träger'] })
    expect(shapeText(byKey(shapes, 'legend:relations'))).toContain('Verbindlichkeit')
    const rated = (to: string, color: string) => {
      const [link, ...bindings] = arrow(byKey(shapes, 'ist:centre'), byKey(shapes, to))
      return [{ ...link, props: { ...link.props, color } } as TLShape, ...(bindings as unknown as TLShape[])]
    }
    const records = [...shapes, ...rated('ist:actor:0', 'green'), ...rated('ist:actor:1', 'black')]
    const relations = exportBoard(board, records).templates[0].tables!.find((t) => t.title === 'Beziehungen')!
    expect(relations.columns).toContain('Verbindlichkeit')
    const column = relations.columns.indexOf('Verbindlichkeit')
    expect(relations.rows.map((row) => row[column])).toEqual([['schriftlich vereinbart'], []])
    const en = build('netzwerkkarte', {}, 'en').shapes
    expect(shapeText(byKey(en, 'legend:relations'))).toContain('commitment')
  })
})
