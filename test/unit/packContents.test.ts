/**
 * What the steering group's pack holds beyond Beschlüsse and open items: each board's meeting
 * day, who was there (from its Protokolle), the Fahrplan's status (methods with Zettel done),
 * the newest Zielsystem with its goals and activities, and the comment threads not resolved;
 * a board read from its release says it changed since. Built from per-board summaries, as the
 * relay builds it board by board.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { Comment } from '../../shared/board/comments.ts'
import { internalSummary, packBoardSummary } from '../../shared/results/packSummary.ts'
import { composeSteeringPack, steeringPack, steeringPackLayout, steeringPackMarkdown } from '../../shared/results/steeringPack.ts'
import { phases } from '../../shared/templates/phases.ts'
import { build, noteInCell } from './templates/helpers.ts'
import { released } from '../../shared/board/entries/release.ts'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'

function boards() {
  const protokoll = build('protokoll', { date: '2026-03-12', topics: 1 }).shapes
  const minutes: TLShape[] = [
    ...protokoll,
    noteInCell(protokoll, 'sitzung:cell:sitzung:anwesende', 'Frau Öztürk (Jugendamt)'),
    noteInCell(protokoll, 'sitzung:cell:sitzung:anwesende', 'Herr Łukasz (Jobcenter)', 40),
  ]
  const ziele = build('zielsystem', {}).shapes
  const goals: TLShape[] = [
    ...ziele,
    noteInCell(ziele, 'ziele:cell:oberziel:beschreibung', 'Alleinerziehende finden schneller Arbeit'),
    noteInCell(ziele, 'ziele:cell:a1:beschreibung', 'Lotsendienst in jedem Jobcenter'),
  ]
  const page = 'page:page'
  const comment = (text: string, resolved = false): Comment => ({ author: 'a1', name: 'Frau Öztürk', text, at: 1, target: { kind: 'place', pageId: page, x: 0, y: 0 }, ...(resolved ? { resolved } : {}) })
  const comments = new Map<string, Comment>([
    ['c1', comment('Wer lädt die Kita-Träger ein?')],
    ['c2', comment('Schon erledigt', true)],
  ])
  return [
    {
      id: 'm',
      title: 'Netzwerktreffen März',
      phase: 'gruendung' as const,
      internal: false,
      records: minutes,
      facilitation: { meeting: { date: '2026-03-12', place: '', moderation: '' }, release: { released: true, day: '2026-03-13', at: 1 }, comments },
      changedSinceRelease: true,
    },
    { id: 'z', title: 'Zielwerkstatt', phase: 'zieleArchitektur' as const, internal: false, records: goals, facilitation: { release: released('2026-04-02', 1) } },
    { id: 'i', title: 'Intern', phase: 'vorStart' as const, internal: true, records: build('bedarfsanalyse', {}).shapes },
  ]
}

describe('the pack’s contents', () => {
  it('holds meeting days, attendees, the Fahrplan’s status, the Zielsystem and open comments', () => {
    const pack = steeringPack({ network: { name: 'Netzwerk Bautzen', targetGroup: '' }, boards: boards() }, '2026-11-26', 'de')
    expect(pack.boards.map((b) => [b.title, b.meetingDate, b.present])).toEqual([
      ['Netzwerktreffen März', '2026-03-12', ['Frau Öztürk (Jugendamt)', 'Herr Łukasz (Jobcenter)']],
      ['Zielwerkstatt', '', []],
    ])
    expect(pack.zielsystem?.board).toBe('Zielwerkstatt')
    expect(JSON.stringify(pack.zielsystem?.template.tables)).toContain('Lotsendienst in jedem Jobcenter')
    expect(pack.openComments.map((q) => [q.board, q.text])).toEqual([['Netzwerktreffen März', 'Wer lädt die Kita-Träger ein?']])
    expect(pack.fahrplan.find((p) => p.phase === 'zieleArchitektur')!.boards).toBe(1)
    // H 3.3.4 begins the Zielsystem in chapter 3 („Der Start in die Praxis“): it counts there, wherever its board is filed.
    const gruendung = pack.fahrplan.find((p) => p.phase === 'gruendung')!
    expect(gruendung.methods.filter((m) => m.done).map((m) => m.template)).toEqual(['zielsystem'])
    // The internal board's Bedarfsanalyse is not read: not done, as far as the pack can tell.
    expect(pack.fahrplan.find((p) => p.phase === 'vorStart')!.methods.every((m) => !m.done)).toBe(true)

    const md = steeringPackMarkdown(pack, 'de')
    expect(md).toContain('| Netzwerktreffen März | Der Start in die Praxis | 12.03.2026 | Zur Weitergabe freigegeben am 13.03.2026; seither geändert (hier der freigegebene Stand) |')
    expect(md).toContain('## Anwesende')
    expect(md).toContain('| Netzwerktreffen März | 12.03.2026 |  | • Frau Öztürk (Jugendamt)<br>• Herr Łukasz (Jobcenter) |')
    expect(md).toContain('## Zielsystem (aus Zielwerkstatt)')
    // Worked on, and not yet: the Zielsystem where H 3.3.4 begins it; the Planspiel and the chain in chapter 4 (H 4.3.4, 4.3.7).
    expect(md).toMatch(/\| Der Start in die Praxis \| 1 \| Zielsystem \| [^|]*Gründungsveranstaltung[^|]* \|/)
    expect(md).toMatch(/\| Ein Netzwerk schaffen \| 1 \| +\| [^|]*Planspiel, Dienstleistungskette \|/)
    expect(md).toContain('Eine Methode gilt als bearbeitet')
    expect(md).toContain('## Offene Kommentare')
    expect(md).toContain('| Netzwerktreffen März | Wer lädt die Kita-Träger ein? (Frau Öztürk) |')
    expect(md).not.toContain('Schon erledigt')
  })

  it('is the same made from per-board summaries as from the boards, and a summary holds no records', () => {
    const input = { network: { name: 'Netzwerk Bautzen', targetGroup: '' }, boards: boards() }
    const summaries = input.boards.map((board) => packBoardSummary(board, '2026-11-26'))
    expect(composeSteeringPack(input.network, summaries, '2026-11-26', 'de')).toEqual(steeringPack(input, '2026-11-26', 'de'))
    // Small: a summary is what the pack shows of a board, not the board.
    for (const [i, summary] of summaries.entries()) expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(input.boards[i]!.records).length / 4)
    expect(JSON.stringify(summaries[2])).not.toContain('Bedarf')
  })

  it('says so when nobody has written a Zielsystem and no thread is open', () => {
    const pack = steeringPack({ network: { name: 'Leer', targetGroup: '' }, boards: [] }, '2026-11-26', 'de')
    const md = steeringPackMarkdown(pack, 'de')
    expect(md).toContain('## Zielsystem\n\nNoch kein Zielsystem.')
    expect(md).toContain('## Offene Kommentare\n\nKeine')
    expect(md).not.toContain('## Anwesende')
  })
})

describe('the pack of a network of 500 boards', () => {
  // Two years of meetings, one board every day and a half, each released on its day, with those present.
  const day = '2026-11-26'
  const dayOf = (i: number) => new Date(Date.UTC(2024, 10, 1) + Math.floor(i * 1.5) * 86_400_000).toISOString().slice(0, 10)
  const summaries = Array.from({ length: 500 }, (_, i) => ({
    ...internalSummary({ id: `b${i}`, title: `Treffen ${i}`, phase: phases[i % phases.length]!.id }),
    internal: false,
    release: { released: true, day: dayOf(i) },
    meetingDate: dayOf(i),
    present: ['Frau Öztürk (Jugendamt)'],
    berichte: [{ fachgruppe: ['Fachgruppe Kita'], ergebnis: [`Stand ${i}`], beurteilung: [], konsequenzen: [] }],
    ressourcen: ['Jobcenter: halbe Stelle'],
  }))
  const table = (pack: ReturnType<typeof composeSteeringPack>, heading: string, locale: 'de' | 'en' = 'de') => {
    const blocks = steeringPackLayout(pack, locale).blocks
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === heading)
    const next = blocks[at + 1]
    return next?.kind === 'table' ? next.rows.map((row) => row.map((cell) => cell.join(' '))) : []
  }

  it('lists in its boards table those met since the last pack, and counts the rest per phase', () => {
    const pack = composeSteeringPack({ name: 'Netzwerk Görlitz', targetGroup: '' }, summaries, day, 'de', { day: '2026-10-26', open: [] })
    const met = summaries.filter((b) => b.meetingDate >= '2026-10-26')
    expect(met.length).toBeGreaterThan(10)
    const rows = table(pack, 'Boards und Freigabe')
    // A page, not 27: the boards of this period, then one row per phase for the others.
    expect(rows.length).toBeLessThanOrEqual(met.length + phases.length)
    expect(rows.slice(0, met.length).map((row) => row[0])).toEqual(met.map((b) => b.title))
    const counted = rows.slice(met.length)
    expect(counted.map((row) => row[0])).toEqual(phases.map((p) => p.title.de).filter((_, i) => counted.some((row) => row[0] === phases[i]!.title.de)))
    expect(counted.reduce((sum, row) => sum + Number(/^(\d+) weitere/.exec(row[1]!)?.[1]), 0)).toBe(500 - met.length)
    expect(counted[0]![1]).toMatch(/^\d+ weitere Boards, zur Weitergabe freigegeben, zuletzt \d\d\.\d\d\.\d{4}$/)
    // Who was there, what the Fachgruppen reported, the Ressourcen: the same boards, not 500 rows.
    expect(table(pack, 'Anwesende').map((row) => row[0])).toEqual(met.map((b) => b.title))
    expect(table(pack, 'Berichte der Fachgruppen').map((row) => row.at(-1))).toEqual(met.map((b) => b.title))
    expect(table(pack, 'Ressourcen').map((row) => row[0])).toEqual(met.map((b) => b.title))
    const md = steeringPackMarkdown(pack, 'de')
    expect(md).toContain('Aufgeführt sind die Boards mit einer Sitzung oder Freigabe seit den Unterlagen vom 26.10.2026')
  })

  it('without a last pack takes the last three months, and says so in English too', () => {
    const pack = composeSteeringPack({ name: 'Net', targetGroup: '' }, summaries, day, 'en')
    const rows = table(pack, 'Boards and release', 'en')
    const met = summaries.filter((b) => b.meetingDate >= '2026-08-26')
    expect(rows.slice(0, met.length).map((row) => row[0])).toEqual(met.map((b) => b.title))
    expect(rows.length).toBeLessThanOrEqual(met.length + phases.length)
    expect(steeringPackMarkdown(pack, 'en')).toContain('Listed are the boards with a meeting or release since 2026-08-26')
  })
})

describe('a Steuerungsgruppe board in the pack (issue 62)', () => {
  // A remote steering group: its own meeting row (Anwesende, Ressourcen), the Fachgruppen's reports, and a Protokoll.
  function steering(over: Partial<{ id: string; title: string; released: boolean; internal: boolean }> = {}) {
    const sg = build('steuerungsgruppe', { date: '2026-11-20' }).shapes
    const protokoll = build('protokoll', { date: '2026-11-20', topics: 1 }, 'de', { x: 0, y: 9000 }).shapes
    const records: TLShape[] = [
      ...sg,
      noteInCell(sg, 'sitzung:cell:sitzung:anwesende', 'Frau Öztürk (Jugendamt) ✓'),
      noteInCell(sg, 'sitzung:cell:sitzung:anwesende', 'Herr Brandt (Jobcenter) ✓', 40),
      noteInCell(sg, 'sitzung:cell:sitzung:ressourcen', 'Jobcenter: halbe Stelle Koordination bis 12/2027'),
      noteInCell(sg, 'sitzung:cell:sitzung:leitung', 'Petra Sommer (Netzwerkkoordination)'),
      noteInCell(sg, 'berichte:cell:b1:fachgruppe', 'Fachgruppe Kinderbetreuung, Q3'),
      noteInCell(sg, 'berichte:cell:b1:ergebnis', 'Randzeitenbetreuung in zwei Kitas'),
      noteInCell(sg, 'berichte:cell:b1:konsequenzen', 'Dritte Kita gewinnen'),
      // A row with only a group's name: prepared, nothing reported yet.
      noteInCell(sg, 'berichte:cell:b2:fachgruppe', 'Fachgruppe Wohnen'),
      ...protokoll,
      noteInCell(protokoll, 'sitzung:cell:sitzung:anwesende', 'Frau Kaya (Caritas)'),
    ]
    return {
      id: over.id ?? 's',
      title: over.title ?? 'Steuerungsgruppe November',
      phase: 'verstetigung' as const,
      internal: over.internal ?? false,
      records,
      ...(over.released === false ? {} : { facilitation: { release: released('2026-11-21', 1) } }),
    }
  }
  const packOf = (list: ReturnType<typeof steering>[], locale: 'de' | 'en' = 'de') =>
    steeringPackMarkdown(steeringPack({ network: { name: 'Netzwerk Bautzen', targetGroup: '' }, boards: list }, '2026-11-26', locale), locale)

  it('holds who was there, what the Fachgruppen reported and the Ressourcen, each with its board', () => {
    const md = packOf([steering()])
    // Anwesende as the board's Dokumentation lists them: the Steuerungsgruppe's own row and the Protokoll's.
    // With who chaired it: the pack goes out as the meeting's record.
    expect(md).toContain('| Board | Sitzung am | Moderation | Anwesende |')
    expect(md).toContain('| Steuerungsgruppe November | 20.11.2026 | Petra Sommer (Netzwerkkoordination) | • Frau Öztürk (Jugendamt) ✓<br>• Herr Brandt (Jobcenter) ✓<br>• Frau Kaya (Caritas) |')
    expect(md).toContain('## Berichte der Fachgruppen')
    expect(md).toContain('| Fachgruppe Kinderbetreuung, Q3 | Randzeitenbetreuung in zwei Kitas |  | Dritte Kita gewinnen | Steuerungsgruppe November |')
    expect(md).not.toContain('Fachgruppe Wohnen')
    expect(md).toContain('## Ressourcen')
    expect(md).toContain('| Steuerungsgruppe November | 20.11.2026 | Jobcenter: halbe Stelle Koordination bis 12/2027 |')
    // The same names the board's own Dokumentation lists in its header.
    const board = steering()
    const doc = dokumentation(board, board.records, board.facilitation ?? {}, '2026-11-26')
    expect(dokumentationMarkdown(doc, 'de')).toContain('**Anwesend:** Frau Öztürk (Jugendamt) ✓, Herr Brandt (Jobcenter) ✓, Frau Kaya (Caritas)')
    const en = packOf([steering()], 'en')
    expect(en).toContain('## Reports of the working groups')
    expect(en).toContain('## Resources')
  })

  it('holds nothing of them from a board not released or internal, and no heading where no board has them', () => {
    for (const board of [steering({ released: false }), steering({ internal: true })]) {
      const md = packOf([board])
      for (const text of ['Frau Öztürk', 'Frau Kaya', 'Randzeitenbetreuung', 'halbe Stelle', '## Berichte der Fachgruppen', '## Ressourcen', '## Anwesende']) expect(md).not.toContain(text)
    }
    const empty = { ...steering(), records: build('steuerungsgruppe', { date: '2026-11-20' }).shapes }
    const md = packOf([empty])
    for (const heading of ['## Berichte der Fachgruppen', '## Ressourcen', '## Anwesende']) expect(md).not.toContain(heading)
  })
})
