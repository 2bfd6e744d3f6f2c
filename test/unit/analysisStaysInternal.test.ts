/**
 * The Beteiligtenanalyse is the initiating body's own tool (H 2.3.1): what it says of the
 * partners' interests, motives and conflicts must not reach those partners. A board made with it
 * is filed internal like a case board; where one is inserted into an ordinary board later, the
 * network's readers (the steering group's pack, the network search) read nothing of it but that
 * it was worked on, while the board's own export keeps it for the people on the board.
 */
import { describe, expect, it } from 'vitest'
import { mustBeInternal } from '../../shared/templates/caseBoards.ts'
import { steeringPack, steeringPackCsv, steeringPackMarkdown } from '../../shared/results/steeringPack.ts'
import { searchHits } from '../../shared/results/boardBetween.ts'
import { exportBoard, renderExport } from '../../shared/results/export.ts'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { released } from '../../shared/board/entries/release.ts'
import type { Comment } from '../../shared/board/comments.ts'
import { build, cellCentre, noteAt, noteInCell } from './templates/helpers.ts'

const page = { typeName: 'page', id: 'page:page', name: 'Seite 1', index: 'a1', meta: {} }

/** An ordinary Netzwerktreffen board; the coordinator inserted a Beteiligtenanalyse beside its Protokoll afterwards. */
function meetingWithAnalysis() {
  const protokoll = build('protokoll', { date: '2026-11-03', topics: 1 }).shapes
  const topic = noteInCell(protokoll, 'tops:cell:top1:thema', 'Gemeinsamer Aufnahmebogen')
  const task = noteInCell(protokoll, 'tops:cell:top1:aufgabe', 'Entwurf an alle Träger')
  const analyse = build('beteiligtenanalyse', { partners: ['Jobcenter'] }, 'de', { x: 4000, y: 0 }).shapes
  const resistance = noteInCell(analyse, 'cell:p0:widerstaende', 'Leitung blockiert jede Kooperation')
  const motive = noteInCell(analyse, 'cell:p0:interessen', 'Will vor allem Quote zeigen')
  // A free Zettel lying on the analysis, in no cell of it (on a row's label).
  const label = cellCentre(analyse, 'cell:p0:status')
  const aside = noteAt(label.x - 200, label.y, 'Geschäftsführer unter Druck vom Kreistag')
  const records = [page, ...protokoll, topic, task, ...analyse, resistance, motive, aside] as unknown[]
  const comments = new Map<string, Comment>([
    ['c1', { author: 'a1', name: 'Koordination', text: 'Stimmt das mit dem Kreistag?', at: 1, target: { kind: 'shape', shapeId: resistance.id, pageId: 'page:page' } }],
    ['c2', { author: 'a1', name: 'Koordination', text: 'Wer lädt ein?', at: 2, target: { kind: 'shape', shapeId: topic.id, pageId: 'page:page' } }],
    // About a place on the analysis: its thread and the reply go with it.
    ['c3', { author: 'a1', name: 'Koordination', text: 'Hier fehlt der Kreistag', at: 3, target: { kind: 'place', pageId: 'page:page', x: label.x, y: label.y } }],
    ['c4', { author: 'a2', name: 'Leitung', text: 'Kreistag klären wir intern', at: 4, replyTo: 'c3' }],
  ])
  return { records, comments, resistance, topic }
}

const secrets = ['blockiert', 'Quote zeigen', 'Kreistag']

describe('the Beteiligtenanalyse stays with the coordination', () => {
  it('files a board made with it internal, as a case board', () => {
    expect(mustBeInternal(['beteiligtenanalyse'])).toBe(true)
    expect(mustBeInternal(['netzwerkkarte', 'beteiligtenanalyse'])).toBe(true)
    expect(mustBeInternal(['netzwerkkarte'])).toBe(false)
  })

  it('inserted into an ordinary board: the pack reads nothing of it, only that it was worked on', () => {
    const { records, comments, resistance, topic } = meetingWithAnalysis()
    const pack = steeringPack(
      {
        network: { name: 'Netzwerk', targetGroup: '' },
        boards: [{ id: 'm', title: 'Netzwerktreffen', phase: 'gruendung', internal: false, records, facilitation: { comments, beschluesse: { notes: [resistance.id, topic.id] }, release: released('2026-11-24', 1) } }],
      },
      '2026-11-24',
      'de',
    )
    for (const text of [steeringPackMarkdown(pack, 'de'), steeringPackCsv(pack, 'de'), JSON.stringify(pack)]) {
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
    // The rest of the board reads as before.
    expect(pack.beschluesse.map((b) => b.text)).toEqual(['Gemeinsamer Aufnahmebogen'])
    expect(pack.openItems.map((i) => i.what)).toEqual([['Entwurf an alle Träger']])
    expect(pack.openComments.map((q) => q.text)).toEqual(['Wer lädt ein?'])
    // Counted: „Beteiligtenanalyse bearbeitet“.
    const vorStart = pack.fahrplan.find((p) => p.phase === 'vorStart')!
    expect(vorStart.methods.find((m) => m.template === 'beteiligtenanalyse')).toMatchObject({ done: true })
  })

  it('the network search finds nothing of it on an ordinary board, and the rest of the board as before', () => {
    const { records, comments } = meetingWithAnalysis()
    for (const query of [...secrets, 'Kreistag?', 'Jobcenter']) expect(searchHits(records, comments, query).total).toBe(0)
    expect(searchHits(records, comments, 'Aufnahmebogen').total).toBe(1)
    expect(searchHits(records, comments, 'lädt ein').total).toBe(1)
    // On a board filed internal, all of it is the coordination's, and its own search finds it.
    expect(searchHits(records, comments, 'blockiert', { internal: true }).total).toBe(1)
  })

  it('the board’s own export keeps it for the people on the board', () => {
    const { records } = meetingWithAnalysis()
    const md = renderExport(exportBoard({ id: 'm', title: 'Netzwerktreffen' }, records), 'md', 'de')
    expect(md).toContain('Leitung blockiert jede Kooperation')
    expect(md).toContain('Will vor allem Quote zeigen')
  })

  it('the board’s Dokumentation keeps it until the release; released, it is passed on without it (and its threads)', () => {
    const { records, comments } = meetingWithAnalysis()
    const internal = dokumentationMarkdown(dokumentation({ id: 'm', title: 'Netzwerktreffen' }, records, { comments }, '2026-11-24'), 'de')
    expect(internal).toContain('Leitung blockiert jede Kooperation')
    const passedOn = dokumentationMarkdown(dokumentation({ id: 'm', title: 'Netzwerktreffen' }, records, { comments, release: released('2026-11-24', 1) }, '2026-11-24'), 'de')
    for (const secret of secrets) expect(passedOn).not.toContain(secret)
    expect(passedOn).toContain('Gemeinsamer Aufnahmebogen')
    expect(passedOn).toContain('Wer lädt ein?')
  })
})
