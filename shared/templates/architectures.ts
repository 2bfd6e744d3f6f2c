/**
 * The two network architectures the handbook describes, one of which an Arbeitsauftrag board lays
 * out: levels, where a Steuerungsgruppe decides, Fachgruppen carry out briefs and the
 * Gesamtnetzwerk names topics (H 4.2.2); or circles, where a Kernnetzwerk works bindingly and a
 * wider circle takes part through information and transfer (H 4.3.1). Row and column keys are
 * stored in boards: add, never rename.
 */
import type { Labels } from '../locale.ts'

export const architectureModels = ['steuerung', 'kreise'] as const
export type ArchitectureModel = (typeof architectureModels)[number]

interface Part {
  key: string
  label: Labels
  prompt: Labels
}
interface Column {
  key: string
  title: Labels
  prompt?: Labels
  w: number
}

export const architectureKeys = Object.freeze({
  rows: Object.freeze({ steuerung: 'steuerung', fachgruppen: 'fachgruppen', gesamt: 'gesamt', kernnetzwerk: 'kernnetzwerk', erweitert: 'erweitert' }),
  col: Object.freeze({
    /** Not `wer`: who belongs to a body is no task (open items read `wer` columns). */
    besetzung: 'besetzung',
    ebene: 'ebene',
    treffen: 'treffen',
    bericht: 'bericht',
    zuordnung: 'zuordnung',
    austausch: 'austausch',
    /** Laid out before the choice (core and wider circle as columns of the levels); kept for stored boards. */
    kern: 'kern',
    weiter: 'weiter',
  }),
})
const rows = architectureKeys.rows
const col = architectureKeys.col

const who: Column = { key: col.besetzung, title: { de: 'Wer gehört dazu?', en: 'Who belongs to it?' }, prompt: { de: 'Personen und Organisationen', en: 'People and organisations' }, w: 400 }
const level: Column = {
  key: col.ebene,
  title: { de: 'Ebene', en: 'Level' },
  prompt: { de: 'Entscheidungs- oder Arbeitsebene?', en: 'Decision or working level?' },
  w: 340,
}

export const architectures: Record<ArchitectureModel, { name: Labels; intro: Labels; rows: Part[]; columns: Column[] }> = {
  steuerung: {
    name: { de: 'Steuerungsgruppe, Fachgruppen, Gesamtnetzwerk', en: 'Steering group, working groups, whole network' },
    intro: {
      de: 'Netzwerkarchitektur in Ebenen: Die Steuerungsgruppe entscheidet und fordert Berichte an, Fachgruppen bearbeiten Aufträge, das Gesamtnetzwerk nennt Themen und verfolgt, was aus den Aufträgen wird.',
      en: 'A network architecture in levels: the steering group decides and asks for reports, working groups carry out briefs, the whole network names topics and follows what becomes of the briefs.',
    },
    rows: [
      {
        key: rows.steuerung,
        label: { de: 'Steuerungsgruppe', en: 'Steering group' },
        prompt: { de: 'Entscheidet, vergibt Aufträge, fordert Berichte an', en: 'Decides, gives briefs, asks for reports' },
      },
      {
        key: rows.fachgruppen,
        label: { de: 'Fach- und Arbeitsgruppen', en: 'Working groups' },
        prompt: { de: 'Bearbeiten Aufträge; eine Person berichtet', en: 'Carry out briefs; one person reports' },
      },
      {
        key: rows.gesamt,
        label: { de: 'Gesamtnetzwerk', en: 'Whole network' },
        prompt: { de: 'Alle Interessierten: nennt Themen, verfolgt die Aufträge', en: 'Everyone interested: names topics, follows the briefs' },
      },
    ],
    columns: [
      who,
      level,
      { key: col.treffen, title: { de: 'Trifft sich', en: 'Meets' }, prompt: { de: 'Wie oft, wo?', en: 'How often, where?' }, w: 300 },
      // H 4.2.2: the steering group asks for the reports of the whole network and the working groups.
      {
        key: col.bericht,
        title: { de: 'Berichtet an', en: 'Reports to' },
        prompt: { de: 'Steuerungsgruppe, Gesamtnetzwerk, Häuser?', en: 'Steering group, whole network, organisations?' },
        w: 380,
      },
    ],
  },
  kreise: {
    name: { de: 'Kernnetzwerk und erweiterter Kreis', en: 'Core network and wider circle' },
    intro: {
      de: 'Netzwerkarchitektur in Kreisen: Ein Kernnetzwerk arbeitet verbindlich zusammen, ein erweiterter Kreis ist durch Information und Transfer beteiligt. Wer wohin gehört, entscheiden alle gemeinsam oder zumindest nachvollziehbar.',
      en: 'A network architecture in circles: a core network works together bindingly, a wider circle takes part through information and transfer. Who belongs where is decided together, or at least openly.',
    },
    rows: [
      {
        key: rows.kernnetzwerk,
        label: { de: 'Kernnetzwerk', en: 'Core network' },
        prompt: { de: 'Arbeitet verbindlich zusammen', en: 'Works together bindingly' },
      },
      {
        key: rows.erweitert,
        label: { de: 'Erweiterter Kreis', en: 'Wider circle' },
        prompt: { de: 'Wird informiert, gibt Anregungen', en: 'Is kept informed, makes suggestions' },
      },
    ],
    columns: [
      who,
      level,
      {
        key: col.zuordnung,
        title: { de: 'Zuordnung', en: 'Membership' },
        prompt: { de: 'Fest oder je Thema und Phase?', en: 'Fixed, or by topic and phase?' },
        w: 340,
      },
      { key: col.austausch, title: { de: 'Austausch', en: 'Exchange' }, prompt: { de: 'Wer informiert wen, wie oft?', en: 'Who informs whom, how often?' }, w: 340 },
    ],
  },
}
