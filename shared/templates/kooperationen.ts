/**
 * Pflege und Formalisierung der Kooperationen (L 5.2.2, 5.2.4, 5.2.5, 5.3): per partner, how it
 * was approached and won, what the cooperation brings both sides, how formal it is (an oral
 * agreement, agreed minutes, a written Kooperationsvereinbarung – L's three forms, weighed by its
 * questions), and how it is kept alive; the next step with who, by when and done.
 */
import { numberedTemplate } from './numberedTable.ts'
import { taskItems, taskTail } from './taskTable.ts'

/** The cells other parts of the app read (routes). Stored boards find their cells by these keys: add, never rename. */
export const kooperationenCells = Object.freeze({
  section: 'kooperationen',
  row: (n: number) => `p${n}`,
  col: Object.freeze({ partner: 'partner', ansprache: 'ansprache', nutzen: 'nutzen', form: 'form', pflege: 'pflege', naechster: 'naechster' }),
} as const)
const keys = kooperationenCells

const text = {
  title: { de: 'Pflege und Formalisierung der Kooperationen', en: 'Keeping and formalising cooperations' },
  description: {
    de: 'Je Partner: wie gewonnen, welcher Nutzen für beide, wie verbindlich (mündlich, Protokoll, Kooperationsvereinbarung) und wie die Zusammenarbeit lebendig bleibt.',
    en: 'Per partner: how it was won, what both sides gain, how binding (oral, minutes, cooperation agreement) and how the cooperation stays alive.',
  },
  intro: {
    de: 'Eine Kooperation hält, wenn beide etwas davon haben und sie gelebt wird. Wägen Sie je Partner ab, wie verbindlich sie sein soll: Welche Verbindlichkeit wünscht sich der Partner? Überfordert ihn eine schriftliche Vereinbarung? Läuft eine mündliche ins Leere? Bei seltenen Kontakten und bei Personalwechsel hilft das Schriftliche.',
    en: 'A cooperation lasts when both sides gain and it is lived. Weigh for each partner how binding it should be: what does the partner want? Would a written agreement overwhelm them? Would an oral one come to nothing? Where contact is rare or staff change, writing it down helps.',
  },
  section: { de: 'Kooperationen', en: 'Cooperations' },
  addRow: { de: 'Partner hinzufügen', en: 'Add a partner' },
}

export const kooperationen = numberedTemplate({
  name: 'kooperationen',
  text,
  section: keys.section,
  row: keys.row,
  rowH: 200,
  headTone: 'violet',
  rows: { initial: 6, max: 24 },
  columns: [
    { key: keys.col.partner, title: { de: 'Partner', en: 'Partner' }, w: 380 },
    {
      key: keys.col.ansprache,
      title: { de: 'Wie gewonnen?', en: 'How was it won?' },
      prompt: { de: 'Über wen, welche Ebene, Telefon, Gespräch, Infotermin', en: 'Through whom, which level, a call, a meeting, an info session' },
      w: 420,
    },
    {
      key: keys.col.nutzen,
      title: { de: 'Nutzen für beide', en: 'What both gain' },
      prompt: { de: 'Win-win: was bringt jeder ein, was hat jeder davon?', en: 'Win-win: what does each bring, what does each gain?' },
      w: 420,
    },
    {
      key: keys.col.form,
      title: { de: 'Wie verbindlich?', en: 'How binding?' },
      prompt: { de: 'mündlich · Protokoll der Absprachen · Kooperationsvereinbarung – und warum', en: 'oral · agreed minutes · cooperation agreement – and why' },
      w: 440,
    },
    {
      key: keys.col.pflege,
      title: { de: 'Wie bleibt sie lebendig?', en: 'How does it stay alive?' },
      prompt: { de: 'Ziele bei den Mitarbeitenden bekannt, Einladungen, gemeinsame Fachtage', en: 'Aims known to staff, invitations, joint events' },
      w: 420,
    },
    { key: keys.col.naechster, title: { de: 'Nächster Schritt', en: 'Next step' }, w: 380 },
    ...taskTail,
  ],
  openItemTables: [taskItems(keys.section, [keys.col.naechster])],
})
