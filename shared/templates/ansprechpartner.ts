/**
 * Ansprechpartner in den Einrichtungen (H 6.2.5, with H 6.3.3 and L 5.2.4): each organisation in
 * the network names a person responsible for single parents, who speaks for it outwards and
 * steers their questions to the right place inwards; later perhaps a „Fachverantwortliche“ with
 * the power to decide. How they are reached at work, who stands in when they are away or leave.
 * Professional contacts only, never a client (docs/datenschutz.md says why that is allowed).
 */
import { numberedTemplate } from './numberedTable.ts'

/** The cells other parts of the app read (routes). Stored boards find their cells by these keys: add, never rename. */
export const ansprechpartnerCells = Object.freeze({
  section: 'kontakte',
  row: (n: number) => `k${n}`,
  col: Object.freeze({ einrichtung: 'einrichtung', person: 'person', erreichbar: 'erreichbar', vertretung: 'vertretung', rolle: 'rolle', stand: 'stand' }),
} as const)
const keys = ansprechpartnerCells

const text = {
  title: { de: 'Ansprechpartner in den Einrichtungen', en: 'Contact persons in the organisations' },
  description: {
    de: 'Je Einrichtung eine für Alleinerziehende zuständige Person: dienstlich erreichbar, mit Vertretung, als Ansprechpartnerin oder Fachverantwortliche.',
    en: 'One person in each organisation responsible for single parents: reachable at work, with a deputy, as contact person or as the one responsible.',
  },
  intro: {
    de: 'Jede Einrichtung benennt eine Person, die für die Zielgruppe zuständig ist: Sie spricht nach außen für ihr Haus und lotst Anfragen nach innen an die richtige Stelle. Tragen Sie nur dienstliche Angaben ein – keine privaten Nummern, nie Daten von Klientinnen und Klienten – und halten Sie die Liste beim Personalwechsel aktuell.',
    en: 'Each organisation names a person responsible for the target group: they speak for their organisation outwards and steer requests to the right place inwards. Enter work details only – no private numbers, never clients’ data – and keep the list current when staff change.',
  },
  section: { de: 'Ansprechpersonen', en: 'Contact persons' },
  addRow: { de: 'Einrichtung hinzufügen', en: 'Add an organisation' },
}

export const ansprechpartner = numberedTemplate({
  name: 'ansprechpartner',
  text,
  section: keys.section,
  row: keys.row,
  rowH: 170,
  rows: { initial: 8, max: 30 },
  columns: [
    { key: keys.col.einrichtung, title: { de: 'Einrichtung', en: 'Organisation' }, w: 500 },
    { key: keys.col.person, title: { de: 'Ansprechperson für Alleinerziehende', en: 'Contact for single parents' }, prompt: { de: 'Name, Funktion', en: 'Name, position' }, w: 600 },
    { key: keys.col.erreichbar, title: { de: 'Dienstlich erreichbar', en: 'Reachable at work' }, prompt: { de: 'Dienstnummer, Funktionspostfach, Sprechzeit', en: 'Work number, team mailbox, hours' }, w: 600 },
    { key: keys.col.vertretung, title: { de: 'Vertretung', en: 'Deputy' }, prompt: { de: 'Bei Abwesenheit und Personalwechsel', en: 'When away and when staff change' }, w: 500 },
    {
      key: keys.col.rolle,
      title: { de: 'Rolle', en: 'Role' },
      prompt: { de: 'Ansprechpartnerin (lotst, informiert) oder Fachverantwortliche (entscheidet mit)', en: 'Contact (guides, informs) or the one responsible (takes decisions)' },
      w: 600,
    },
    { key: keys.col.stand, title: { de: 'Stand vom', en: 'As of' }, w: 300 },
  ],
})
