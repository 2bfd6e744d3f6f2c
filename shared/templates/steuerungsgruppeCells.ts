// steuerungsgruppe's cell keys apart from its layout (`steuerungsgruppe.ts`): what the canvas and the results read
// without loading the template (issue 64).
import { taskCols } from './taskTable.ts'

/**
 * The keys the carry routes write into and the pack reads. Stored boards find their cells by
 * these keys: add, never rename.
 */
export const steuerungsgruppeCells = Object.freeze({
  sitzung: Object.freeze({
    section: 'sitzung',
    row: 'sitzung',
    col: Object.freeze({ leitung: 'leitung', anwesende: 'anwesende', protokoll: 'protokoll', ressourcen: 'ressourcen' }),
  }),
  berichte: Object.freeze({
    section: 'berichte',
    row: (n: number) => `b${n}`,
    col: Object.freeze({ fachgruppe: 'fachgruppe', ergebnis: 'ergebnis', beurteilung: 'beurteilung', konsequenzen: 'konsequenzen' }),
  }),
  bedarf: Object.freeze({
    section: 'entscheidungsbedarf',
    row: (n: number) => `e${n}`,
    col: Object.freeze({ frage: 'frage', herkunft: 'herkunft', vorschlag: 'vorschlag' }),
  }),
  beschluesse: Object.freeze({
    section: 'beschluesse',
    row: (n: number) => `d${n}`,
    col: Object.freeze({ beschluss: 'beschluss', frage: 'frage', giltFuer: 'giltFuer', verbindlichkeit: 'verbindlichkeit' }),
  }),
  freigaben: Object.freeze({
    section: 'freigaben',
    row: (n: number) => `f${n}`,
    col: Object.freeze({ was: 'was', fuerWen: 'fuerWen', grundlage: 'grundlage' }),
  }),
  aufgaben: Object.freeze({ section: 'aufgaben', row: (n: number) => `a${n}`, col: taskCols }),
} as const)
