/**
 * Decisions in the Dokumentation and the steering group's pack: each Beschluss with who decided
 * and what it binds (a mark from before terms says that nobody gave them), the pack's
 * „Entscheidungsbedarf“ (notes in the cells templates declare as `decisionNeeds`) apart from the
 * Beschlüsse, the newest Statusbericht of each working group (the board's Gremium), and a
 * release's Verteiler and the rule it rests on, printed in both.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { dokumentation, dokumentationCsv, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { steeringPack, steeringPackCsv, steeringPackLayout, steeringPackMarkdown, type SteeringPackInput } from '../../shared/results/steeringPack.ts'
import { renderDocx } from '../../server/documents/dokumentation/docx.ts'
import { readDocx } from '../helpers/officeText.ts'
import { build, noteInCell } from './templates/helpers.ts'
import { released } from '../../shared/board/entries/release.ts'

function protokoll() {
  const shapes = build('protokoll', { date: '2026-11-03', topics: 2 }).shapes
  const decided = noteInCell(shapes, 'tops:cell:top1:thema', 'Gemeinsamer Aufnahmebogen ab März')
  const unqualified = noteInCell(shapes, 'tops:cell:top2:thema', 'Fallkonferenzen monatlich')
  return { records: [...shapes, decided, unqualified], decided, unqualified }
}

/** A Statusbericht dated `day`, its Konsequenzen written, at `y` on its board. */
function statusbericht(day: string, reached: string, konsequenz: string, y = 0) {
  const shapes = build('statusbericht', {}, 'de', { x: 0, y }).shapes
  const need = noteInCell(shapes, 'ergebnis:cell:ergebnis:konsequenzen', konsequenz)
  return { shapes, records: [...shapes, noteInCell(shapes, 'bericht:cell:bericht:datum', day), noteInCell(shapes, 'ergebnis:cell:ergebnis:erreicht', reached), need], need }
}

const publication = { verteiler: ['Steuerungsgruppe', 'Träger des Netzwerks', 'Presse (nach Absprache)'], rule: 'Netzwerkregeln 4: Ergebnisse gehen erst nach Freigabe der Steuerungsgruppe hinaus' }

describe('decisions with their terms', () => {
  it('the Dokumentation lists each Beschluss with its Gremium and Bindewirkung, and says where nobody gave them', () => {
    const { records, decided, unqualified } = protokoll()
    const entries = {
      beschluesse: { notes: [decided.id, unqualified.id], terms: { [decided.id]: { gremium: 'steuerungsgruppe', bindewirkung: 'vorbehaltlich' } } },
      release: { released: true, day: '2026-11-04', at: 1, ...publication },
    }
    const doc = dokumentation({ id: 'b', title: 'Netzwerktreffen' }, records, entries, '2026-11-05')
    expect(doc.beschluesse.map((b) => [b.text, b.gremium, b.bindewirkung])).toEqual([
      ['Gemeinsamer Aufnahmebogen ab März', 'steuerungsgruppe', 'vorbehaltlich'],
      ['Fallkonferenzen monatlich', '', null],
    ])
    const md = dokumentationMarkdown(doc, 'de')
    expect(md).toContain('| Nr. | Beschluss | Gremium | Bindewirkung | Wo |')
    expect(md).toContain('| 1 | Gemeinsamer Aufnahmebogen ab März | Steuerungsgruppe | vorbehaltlich der Zustimmung der Häuser | Protokoll · 03.11.2026 · Tagesordnung · 1 · Thema |')
    expect(md).toContain('| 2 | Fallkonferenzen monatlich | Gremium nicht angegeben | Bindewirkung nicht angegeben |')
    expect(md).toContain('**Verteiler:** Steuerungsgruppe, Träger des Netzwerks, Presse (nach Absprache)')
    expect(md).toContain('**Grundlage der Freigabe:** Netzwerkregeln 4: Ergebnisse gehen erst nach Freigabe der Steuerungsgruppe hinaus')
    const en = dokumentationMarkdown(doc, 'en')
    expect(en).toContain('| 1 | Gemeinsamer Aufnahmebogen ab März | Steering group | subject to the member organisations’ consent |')
    expect(en).toContain('| Body not given | Binding force not given |')
  })

  it('the pack: Beschlüsse with their terms, Entscheidungsbedarf apart, the newest Statusbericht of each working group, the release’s Verteiler and rule', () => {
    const minutes = protokoll()
    const octoberUeb = statusbericht('01.10.2026', 'Oktober: Erstgespräche', 'Oktober: Träger fragen')
    const novemberUeb = statusbericht('20.11.2026', 'November: Zwölf Träger haben unterschrieben', 'Jobcenter soll Aufnahmebogen übernehmen?')
    const stg = statusbericht('05.11.2026', 'Steuerung: Budget geklärt', 'Zweite Koordinationsstelle beantragen')
    // Decided in the meeting: a Beschluss, no longer a need.
    const decidedNeed = noteInCell(stg.shapes, 'ergebnis:cell:ergebnis:konsequenzen', 'Räume im Rathaus nutzen', 60)
    const input: SteeringPackInput = {
      network: { name: 'Netzwerk Görlitz', targetGroup: 'Alleinerziehende' },
      boards: [
        {
          id: 'a',
          title: 'Netzwerktreffen November',
          phase: null,
          internal: false,
          body: 'gesamtnetzwerk',
          records: minutes.records,
          facilitation: {
            beschluesse: { notes: [minutes.decided.id, minutes.unqualified.id], terms: { [minutes.decided.id]: { gremium: 'gesamtnetzwerk', bindewirkung: 'gilt' } } },
            release: { released: true, day: '2026-11-04', at: 1, ...publication },
          },
        },
        { id: 'u2', title: 'FG Übergänge November', phase: null, internal: false, body: 'Fachgruppe Übergänge', records: novemberUeb.records, facilitation: { release: released('2026-11-20', 1) } },
        // Later in the network's order, but its report is older: the group's newest is November's.
        { id: 'u1', title: 'FG Übergänge Oktober', phase: null, internal: false, body: 'Fachgruppe Übergänge', records: octoberUeb.records, facilitation: { release: released('2026-10-20', 1) } },
        {
          id: 's',
          title: 'Steuerungsgruppe',
          phase: null,
          internal: false,
          body: 'steuerungsgruppe',
          records: [...stg.records, decidedNeed],
          facilitation: { beschluesse: { notes: [decidedNeed.id], terms: { [decidedNeed.id]: { gremium: 'steuerungsgruppe', bindewirkung: 'empfehlung' } } }, release: released('2026-11-23', 1) },
        },
      ],
    }
    const pack = steeringPack(input, '2026-11-24', 'de')
    expect(pack.beschluesse.map((b) => [b.text, b.gremium, b.bindewirkung, b.board])).toEqual([
      ['Gemeinsamer Aufnahmebogen ab März', 'gesamtnetzwerk', 'gilt', 'Netzwerktreffen November'],
      ['Fallkonferenzen monatlich', '', null, 'Netzwerktreffen November'],
      ['Räume im Rathaus nutzen', 'steuerungsgruppe', 'empfehlung', 'Steuerungsgruppe'],
    ])
    // What still needs deciding, from the reports taken: not the old report's, not what was decided.
    expect(pack.decisionNeeds.map((d) => [d.text, d.board])).toEqual([
      ['Jobcenter soll Aufnahmebogen übernehmen?', 'FG Übergänge November'],
      ['Zweite Koordinationsstelle beantragen', 'Steuerungsgruppe'],
    ])
    expect(pack.statusberichte.map((s) => [s.body, s.board])).toEqual([
      ['Fachgruppe Übergänge', 'FG Übergänge November'],
      ['steuerungsgruppe', 'Steuerungsgruppe'],
    ])
    const md = steeringPackMarkdown(pack, 'de')
    expect(md).toContain('## Statusbericht: Fachgruppe Übergänge (aus FG Übergänge November)')
    expect(md).toContain('## Statusbericht: Steuerungsgruppe (aus Steuerungsgruppe)')
    expect(md).toContain('November: Zwölf Träger haben unterschrieben')
    expect(md).not.toContain('Oktober: Erstgespräche')
    expect(md).not.toContain('Oktober: Träger fragen')
    expect(md).toContain('| 1 | Gemeinsamer Aufnahmebogen ab März | Gesamtnetzwerk | gilt | Netzwerktreffen November · Protokoll · 03.11.2026 · Tagesordnung · 1 · Thema |')
    expect(md).toContain('| 3 | Räume im Rathaus nutzen | Steuerungsgruppe | Empfehlung |')
    const needs = md.slice(md.indexOf('## Entscheidungsbedarf'))
    expect(needs).toContain('| 1 | Jobcenter soll Aufnahmebogen übernehmen? | FG Übergänge November · Statusbericht · Ergebnis · Konsequenzen |')
    expect(md.indexOf('## Entscheidungsbedarf')).toBeGreaterThan(md.indexOf('## Beschlüsse'))
    expect(md).toContain('Verteiler: Steuerungsgruppe, Träger des Netzwerks, Presse (nach Absprache)')
    expect(md).toContain('Grundlage: Netzwerkregeln 4: Ergebnisse gehen erst nach Freigabe der Steuerungsgruppe hinaus')
  })

  it('reports of boards without a Gremium: the newest of them, said to have no Gremium', () => {
    const a = statusbericht('01.10.2026', 'Alt', 'x')
    const b = statusbericht('02.11.2026', 'Neu', 'y')
    const pack = steeringPack(
      {
        network: { name: 'N', targetGroup: '' },
        boards: [
          { id: 'a', title: 'A', phase: null, internal: false, records: a.records as TLShape[], facilitation: { release: released('2026-10-02', 1) } },
          { id: 'b', title: 'B', phase: null, internal: false, body: '', records: b.records as TLShape[], facilitation: { release: released('2026-11-03', 1) } },
        ],
      },
      '2026-11-24',
      'de',
    )
    expect(pack.statusberichte.map((s) => [s.body, s.board])).toEqual([['', 'B']])
    expect(steeringPackMarkdown(pack, 'de')).toContain('## Statusbericht: Gremium nicht angegeben (aus B)')
  })
})

/**
 * A „vorbehaltlich“ Beschluss waits for each Haus named (H 4.3.9): one item per Haus not yet
 * agreed, with the Beschluss and the day it has waited since, apart from the tasks, in the
 * Dokumentation and the pack in every format; gone once that Haus agreed.
 */
describe('the Häuser’s pending consent, apart from the tasks', () => {
  const beschluss = 'Gemeinsamer Aufnahmebogen ab Mai'
  const where = 'Protokoll · 03.03.2027 · Tagesordnung · 1 · Thema'
  function treffen(haeuser: Array<{ haus: string; zugestimmt: boolean; seit?: string }>) {
    const shapes = build('protokoll', { date: '2027-03-03', topics: 1 }).shapes
    const decided = noteInCell(shapes, 'tops:cell:top1:thema', beschluss)
    const records = [...shapes, decided, noteInCell(shapes, 'tops:cell:top1:aufgabe', 'Entwurf an alle Träger'), noteInCell(shapes, 'tops:cell:top1:wer', 'Frau Łukasz, 1.4.')]
    const facilitation = {
      beschluesse: { notes: [decided.id], terms: { [decided.id]: { gremium: 'gesamtnetzwerk', bindewirkung: 'vorbehaltlich', haeuser } } },
      meeting: { date: '2027-03-03', place: '', moderation: '' },
    }
    return { records, facilitation }
  }
  // The Jobcenter named a week after the meeting; the Caritas on a board from before the day was kept: the meeting's day.
  const pending = [
    { haus: 'Jobcenter', zugestimmt: false, seit: '2027-03-10' },
    { haus: 'Jugendamt', zugestimmt: true, seit: '2027-03-03' },
    { haus: 'Caritas', zugestimmt: false },
  ]
  const packOf = (haeuser: typeof pending) => {
    const { records, facilitation } = treffen(haeuser)
    return steeringPack({ network: { name: 'Netzwerk Zittau', targetGroup: '' }, boards: [{ id: 'm', title: 'Netzwerktreffen März', phase: null, internal: false, records, facilitation: { ...facilitation, release: released('2027-03-04', 1) } }] }, '2027-03-20', 'de')
  }
  /** The part of a Markdown document under `heading`, up to the next heading of its level. */
  const section = (md: string, heading: string) => {
    const start = md.indexOf(`## ${heading}\n`)
    if (start < 0) return ''
    const end = md.indexOf('\n## ', start + 3)
    return md.slice(start, end < 0 ? undefined : end)
  }

  it('the pack: one row per Haus not yet agreed, with its Beschluss, since when and where; the tasks without them', () => {
    const pack = packOf(pending)
    expect(pack.pendingConsents.map((c) => [c.haus, c.beschluss, c.since, c.board])).toEqual([
      ['Jobcenter', beschluss, '2027-03-10', 'Netzwerktreffen März'],
      ['Caritas', beschluss, '2027-03-03', 'Netzwerktreffen März'],
    ])
    expect(pack.openItems.map((i) => i.what)).toEqual([['Entwurf an alle Träger']])
    const md = steeringPackMarkdown(pack, 'de')
    const consents = section(md, 'Ausstehende Zustimmungen der Häuser')
    expect(consents).toContain('| Haus | Beschluss | Ausstehend seit | Wo |')
    expect(consents).toContain(`| Jobcenter | ${beschluss} | 10.03.2027 | Netzwerktreffen März · ${where} |`)
    expect(consents).toContain(`| Caritas | ${beschluss} | 03.03.2027 | Netzwerktreffen März · ${where} |`)
    expect(consents).not.toContain('Jugendamt')
    expect(consents).not.toContain('Entwurf an alle Träger')
    expect(section(md, 'Offene Punkte')).not.toContain('Jobcenter')
    const en = section(steeringPackMarkdown(pack, 'en'), 'Consent pending from member organisations')
    expect(en).toContain('| Organisation | Decision | Pending since | Where |')
    expect(en).toContain(`| Jobcenter | ${beschluss} | 2027-03-10 |`)
  })

  it('the pack’s CSV lists them in a table of their own below the tasks', () => {
    const csv = steeringPackCsv(packOf(pending), 'de')
    const lines = csv.split('\r\n')
    const heading = lines.indexOf('Ausstehende Zustimmungen der Häuser')
    expect(heading).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Entwurf an alle Träger;')))
    expect(lines.slice(heading + 1, heading + 4)).toEqual([
      'Haus;Beschluss;Ausstehend seit;Wo',
      `Jobcenter;${beschluss};10.03.2027;Netzwerktreffen März · ${where}`,
      `Caritas;${beschluss};03.03.2027;Netzwerktreffen März · ${where}`,
    ])
  })

  it('the pack as DOCX (as the PDF and ODT, from the one layout) holds the table', async () => {
    const layout = steeringPackLayout(packOf(pending), 'de')
    const file = readDocx(await renderDocx(layout, 'de', true))
    const table = file.tables.find((t) => t[0]?.[0] === 'Haus')
    expect(table?.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['Jobcenter', beschluss, '10.03.2027'],
      ['Caritas', beschluss, '03.03.2027'],
    ])
  })

  it('a Haus that agreed leaves the list; all agreed: none left, the Beschluss applies', () => {
    const one = packOf(pending.map((h) => (h.haus === 'Jobcenter' ? { ...h, zugestimmt: true } : h)))
    expect(one.pendingConsents.map((c) => c.haus)).toEqual(['Caritas'])
    const all = packOf(pending.map((h) => ({ ...h, zugestimmt: true })))
    expect(all.pendingConsents).toEqual([])
    expect(all.beschluesse[0].bindewirkung).toBe('gilt')
    const md = steeringPackMarkdown(all, 'de')
    expect(md).not.toContain('Ausstehende Zustimmungen')
    expect(steeringPackCsv(all, 'de')).not.toContain('Ausstehende Zustimmungen')
  })

  it('the Dokumentation and its CSV: the same rows, apart from the tasks', () => {
    const { records, facilitation } = treffen(pending)
    const doc = dokumentation({ id: 'm', title: 'Netzwerktreffen März' }, records, facilitation, '2027-03-20')
    const md = dokumentationMarkdown(doc, 'de')
    const consents = section(md, 'Ausstehende Zustimmungen der Häuser')
    expect(consents).toContain(`| Jobcenter | ${beschluss} | 10.03.2027 | ${where} |`)
    expect(consents).toContain(`| Caritas | ${beschluss} | 03.03.2027 | ${where} |`)
    expect(section(md, 'Offene Punkte')).not.toContain('Jobcenter')
    const lines = dokumentationCsv(doc, 'de').split('\r\n')
    const heading = lines.indexOf('Ausstehende Zustimmungen der Häuser')
    expect(heading).toBeGreaterThan(0)
    expect(lines.slice(heading + 1, heading + 4)).toEqual(['Haus;Beschluss;Ausstehend seit;Wo', `Jobcenter;${beschluss};10.03.2027;${where}`, `Caritas;${beschluss};03.03.2027;${where}`])
  })
})
