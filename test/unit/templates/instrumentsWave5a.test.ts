/**
 * The fifth wave's first instruments (issue 61, 5): Befragung von Alleinerziehenden und
 * Arbeitgebern (H 5.3.4 and its Anlage, H 2.2.6), Profil der Netzwerkkoordination (H 3.3.2) and
 * Experteninterviews und Gruppendiskussionen (H 2.3.3 and its Anlage): each asks what its source
 * asks, stands in the phase whose chapter holds it, reaches the Dokumentation with its open
 * items, and hands its results on where the source says they flow.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { dokumentation, dokumentationMarkdown } from '../../../shared/results/dokumentation.ts'
import { carryRoutes, planCarry, type CarryRoute, type SourceNote } from '../../../shared/results/carryOver.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { phaseOf, phases } from '../../../shared/templates/phases.ts'
import { templateNames, type TemplateName } from '../../../shared/templates/registry.ts'
import { zielsystemCells as ziele } from '../../../shared/templates/zielsystem.ts'
import type { CellRef } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const fresh = ['befragung', 'koordinationsprofil', 'experteninterviews', 'aufbau'] as TemplateName[]
const board = { id: 'b', title: 'Netzwerk' }

const rowLabels = (shapes: TLShape[], section: string) =>
  shapes
    .filter((s) => keyOf(s)?.startsWith(`${section}:row:`) && !keyOf(s)!.endsWith(':prompt'))
    .sort((a, b) => a.y - b.y)
    .map((s) => shapeText(s))
const textOf = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!) ?? ''

describe('the new instruments as made', () => {
  it('are in the registry, each once in the phase of its handbook chapter', () => {
    for (const name of fresh) expect(templateNames).toContain(name)
    expect(phaseOf('experteninterviews')?.id).toBe('vorStart') // H 2.3.3
    expect(phaseOf('koordinationsprofil')?.id).toBe('gruendung') // H 3.3.2
    expect(phaseOf('befragung')?.id).toBe('dienstleistungskette') // H 5.3.4
    expect(phaseOf('aufbau')?.id).toBe('zieleArchitektur') // H 4.3.1
    // In H's order: 2.3.2 before 2.3.3, 3.3.1 before 3.3.2, 5.3.3 before 5.3.4 before 5.3.5.
    const order = (id: string) => phases.find((p) => p.id === id)!.methods
    expect(order('vorStart').indexOf('experteninterviews')).toBe(order('vorStart').indexOf('netzwerkkarte') + 1)
    expect(order('gruendung').indexOf('koordinationsprofil')).toBe(order('gruendung').indexOf('koordination') + 1)
    expect(order('dienstleistungskette').indexOf('befragung')).toBe(order('dienstleistungskette').indexOf('oeffentlichkeitsarbeit') + 1)
  })

  for (const name of fresh)
    it.each([
      [{}, 'de'],
      [{}, 'en'],
      [{ date: '2027-03-02' }, 'de'],
    ] as [unknown, Locale][])(`${name}: a valid layout without overlaps for %j (%s)`, (options, locale) => {
      const { plan, shapes } = build(name, options, locale)
      validate(shapes)
      expect(overlappingPairs(plan)).toEqual([])
      expect(shapes.every((s) => s.isLocked)).toBe(true)
    })
})

describe('Befragung von Alleinerziehenden und Arbeitgebern (H 5.3.4, Anlage; H 2.2.6)', () => {
  it('asks first who carries it out, how single parents take part („mit“, not „für“), their worries and the use of the results', () => {
    const { shapes } = build('befragung', {})
    expect(rowLabels(shapes, 'vorab')).toEqual(['Wer führt sie durch?', 'Mit den Alleinerziehenden', 'Hindernisse und Befürchtungen', 'Nutzung der Ergebnisse'])
    expect(textOf(shapes, 'vorab:row:durchfuehrung:prompt')).toMatch(/Hochschule/)
    expect(textOf(shapes, 'vorab:row:mit:prompt')).toMatch(/Alleinerziehende selbst mit/)
  })

  it('settles the Anlage’s cornerstones, then evaluates neutrally and judges with all partners', () => {
    const { shapes } = build('befragung', {})
    expect(rowLabels(shapes, 'eckpunkte')).toEqual(['Wen befragen wir?', 'Wozu?', 'Themenfelder', 'Methode', 'Aufbau', 'Pretest'])
    expect(textOf(shapes, 'eckpunkte:row:zielgruppe:prompt')).toMatch(/Teilgruppe[^]*Arbeitgeber/)
    expect(textOf(shapes, 'eckpunkte:row:methode:prompt')).toMatch(/Fragebogen[^]*Rücklauf/)
    expect(textOf(shapes, 'eckpunkte:row:aufbau:prompt')).toMatch(/anonym/)
    expect(rowLabels(shapes, 'auswertung')).toEqual(['Auswertung', 'Was folgt daraus?', 'Veröffentlichen?'])
    expect(textOf(shapes, 'auswertung:row:bewertung:prompt')).toMatch(/gemeinsam mit allen Partnern/)
    expect(exportBoard(board, shapes).templates[0].tables.map((t) => t.title)).toEqual(['Vorab klären', 'Auswertung und Bewertung', 'Eckpunkte der Befragung'])
  })

  it('lists a question someone is to settle among the Dokumentation’s open items until „Geklärt?“ holds a date', () => {
    const { shapes } = build('befragung', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'eckpunkte:cell:pretest:wer', 'Frauen- und Mütterzentrum'),
      noteInCell(shapes, 'eckpunkte:cell:pretest:bisWann', '15.4.2027'),
      noteInCell(shapes, 'vorab:cell:durchfuehrung:wer', 'Koordination'),
      noteInCell(shapes, 'vorab:cell:durchfuehrung:bisWann', 'März'),
      noteInCell(shapes, 'vorab:cell:durchfuehrung:geklaert', '2.3.2027'),
    ]
    const doc = dokumentation(board, records, {}, '2027-03-02')
    expect(doc.openItems.map((item) => [item.what, item.who])).toEqual([[['Pretest'], ['Frauen- und Mütterzentrum']]])
    expect(dokumentationMarkdown(doc, 'de')).toMatch(/Befragung von Alleinerziehenden und Arbeitgebern/)
  })
})

describe('Profil der Netzwerkkoordination (H 3.3.2)', () => {
  it('holds the handbook’s tasks, its skills and the two ways to place the coordination, each against what is there and what is missing', () => {
    const { shapes } = build('koordinationsprofil', {})
    expect(rowLabels(shapes, 'aufgaben')).toEqual(['Fachlich-inhaltliche Arbeit', 'Steuerung', 'Information und Kommunikation im Netzwerk', 'Öffentlichkeitsarbeit', 'Dokumentation'])
    expect(textOf(shapes, 'aufgaben:row:fachlich:prompt')).toMatch(/Leistungsketten/)
    expect(rowLabels(shapes, 'kompetenzen')).toHaveLength(8)
    expect(textOf(shapes, 'kompetenzen:row:lokal:prompt')).toMatch(/Kräfteverhältnisse[^]*anerkannt/)
    expect(rowLabels(shapes, 'ansiedlung')).toEqual(['Eine Person bei einer Organisation', 'Von mehreren Organisationen getragen'])
    expect(textOf(shapes, 'ansiedlung:row:einePerson:prompt')).toMatch(/Geschäftsführung[^]*Mittel/)
    const [profile] = exportBoard(board, [...shapes, noteInCell(shapes, 'kompetenzen:cell:verhandlung:fehlt', 'Fortbildung Konfliktmoderation')]).templates
    expect(profile!.tables.find((t) => t.title === 'Kompetenzen und Fähigkeiten')!.columns).toEqual(['Kompetenzen und Fähigkeiten', 'Was ist da?', 'Was fehlt, wie ergänzen?'])
  })
})

describe('Experteninterviews und Gruppendiskussionen (H 2.3.3, Anlage)', () => {
  it('prepares the talks as the Anlage does, plans them one per row and evaluates them side by side', () => {
    const { shapes } = build('experteninterviews', {})
    expect(rowLabels(shapes, 'vorbereitung')).toEqual(['Eigene Vorarbeit', 'Leitfragen', 'Wer ist Expertin, Experte?', 'Umgang mit dem Gesagten'])
    expect(textOf(shapes, 'vorbereitung:row:vereinbarung:prompt')).toMatch(/anonymisiert/)
    expect(textOf(shapes, 'intro')).toMatch(/Gremium/)
    expect(rowLabels(shapes, 'gespraeche')).toEqual(['1', '2', '3', '4'])
    expect(rowLabels(shapes, 'auswertung')).toEqual(['Wissen über die Zielgruppe', 'Sichtweisen, Ziele und Wünsche der Akteure', 'Wo Konsens möglich ist, wie Kompromisse entstehen'])
    const grown = grow(shapes, 'addTalk').next
    expectTidy(grown)
    expect(grown.some((s) => keyOf(s) === 'gespraeche:cell:g5:mit')).toBe(true)
  })

  it('keeps a talk open until it is held and written up', () => {
    const { shapes } = build('experteninterviews', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'gespraeche:cell:g1:mit', 'Jugendhilfeausschuss'),
      noteInCell(shapes, 'gespraeche:cell:g1:wer', 'Koordination'),
      noteInCell(shapes, 'gespraeche:cell:g2:mit', 'Leitung Jobcenter'),
      noteInCell(shapes, 'gespraeche:cell:g2:wer', 'Koordination'),
      noteInCell(shapes, 'gespraeche:cell:g2:erledigt', '12.2.2027'),
    ]
    expect(dokumentation(board, records, {}, '2027-03-02').openItems.map((item) => item.what)).toEqual([['Jugendhilfeausschuss']])
  })
})

describe('Organisatorischer Aufbau (H 4.3.1, the whole checklist)', () => {
  it('asks all six of H 4.3.1’s question groups, each question to settle with who by when', () => {
    const { shapes } = build('aufbau', {})
    expect(rowLabels(shapes, 'groesse')).toEqual(['Größe: welche Akteure?', 'Wie viele?', 'Bezug: welcher Raum?', 'Bezug: Themen, Zielgruppe', 'Treffen: wie und wo?', 'Treffen: wie oft, wer?'])
    expect(rowLabels(shapes, 'spezialisierung')).toEqual(['Arbeitsgruppen', 'Teilnetzwerke', 'Lokales Bündnis', 'Ins Gesamtnetzwerk'])
    expect(rowLabels(shapes, 'steuerung')).toEqual(['Entscheider', 'Arbeitsebene', 'Zwischen den Ebenen', 'Vorgaben umsetzen'])
    expect(rowLabels(shapes, 'kreise')).toEqual(['Beteiligungsgrade', 'Kleines Kernnetzwerk?', 'Möglichst viele?'])
    expect(textOf(shapes, 'kreise:row:kern:prompt')).toMatch(/Information und Transfer/)
    const records = [
      ...shapes,
      noteInCell(shapes, 'spezialisierung:cell:teilnetzwerke:wer', 'Steuerungsgruppe'),
      noteInCell(shapes, 'spezialisierung:cell:teilnetzwerke:bisWann', 'Mai'),
      noteInCell(shapes, 'steuerung:cell:entscheider:wer', 'Koordination'),
      noteInCell(shapes, 'steuerung:cell:entscheider:bisWann', 'April'),
      noteInCell(shapes, 'steuerung:cell:entscheider:geklaert', 'ja'),
    ]
    expect(dokumentation(board, records, {}, '2027-03-02').openItems.map((item) => [item.what, item.who])).toEqual([[['Teilnetzwerke'], ['Steuerungsgruppe']]])
  })
})

describe('where their results flow', () => {
  const route = (id: string): CarryRoute => carryRoutes.find((r) => r.id === id)!
  const cellsOf = (name: TemplateName, options: unknown = {}) =>
    new Map(planTemplate(name, options, 'de').layout.blocks.flatMap((b) => (b.kind === 'cell' && b.cell ? [[b.key, b.cell] as const] : [])))
  const keysOf = (name: TemplateName) => new Set(planTemplate(name, {}, 'de').layout.blocks.map((b) => b.key))
  let n = 0
  const noteIn = (cells: Map<string, CellRef>, key: string, text: string): SourceNote => ({ id: `n${++n}`, text, cell: cells.get(key)! })
  const carry = (r: CarryRoute, sourceNotes: SourceNote[], sourceOptions: unknown = {}) =>
    planCarry(r, { sourceInstance: 'src', sourceNotes, sourceOptions, targetKeys: keysOf(r.to), targetNotes: [], targetOptions: {}, targetLocale: 'de' }).planned.map((p) => [p.cellKey, p.text])

  it('the Beteiligtenanalyse’s worked-on partners become talks to plan (H 2.3.3: after naming the central actors)', () => {
    const options = { partners: ['Jobcenter', 'Jugendamt', 'Kita-Träger'] }
    const cells = cellsOf('beteiligtenanalyse', options)
    const notes = [noteIn(cells, 'cell:p0:ziele', 'Vermittlung in Teilzeit'), noteIn(cells, 'cell:p2:ressourcen', 'Randzeitenbetreuung')]
    expect(carry(route('partners-interviews'), notes, options)).toEqual([
      ['gespraeche:cell:g1:mit', 'Jobcenter'],
      ['gespraeche:cell:g2:mit', 'Kita-Träger'],
    ])
  })

  it('what the interviews and the survey say follows for the network waits in the Zielsystem’s Eingang; respondents’ answers never travel', () => {
    const interviews = cellsOf('experteninterviews')
    expect(carry(route('interviews-goals'), [noteIn(interviews, 'auswertung:cell:konsens:folgt', 'Gemeinsame Fallberatung erproben')])).toEqual([
      [ziele.eingangCell, 'Experteninterviews – Wo Konsens möglich ist, wie Kompromisse entstehen: Gemeinsame Fallberatung erproben'],
    ])
    const survey = cellsOf('befragung')
    const planned = carry(route('survey-goals'), [
      noteIn(survey, 'auswertung:cell:bewertung:antwort', 'Randzeitenbetreuung ist der größte Engpass'),
      noteIn(survey, 'auswertung:cell:auswertung:antwort', 'Hochschule wertet aus'),
    ])
    expect(planned).toEqual([[ziele.eingangCell, 'Befragung: Randzeitenbetreuung ist der größte Engpass']])
  })

  it('what the profile finds missing goes to „Wer koordiniert?“ of Gründung und Koordination, where it is settled', () => {
    const profile = cellsOf('koordinationsprofil')
    expect(carry(route('profile-gaps-coordination'), [noteIn(profile, 'kompetenzen:cell:verhandlung:fehlt', 'Fortbildung Konfliktmoderation')])).toEqual([
      ['koordination:cell:wer:antwort', 'Profil – Verhandeln und Gruppen leiten: Fortbildung Konfliktmoderation'],
    ])
  })
})
