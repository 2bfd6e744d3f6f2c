/**
 * Decisions in the Dokumentation and the steering group's pack: each Beschluss with who decided
 * and what it binds (a mark from before terms says that nobody gave them), the pack's
 * „Entscheidungsbedarf“ (notes in the cells templates declare as `decisionNeeds`) apart from the
 * Beschlüsse, the newest Statusbericht of each working group (the board's Gremium), and a
 * release's Verteiler and the rule it rests on, printed in both.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { steeringPack, steeringPackMarkdown, type SteeringPackInput } from '../../shared/results/steeringPack.ts'
import { build, noteInCell } from './templates/helpers.ts'

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
        { id: 'u2', title: 'FG Übergänge November', phase: null, internal: false, body: 'Fachgruppe Übergänge', records: novemberUeb.records },
        // Later in the network's order, but its report is older: the group's newest is November's.
        { id: 'u1', title: 'FG Übergänge Oktober', phase: null, internal: false, body: 'Fachgruppe Übergänge', records: octoberUeb.records },
        {
          id: 's',
          title: 'Steuerungsgruppe',
          phase: null,
          internal: false,
          body: 'steuerungsgruppe',
          records: [...stg.records, decidedNeed],
          facilitation: { beschluesse: { notes: [decidedNeed.id], terms: { [decidedNeed.id]: { gremium: 'steuerungsgruppe', bindewirkung: 'empfehlung' } } } },
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
          { id: 'a', title: 'A', phase: null, internal: false, records: a.records as TLShape[] },
          { id: 'b', title: 'B', phase: null, internal: false, body: '', records: b.records as TLShape[] },
        ],
      },
      '2026-11-24',
      'de',
    )
    expect(pack.statusberichte.map((s) => [s.body, s.board])).toEqual([['', 'B']])
    expect(steeringPackMarkdown(pack, 'de')).toContain('## Statusbericht: Gremium nicht angegeben (aus B)')
  })
})
