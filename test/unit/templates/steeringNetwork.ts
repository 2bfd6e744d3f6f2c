/** A network of three boards for the steering group's pack: minutes with a Beschluss, two Statusberichte, an internal board. */
import type { TLShape } from '@tldraw/tlschema'
import type { SteeringPackInput } from '../../../shared/results/steeringPack.ts'
import { build, noteInCell } from './helpers.ts'

export function network(): { input: SteeringPackInput; secretIds: string[] } {
  const protokoll = build('protokoll', { date: '2026-11-03', topics: 2 }).shapes
  const beschluss = noteInCell(protokoll, 'tops:cell:top1:thema', 'Gemeinsamer Aufnahmebogen')
  const minutes: TLShape[] = [
    ...protokoll,
    beschluss,
    noteInCell(protokoll, 'tops:cell:top1:aufgabe', 'Entwurf an alle Träger'),
    noteInCell(protokoll, 'tops:cell:top1:wer', 'Frau Łukasz, 1.12.'),
  ]
  const older = build('statusbericht', {}).shapes
  const newer = build('statusbericht', {}, 'de', { x: 0, y: 9000 }).shapes
  const reports: TLShape[] = [
    ...older,
    noteInCell(older, 'bericht:cell:bericht:datum', '10.11.2026'),
    noteInCell(older, 'ergebnis:cell:ergebnis:erreicht', 'Alter Stand'),
    ...newer,
    noteInCell(newer, 'bericht:cell:bericht:datum', '20.11.2026'),
    noteInCell(newer, 'ergebnis:cell:ergebnis:erreicht', 'Zwölf Träger haben unterschrieben'),
  ]
  const analyse = build('beteiligtenanalyse', { partners: ['Jobcenter'] }).shapes
  const secret = noteInCell(analyse, 'cell:p0:widerstaende', 'Leitung blockiert jede Kooperation')
  const internalProtokoll = build('protokoll', { date: '2026-11-01', topics: 1 }, 'de', { x: 0, y: 9000 }).shapes
  const secretTask = noteInCell(internalProtokoll, 'tops:cell:top1:aufgabe', 'Gespräch mit der Leitung unter vier Augen')
  return {
    secretIds: [secret.id, secretTask.id],
    input: {
      network: { name: 'Netzwerk Frühe Hilfen Görlitz', targetGroup: 'Alleinerziehende' },
      boards: [
        {
          id: 'a',
          title: 'Gründungsveranstaltung',
          phase: 'gruendung',
          internal: false,
          records: minutes,
          facilitation: { beschluesse: { notes: [beschluss.id] }, release: { released: true, day: '2026-11-04', at: 1 } },
        },
        { id: 'b', title: 'Steuerungsgruppe November', phase: 'verstetigung', internal: false, records: reports },
        {
          id: 'i',
          title: 'Beteiligtenanalyse (intern)',
          phase: 'vorStart',
          internal: true,
          records: [...analyse, secret, ...internalProtokoll, secretTask],
          facilitation: { beschluesse: { notes: [secret.id] }, release: { released: true, day: '2026-11-02', at: 1 } },
        },
      ],
    },
  }
}
