/**
 * Planspiel: the network plays one typical client's path through its organisations, scene by
 * scene. Observers give short feedback after every scene; afterwards everyone evaluates the
 * game, the players' experience and the transfer, and agrees next steps. Reads left to right
 * along the agenda: case and roles → scenes → evaluation and next steps.
 */
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import type { Block, Tone } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import type { CellRef } from '../board/scaffoldMeta.ts'
import { typicalPartners } from './organisations.ts'
import { sum } from './table.ts'
import { headerRow, promptHeight, titleBlock } from './typography.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const caseIds = ['mietschulden', 'frauenhaus', 'umschulung', 'vater', 'ankommen', 'unterhalt'] as const
export type PlanspielCaseId = (typeof caseIds)[number]

// A Record, so that the compiler insists on a text for every id.
const cases: Record<PlanspielCaseId, { title: Labels; text: Labels }> = {
  mietschulden: {
    title: { de: 'Frau Wiesental: Mietschulden und kein Krippenplatz', en: 'Ms Wiesental: rent arrears and no nursery place' },
    text: {
      de:
        'Frau Wiesental ist 31 und lebt mit ihren Kindern (1 und 6 Jahre) in einer Mietwohnung am Stadtrand. Sie ' +
        'arbeitet in Teilzeit, 20 Stunden in der Woche, an einer Supermarktkasse; weil der Lohn nicht reicht, ' +
        'bekommt sie ergänzend Leistungen nach dem SGB II – sie ist Aufstockerin. Nach einer hohen Nebenkostennachzahlung ' +
        'kam sie in Rückstand. Drei Monatsmieten sind offen, der Vermieter droht mit der Kündigung. Den ' +
        'Einjährigen hat bisher ihre Mutter betreut; sie ist krank geworden, einen Krippenplatz gibt es nicht. ' +
        'Mit dem Brief des Vermieters kommt sie zu ihrem Termin ins Jobcenter und fragt, ob die Wohnung noch ' +
        'zu retten ist.',
      en:
        'Ms Wiesental, 31, lives with her children (aged 1 and 6) in a rented flat on the edge of town. She works ' +
        'part-time, 20 hours a week, at a supermarket till; her wages are not enough, so she tops up her pay with ' +
        'benefits under SGB II. A large bill for service charges put her behind: three months’ rent are ' +
        'unpaid and the landlord threatens to end the tenancy. Her mother used to look after the one-year-old ' +
        'but has fallen ill, and there is no nursery place. She brings the landlord’s letter to her appointment ' +
        'at the job centre and asks whether the flat can still be saved.',
    },
  },
  frauenhaus: {
    title: { de: 'Frau Sommer: Neuanfang nach dem Frauenhaus', en: 'Ms Sommer: a new start after the women’s shelter' },
    text: {
      de:
        'Frau Sommer, 27, ist vor vier Wochen mit ihren Kindern (3 und 8 Jahre) vor der Gewalt ihres Partners in ' +
        'das Frauenhaus einer Nachbarstadt gezogen. Der Jüngere spricht kaum; die Kinderärztin rät zu ' +
        'Frühförderung, einen Kita-Platz hat er nicht. Die Ältere geht seit zwei Wochen in eine neue Schule und ' +
        'weint morgens oft. Frau Sommer hat einen Hauptschulabschluss, ihre Lehre als Friseurin hat sie ' +
        'abgebrochen; zuletzt hat sie als Aushilfe gearbeitet. Sie will in der neuen Stadt bleiben und später ' +
        'einen Beruf lernen. Als Erstes fragt sie nach einer eigenen Wohnung, deren Adresse der frühere ' +
        'Partner nicht erfährt.',
      en:
        'Four weeks ago Ms Sommer, 27, fled her partner’s violence with her children (aged 3 and 8) to a women’s ' +
        'shelter in a neighbouring town. The younger one hardly speaks; the paediatrician advises early ' +
        'intervention, and he has no childcare place. The older one started at a new school two weeks ago and ' +
        'often cries in the morning. Ms Sommer left school with a basic certificate and dropped out of a ' +
        'hairdressing apprenticeship; lately she has done casual jobs. She wants to stay in the new town and ' +
        'train for a trade later. First she asks for a flat of her own that her former partner cannot find.',
    },
  },
  umschulung: {
    title: { de: 'Frau Demir: Umschulung in Gefahr', en: 'Ms Demir: retraining at risk' },
    text: {
      de:
        'Frau Demir, 38, macht seit fünf Monaten eine vom Jobcenter geförderte Umschulung zur ' +
        'Pflegefachhelferin. Jetzt beginnt ihr Praktikum im Kreiskrankenhaus; der Frühdienst fängt um 6 Uhr an. ' +
        'Die Kita ihrer Tochter (4) öffnet erst um 7:30 Uhr, der Hort ihres Sohnes (9) schließt um 16 Uhr, und ' +
        'mit dem Bus braucht sie über eine Stunde bis zur Klinik. Die Nachbarin, die morgens einsprang, ist ' +
        'weggezogen; Verwandte leben nicht in der Nähe. In zwei Wochen hat sie dreimal gefehlt, der ' +
        'Bildungsträger hat sie zum Gespräch gebeten. Dort fragt sie zuerst, ob sie das Praktikum verschieben darf.',
      en:
        'For five months Ms Demir, 38, has been retraining as a care assistant, funded by the job centre. Now ' +
        'her work placement at the district hospital begins, with early shifts from 6 a.m. Her daughter’s (4) ' +
        'day-care opens at 7:30, her son’s (9) after-school club closes at 4 p.m., and the bus to the hospital ' +
        'takes over an hour. The neighbour who helped out in the mornings has moved away; no relatives live ' +
        'nearby. She has missed three days in two weeks, and the training provider has asked her in for a talk. ' +
        'There she first asks whether the placement can be postponed.',
    },
  },
  vater: {
    title: { de: 'Herr Brandt: Alleinerziehend im Schichtdienst', en: 'Mr Brandt: a single father working shifts' },
    text: {
      de:
        'Herr Brandt, 44, lebt seit der Scheidung vor einem Jahr allein mit seinen Zwillingen, einem Sohn und einer ' +
        'Tochter (10). Er arbeitet in Wechselschicht in einem Logistiklager; der Hort schließt um 17 Uhr, die ' +
        'Spätschicht endet um 22 Uhr. Bisher sprang eine Nachbarin ein, doch sie zieht jetzt weg. Die Lehrerin ' +
        'rät, abklären zu lassen, warum der Junge im Unterricht kaum mitkommt. Weniger arbeiten kann Herr Brandt sich nicht leisten, und er ' +
        'fürchtet, den Arbeitsplatz zu verlieren, wenn er nach festen Schichten fragt. Im Familienzentrum ' +
        'fragt er, wer abends auf die Kinder aufpassen kann.',
      en:
        'Mr Brandt, 44, has been raising his ten-year-old twins, a boy and a girl, on his own since his divorce a ' +
        'year ago. He works rotating shifts in a logistics warehouse; the after-school club closes at 5 p.m., the ' +
        'late shift ends at 10 p.m. Until now a neighbour helped out; she is moving away. The teacher suggests ' +
        'having the boy assessed because he struggles to keep up in class. Mr Brandt cannot afford to work less and fears losing his job if he asks for fixed shifts. ' +
        'At the family centre he asks who could look after the children in the evenings.',
    },
  },
  ankommen: {
    title: { de: 'Frau Mebrahtu: Zurück in die Pflege', en: 'Ms Mebrahtu: back into nursing' },
    text: {
      de:
        'Frau Mebrahtu, 29, kam vor drei Jahren aus Eritrea nach Deutschland und hat einen anerkannten ' +
        'Schutzstatus. Sie lebt mit ihrem Sohn (2) in einer kleinen Wohnung. In Eritrea hat sie eine dreijährige ' +
        'Ausbildung zur Krankenpflegerin abgeschlossen und fünf Jahre im Krankenhaus gearbeitet – eine ' +
        'ausgebildete Fachkraft. Ihr Abschluss ist hier noch nicht anerkannt, die Zeugnisse sind nicht übersetzt. ' +
        'Ihren Integrationskurs musste sie nach der Geburt unterbrechen; sie versteht viel Deutsch, schreibt es ' +
        'aber noch kaum. Für ihren Sohn hat sie keinen Kita-Platz. Mit einem Brief vom Jobcenter, den sie nicht ' +
        'versteht, kommt sie zur Migrationsberatung und fragt, ob ihr die Leistungen gekürzt werden.',
      en:
        'Ms Mebrahtu, 29, came to Germany from Eritrea three years ago and has been granted protection status. ' +
        'She lives with her son (2) in a small flat. In Eritrea she trained as a nurse for three years and worked ' +
        'in a hospital for five – a qualified professional, though her qualification is not yet recognised here. ' +
        'She had to interrupt her integration course when her son was born; she understands much German but ' +
        'can hardly write it. He has no childcare place. With a ' +
        'letter from the job centre that she does not understand, she goes to the migration counselling service ' +
        'and asks whether her benefits will be cut.',
    },
  },
  // Missing maintenance and a teenager: the Unterhaltsvorschuss (UVG, up to 18) and the school.
  unterhalt: {
    title: { de: 'Frau Hollerbach: Kein Unterhalt, ein Sohn in der Krise', en: 'Ms Hollerbach: no maintenance, a son in crisis' },
    text: {
      de:
        'Frau Hollerbach ist 42 und lebt mit ihrem Sohn (14) in einer Dreizimmerwohnung. Seit der Trennung vor zwei ' +
        'Jahren kommt kein Unterhalt; der andere Elternteil ist nicht erreichbar. Den Unterhaltsvorschuss hat sie nie ' +
        'beantragt, weil sie glaubte, er ende mit dem zwölften Geburtstag. Sie arbeitet 30 Stunden als Bürokauffrau ' +
        'und bekommt ergänzend Leistungen nach dem SGB II. Ihr Sohn fehlt oft in der Schule, seine Versetzung ist ' +
        'gefährdet, zu Hause gibt es viel Streit. Die Schule hat sie zu einem Gespräch gebeten. Sie meldet sich ' +
        'zuerst beim Jobcenter, weil das Geld am Monatsende nicht reicht.',
      en:
        'Ms Hollerbach, 42, lives with her son (14) in a three-room flat. Since the separation two years ago no ' +
        'maintenance has come; the other parent cannot be reached. She never applied for the advance maintenance ' +
        'payment (Unterhaltsvorschuss), believing it ended at twelve. She works 30 hours a week as an office clerk ' +
        'and also receives benefits under SGB II. Her son often misses school and may have to repeat the year; ' +
        'there is a lot of arguing at home. The school has asked her in for a talk. She turns first to the job ' +
        'centre, because the money runs out before the end of the month.',
    },
  },
}

/**
 * The shelter case touches on violence: a note for the facilitator beside it, how to play it
 * without harm (no violence re-enacted, the client's role may be the facilitator's, anyone may
 * step out).
 */
const caseNotes: Partial<Record<PlanspielCaseId, Labels>> = {
  frauenhaus: {
    de:
      'Hinweis für die Moderation: Spielen Sie diesen Fall traumasensibel. Die Gewalt wird nicht nachgespielt, ' +
      'das Spiel beginnt danach. Die Rolle von Frau Sommer kann jemand aus der Moderation übernehmen. Wer ' +
      'merkt, dass es zu nah geht, darf jederzeit aussteigen, ohne es zu begründen.',
    en:
      'Note for the facilitator: play this case in a trauma-sensitive way. The violence is not acted out; the ' +
      'game starts afterwards. Someone from the facilitation team may play Ms Sommer. Anyone who finds it too ' +
      'close may step out at any time without giving a reason.',
  },
}

/** The built-in cases: made up (H 4.3.5), typical situations, no solution. */
export const planspielCases: { id: PlanspielCaseId; title: Labels; text: Labels }[] = caseIds.map((id) => ({
  id,
  ...cases[id],
}))

const blankCase = {
  title: { de: 'Eigenes Fallbeispiel', en: 'Your own case' },
  text: {
    de:
      'Beschreiben Sie hier einen typischen Fall – erfunden, ohne echte Namen und ohne Lösung:\n' +
      '• Lebenslage: Alter, Kinder, Wohnen, Arbeit, Geld\n' +
      '• Vorgeschichte: Was ist passiert, wer war schon beteiligt?\n' +
      '• Erstes Anliegen: Mit welcher Bitte meldet sie oder er sich zuerst – und wo?',
    en:
      'Describe a typical case here – made up, no real names, no solution:\n' +
      '• Situation: age, children, housing, work, money\n' +
      '• History: what happened, who has been involved so far?\n' +
      '• First request: what does the client ask for first, and where?',
  },
}

// Partners a facilitator would invite first for each case (German names in typicalPartners).
// Each case's story needs these actors to be played at all.
const defaultOrganisations: Record<PlanspielCaseId | 'blank', string[]> = {
  blank: ['Jobcenter', 'Jugendamt', 'Kita-Träger', 'Beratungsstellen'],
  mietschulden: ['Jobcenter', 'Schuldnerberatung', 'Wohnungsamt', 'Kita-Träger', 'Jugendamt'],
  frauenhaus: ['Frauenberatung / Frauenhaus', 'Jugendamt', 'Wohnungsamt', 'Frühförderstelle', 'Schulen', 'Jobcenter'],
  umschulung: ['Bildungsträger', 'Jobcenter', 'Kita-Träger', 'Kindertagespflege', 'Jugendamt', 'Arbeitgeber'],
  vater: ['Familienzentrum', 'Jugendamt', 'Kindertagespflege', 'Schulen', 'Arbeitgeber'],
  ankommen: ['Migrationsberatung', 'Jobcenter', 'Kita-Träger', 'Bildungsträger'],
  unterhalt: ['Jobcenter', 'Jugendamt', 'Schulen', 'Beratungsstellen', 'Familienzentrum'],
}

const partnerName = (de: string, locale: Locale) => pick(typicalPartners.find((p) => p.de === de) ?? { de, en: de }, locale)

const limits = { organisations: 12, scenes: 12, nextSteps: 30, smallGroups: 9 }

const text = {
  title: { de: 'Planspiel', en: 'Planning game' },
  description: {
    de: 'Das Netzwerk spielt den Weg einer oder eines Alleinerziehenden durch die Organisationen nach – Szene für Szene, mit Rückmeldung der Beobachtenden, Auswertung und nächsten Schritten.',
    en: 'The network plays through one single parent’s path across its organisations, scene by scene, with observers’ feedback, an evaluation and next steps.',
  },
  intro: {
    de: 'Die Netzwerkpartner spielen ihre eigenen Organisationen, eine Person spielt die oder den Alleinerziehenden aus dem Fallbeispiel. Je Gedanke ein Zettel; die Moderation hält die Rückmeldungen fest, ohne sie zu diskutieren.',
    en: 'Network partners play their own organisations; one person plays the single parent from the case. One note per thought; the facilitator records the feedback without discussing it.',
  },
  caseHead: { de: 'Fiktives Fallbeispiel', en: 'Fictional case' },
  casePrompt: {
    de: 'Erfunden, typisch, ohne Lösung: kein echter Fall, auch Mitarbeitende dürfen nicht erkennbar sein. Anpassen an die Lage vor Ort ist erlaubt.',
    en: 'Made up, typical, without a solution; no real case, no recognisable staff. Adapting it to local conditions is fine.',
  },
  caseZettel: { de: 'Der Fall als Zettel (aus „Fallbeispiele erstellen“)', en: 'The case as notes (from “Writing case examples”)' },
  caseZettelRow: { de: 'Der Fall als Zettel', en: 'The case as notes' },
  rolesHead: { de: 'Rollen', en: 'Roles' },
  rolesPrompt: {
    de: 'Alle Netzwerkpartner spielen oder beraten, je mit Entscheidungs- und operativer Ebene. Kleben Sie einen Zettel mit Ihrem Namen in das Feld Ihrer Rolle; jede Organisation spielt sich selbst.',
    en: 'Every network partner plays or advises, each with its decision and its working level. Put a note with your name in your role’s field; each organisation plays itself.',
  },
  role: { de: 'Rolle', en: 'Role' },
  group: { de: 'Gruppe', en: 'Group' },
  scenesHead: { de: 'Spielszenen', en: 'Scenes' },
  scenesPrompt: {
    de: 'Jeder Kontakt, jede Beratung ist eine Szene. Danach antworten die Beobachtenden kurz auf drei Fragen.',
    en: 'Every contact or counselling session is one scene. After it, the observers briefly answer three questions.',
  },
  scene: { de: 'Szene', en: 'Scene' },
  evaluationHead: { de: 'Auswertung auf drei Ebenen', en: 'Evaluation on three levels' },
  evaluationPrompt: {
    de: 'Im Plenum zusammentragen. Große Runde? Erst in zufällig gemischten Kleingruppen auswerten (unten).',
    en: 'Bring it together in plenary. Large group? Evaluate first in randomly mixed small groups (below).',
  },
  smallGroupsHead: { de: 'Kleingruppen für die Auswertung', en: 'Small groups for the evaluation' },
  smallGroupsPrompt: {
    de: 'Zufällig gemischt („Zufällige Kleingruppen bilden“ im Bereich „Vorlagen“). Jede Gruppe sammelt hier ihre Ergebnisse zu den drei Ebenen.',
    en: 'Randomly mixed (“Split into random small groups” in the templates panel). Each group collects its results on the three levels here.',
  },
  smallGroup: { de: 'Kleingruppe', en: 'Small group' },
  addSmallGroup: { de: 'Kleingruppe für die Auswertung hinzufügen', en: 'Add a small group for the evaluation' },
  questionsHead: { de: 'Offene Fragen', en: 'Open questions' },
  questionsPrompt: {
    de: 'Die Moderation notiert Fragen, die im Spiel auftauchen – ohne sie jetzt zu diskutieren.',
    en: 'The facilitator notes questions that come up in the game, without discussing them now.',
  },
  level: { de: 'Ebene', en: 'Level' },
  nextHead: { de: 'Nächste Schritte', en: 'Next steps' },
  nextPrompt: {
    de: 'Was nehmen wir mit in den Alltag? Wie die Ergebnisse weiter verwendet werden – etwa für die Dienstleistungskette –, entscheidet das Netzwerk gemeinsam.',
    en: 'What do we take back into everyday work? The network decides together how the results will be used, for example for the service chain.',
  },
  number: { de: 'Nr.', en: 'No.' },
  addScene: { de: 'Szene hinzufügen', en: 'Add a scene' },
  addOrganisation: { de: 'Organisation hinzufügen', en: 'Add an organisation' },
  organisationName: { de: 'Name der Organisation', en: 'Name of the organisation' },
  addNextStep: { de: 'Zeile für nächste Schritte hinzufügen', en: 'Add a next-steps row' },
}

/** The agenda strip; a facilitation view highlights the current step by its key. */
const agenda: { key: string; label: Labels; tone: Tone }[] = [
  { key: 'step:intro', label: { de: '1 · Einführung und Rollen', en: '1 · Introduction and roles' }, tone: 'blue' },
  { key: 'step:play', label: { de: '2 · Spiel (≈ 90 Min.)', en: '2 · Play (≈ 90 min)' }, tone: 'violet' },
  { key: 'step:evaluation', label: { de: '3 · Auswertung (≈ 90 Min.)', en: '3 · Evaluation (≈ 90 min)' }, tone: 'green' },
  { key: 'step:next', label: { de: '4 · Nächste Schritte', en: '4 · Next steps' }, tone: 'orange' },
]

interface Role {
  key: string
  title: Labels
  hint?: Labels
  tone: Tone
}

const clientRole: Role = {
  key: 'client',
  title: { de: 'Alleinerziehende(r)', en: 'Single parent' },
  hint: { de: 'spielt die Person aus dem Fallbeispiel', en: 'plays the person in the case' },
  tone: 'light-red',
}
const adviserRole: Role = {
  key: 'advisers',
  title: { de: 'Beraterinnen und Berater', en: 'Advisers' },
  hint: { de: 'helfen den Spielenden, wenn sie gefragt werden', en: 'help the players when asked' },
  tone: 'light-green',
}
const observerRole: Role = {
  key: 'observers',
  title: { de: 'Beobachtende', en: 'Observers' },
  hint: {
    de: 'geben nach jeder Szene Rückmeldung – gut geeignet für Alleinerziehende selbst',
    en: 'give feedback after every scene – a good role for single parents themselves',
  },
  tone: 'light-violet',
}

const roleGroups: { key: string; title: Labels; tone: Tone }[] = [
  // Named by what each group does; the cells below name the people.
  { key: 'players', title: { de: 'Spiel', en: 'Play' }, tone: 'light-blue' },
  { key: 'advisers', title: { de: 'Beratung', en: 'Advice' }, tone: 'light-green' },
  { key: 'observers', title: { de: 'Beobachtung', en: 'Observation' }, tone: 'light-violet' },
]
/**
 * The keys carry routes read (scenes → Dienstleistungskette) and the report's open items: the
 * layout below builds its scene and next-step cells from these, so a route cannot drift from them.
 */
export const planspielCells = Object.freeze({
  /** With „Eigenes Fallbeispiel“: the cell beside the case card for the case's Zettel (carried from a Fallbeispiel). */
  caseZettel: 'case:zettel',
  scenes: Object.freeze({
    section: 'scenes',
    row: (n: number) => `s${n}`,
    col: Object.freeze({ was: 'was', gut: 'gut', besser: 'besser', fehlt: 'fehlt' }),
    /** Block key of scene n's cell in a column. */
    block: (n: number, col: string) => `scene:s${n}:${col}`,
  }),
  next: Object.freeze({
    section: 'next',
    row: (n: number) => `n${n}`,
    col: Object.freeze({ was: 'was', wer: 'wer', bisWann: 'bisWann' }),
    block: (n: number, col: string) => `next:n${n}:${col}`,
  }),
} as const)
const { scenes: sceneKeys, next: nextKeys } = planspielCells

const sceneColumns: { key: string; title: Labels; tone: Tone; w: number }[] = [
  { key: sceneKeys.col.was, title: { de: 'Wer trifft wen, was passiert?', en: 'Who meets whom, what happens?' }, tone: 'light-violet', w: 480 },
  { key: sceneKeys.col.gut, title: { de: 'Was war gut?', en: 'What went well?' }, tone: 'light-green', w: 320 },
  { key: sceneKeys.col.besser, title: { de: 'Was könnte besser sein?', en: 'What could be better?' }, tone: 'yellow', w: 320 },
  { key: sceneKeys.col.fehlt, title: { de: 'Was fehlt?', en: 'What is missing?' }, tone: 'light-red', w: 320 },
]

const levels: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: 'spiel',
    title: { de: 'Das Spiel', en: 'The game' },
    prompt: {
      de: 'Was lief in den Szenen ab, und warum gerade so? Was hat eine bedeutende, was eine geringe Rolle gespielt?',
      en: 'What happened in the scenes, and why did it go that way? What played a major part, what a minor one?',
    },
  },
  {
    key: 'spielende',
    title: { de: 'Die Spielenden', en: 'The players' },
    prompt: {
      de: 'Wie ging es Ihnen in Ihrer Rolle, und wie bewerten Sie sie? Was hat Sie überrascht?',
      en: 'How did you feel in your role, and how do you rate it? What surprised you?',
    },
  },
  {
    key: 'transfer',
    title: { de: 'Der Transfer', en: 'The transfer' },
    prompt: {
      de: 'Was bedeutet das für unsere tägliche Arbeit? Welche Erkenntnisse wollen wir weiterverfolgen?',
      en: 'What does this mean for our real work? Which insight do we want to pursue?',
    },
  },
]

const nextColumns: { key: string; title: Labels; w: number }[] = [
  { key: nextKeys.col.was, title: { de: 'Was?', en: 'What?' }, w: 360 },
  { key: nextKeys.col.wer, title: { de: 'Wer?', en: 'Who?' }, w: 300 },
  { key: nextKeys.col.bisWann, title: { de: 'Bis wann?', en: 'By when?' }, w: 300 },
  doneColumn(),
]

const organisationName = z.string().trim().min(1).max(80)

export const PlanspielOptions = z.object({
  case: z.enum(['blank', ...caseIds]).default('mietschulden'),
  organisations: z.array(organisationName).max(limits.organisations).default([]),
  scenes: z.number().int().min(1).max(limits.scenes).default(4),
  nextSteps: z.number().int().min(1).max(limits.nextSteps).default(4),
  smallGroups: z.number().int().min(0).max(limits.smallGroups).default(0),
})
export type PlanspielOptions = z.infer<typeof PlanspielOptions>

const size = {
  sectionGapX: 120,
  sectionGapY: 40,
  gap: 20,
  caseH: 340,
  /** „Eigenes Fallbeispiel“: the card's width beside the case's cell (room for a typed case of some 700 characters). */
  ownCaseW: 540,
  roleW: 440,
  roleH: 200,
  groupH: 300,
  questionsH: 420,
  rowH: 240,
  nextRowH: 240,
  levelW: 420,
  levelH: 260,
}
/** Header type: readable with the whole template in view on a laptop (typography.ts). */
const headerScale = 2.85

const rolesW = 2 * size.roleW + size.gap
const scenesW = sum(sceneColumns.map((c) => c.w))
const lastW = Math.max(levels.length * size.levelW, sum(nextColumns.map((c) => c.w)))
const columnX = { roles: 0, scenes: rolesW + size.sectionGapX, last: rolesW + scenesW + 2 * size.sectionGapX }
const width = columnX.last + lastW
const agendaW = (width - (agenda.length - 1) * size.gap) / agenda.length

function layout(options: PlanspielOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const chosen = options.case === 'blank' ? undefined : cases[options.case]
  const title = titleBlock(chosen ? `${t(text.title)} – ${t(chosen.title)}` : t(text.title), width, headerScale)
  const intro = t(text.intro)
  const blocks: Block[] = [title, { kind: 'prompt', key: 'intro', x: 0, y: title.h + 10, w: width, h: promptHeight(intro, width), text: intro }]
  const agendaRow = headerRow(
    agenda.map((step, i) => ({ key: step.key, x: i * (agendaW + size.gap), w: agendaW, tone: step.tone, title: t(step.label) })),
    blocks[1].y + blocks[1].h + size.gap,
    headerScale,
  )
  blocks.push(...agendaRow.blocks)
  const top = agendaRow.blocks[0].y + agendaRow.h + size.gap * 2
  const sectionHead = (key: string, x: number, w: number, tone: Tone, heading: Labels, prompt: Labels, y = top): number => {
    const head = headerRow([{ key, x, w, tone, title: t(heading), prompt: t(prompt) }], y, headerScale)
    blocks.push(...head.blocks)
    return y + head.h + size.gap
  }

  // Case and roles.
  let y = sectionHead('head:case', columnX.roles, rolesW, 'blue', text.caseHead, text.casePrompt)
  const story = chosen ?? blankCase
  // One's own case (H 4.3.4, 4.3.5): the card is text, and carried Zettel keep their Herkunft only
  // in a cell, so the card shares its row with the case's cell (beside it: the board grows no taller).
  const own = options.case === 'blank'
  const cardW = own ? size.ownCaseW : rolesW
  blocks.push({
    kind: 'card',
    key: 'case',
    role: 'case',
    x: columnX.roles,
    y,
    w: cardW,
    h: size.caseH,
    tone: 'light-blue',
    text: `${t(story.title)}\n\n${t(story.text)}`,
  })
  if (own) {
    blocks.push({
      kind: 'cell',
      key: planspielCells.caseZettel,
      x: columnX.roles + cardW + size.gap,
      y,
      w: rolesW - cardW - size.gap,
      h: size.caseH,
      tone: 'light-blue',
      label: t(text.caseZettel),
      cell: { section: 'case', sectionTitle: t(text.caseHead), rowsTitle: t(text.caseHead), rowLabel: t(text.caseZettelRow) },
    })
  }
  y += size.caseH
  const caseNote = options.case === 'blank' ? undefined : caseNotes[options.case]
  if (caseNote) {
    const note = t(caseNote)
    const h = promptHeight(note, rolesW)
    blocks.push({ kind: 'prompt', key: 'case:note', x: columnX.roles, y: y + size.gap, w: rolesW, h, text: note })
    y += size.gap + h
  }
  y = sectionHead('head:roles', columnX.roles, rolesW, 'blue', text.rolesHead, text.rolesPrompt, y + size.sectionGapY)
  const organisationRoles = options.organisations.map(
    (name, i): Role => ({ key: `org${i}`, title: { de: name, en: name }, tone: 'light-blue' }),
  )
  // Three groups, as in the handbook: the players, the advisers (several), the observers.
  const roleCell = (role: Role, x: number, y: number, w: number, h: number) => {
    const name = t(role.title)
    blocks.push({
      kind: 'cell',
      key: `role:${role.key}`,
      x,
      y,
      w,
      h,
      tone: role.tone,
      label: role.hint ? `${name}\n${t(role.hint)}` : name,
      cell: { section: 'roles', sectionTitle: t(text.rolesHead), rowsTitle: t(text.role), row: role.key, rowLabel: name },
    })
  }
  const groupHead = (g: number, x: number, w: number) => ({
    key: `group:${roleGroups[g].key}`,
    x,
    w,
    tone: roleGroups[g].tone,
    title: `${t(text.group)} ${g + 1} · ${t(roleGroups[g].title)}`,
  })
  const playersHead = headerRow([groupHead(0, columnX.roles, rolesW)], y, headerScale)
  blocks.push(...playersHead.blocks)
  y += playersHead.h
  const players = [clientRole, ...organisationRoles]
  players.forEach((role, i) =>
    roleCell(role, columnX.roles + (i % 2) * (size.roleW + size.gap), y + Math.floor(i / 2) * (size.roleH + size.gap), size.roleW, size.roleH),
  )
  y += Math.ceil(players.length / 2) * (size.roleH + size.gap)
  // Advisers and observers side by side, each with room for several people.
  const otherHeads = headerRow([groupHead(1, columnX.roles, size.roleW), groupHead(2, columnX.roles + size.roleW + size.gap, size.roleW)], y, headerScale)
  blocks.push(...otherHeads.blocks)
  y += otherHeads.h
  roleCell(adviserRole, columnX.roles, y, size.roleW, size.groupH)
  roleCell(observerRole, columnX.roles + size.roleW + size.gap, y, size.roleW, size.groupH)
  const rolesBottom = y + size.groupH

  // Scenes: one row each, the observers' three questions beside what happened.
  y = sectionHead('head:scenes', columnX.scenes, scenesW, 'violet', text.scenesHead, text.scenesPrompt)
  let x = columnX.scenes
  const sceneHeads = headerRow(
    sceneColumns.map((column) => {
      const spec = { key: `head:scene:${column.key}`, x, w: column.w, tone: column.tone, title: t(column.title) }
      x += column.w
      return column.key === sceneKeys.col.was ? { ...spec, title: `${t(text.scene)}: ${t(column.title)}` } : spec
    }),
    y,
    headerScale,
  )
  blocks.push(...sceneHeads.blocks)
  y += sceneHeads.h
  for (let s = 0; s < options.scenes; s++) {
    const rowLabel = `${t(text.scene)} ${s + 1}`
    x = columnX.scenes
    for (const column of sceneColumns) {
      const colLabel = t(column.title)
      blocks.push({
        kind: 'cell',
        key: sceneKeys.block(s + 1, column.key),
        x,
        y: y + s * size.rowH,
        w: column.w,
        h: size.rowH,
        tone: column.tone,
        label: column.key === sceneKeys.col.was ? `${rowLabel} – ${lowerFirst(colLabel)}` : colLabel,
        cell: {
          section: sceneKeys.section,
          sectionTitle: t(text.scenesHead),
          rowsTitle: t(text.scene),
          row: sceneKeys.row(s + 1),
          rowLabel,
          col: column.key,
          colLabel,
        },
      })
      x += column.w
    }
  }
  y += options.scenes * size.rowH + size.sectionGapY
  y = sectionHead('head:questions', columnX.scenes, scenesW, 'grey', text.questionsHead, text.questionsPrompt, y)
  blocks.push({
    kind: 'cell',
    key: 'questions',
    x: columnX.scenes,
    y,
    w: scenesW,
    h: size.questionsH,
    tone: 'grey',
    cell: { section: 'questions', sectionTitle: t(text.questionsHead), rowsTitle: t(text.questionsHead) },
  })
  const scenesBottom = y + size.questionsH

  // Evaluation on three levels, then the next-steps table beneath it.
  y = sectionHead('head:evaluation', columnX.last, lastW, 'green', text.evaluationHead, text.evaluationPrompt)
  const levelHeads = headerRow(
    levels.map((level, i) => ({
      key: `head:level:${level.key}`,
      x: columnX.last + i * size.levelW,
      w: size.levelW,
      tone: 'light-green' as const,
      title: t(level.title),
      prompt: t(level.prompt),
    })),
    y,
    headerScale,
  )
  blocks.push(...levelHeads.blocks)
  levels.forEach((level, i) => {
    const title = t(level.title)
    blocks.push({
      kind: 'cell',
      key: `level:${level.key}`,
      x: columnX.last + i * size.levelW,
      y: y + levelHeads.h,
      w: size.levelW,
      h: size.levelH,
      tone: 'light-green',
      cell: { section: 'evaluation', sectionTitle: t(text.evaluationHead), rowsTitle: t(text.level), row: level.key, rowLabel: title },
    })
  })
  y += levelHeads.h + size.levelH + size.sectionGapY
  if (options.smallGroups > 0) {
    y = sectionHead('head:smallgroups', columnX.last, lastW, 'light-green', text.smallGroupsHead, text.smallGroupsPrompt, y)
    const perRow = levels.length
    for (let g = 0; g < options.smallGroups; g++) {
      const label = `${t(text.smallGroup)} ${g + 1}`
      blocks.push({
        kind: 'cell',
        key: `smallgroup:g${g + 1}`,
        x: columnX.last + (g % perRow) * size.levelW,
        y: y + Math.floor(g / perRow) * size.levelH,
        w: size.levelW,
        h: size.levelH,
        tone: 'light-green',
        label,
        cell: { section: 'smallgroups', sectionTitle: t(text.smallGroupsHead), rowsTitle: t(text.smallGroup), row: `g${g + 1}`, rowLabel: label },
      })
    }
    y += Math.ceil(options.smallGroups / perRow) * size.levelH + size.sectionGapY
  }
  y = sectionHead('head:next', columnX.last, lastW, 'orange', text.nextHead, text.nextPrompt, y)
  x = columnX.last
  const nextHeads = headerRow(
    nextColumns.map((column) => {
      const spec = { key: `head:next:${column.key}`, x, w: column.w, tone: 'yellow' as const, title: t(column.title) }
      x += column.w
      return spec
    }),
    y,
    headerScale,
  )
  blocks.push(...nextHeads.blocks)
  y += nextHeads.h
  for (let r = 0; r < options.nextSteps; r++) {
    x = columnX.last
    for (const [c, column] of nextColumns.entries()) {
      const cell: CellRef = {
        section: nextKeys.section,
        sectionTitle: t(text.nextHead),
        rowsTitle: t(text.number),
        row: nextKeys.row(r + 1),
        rowLabel: `${r + 1}`,
        col: column.key,
        colLabel: t(column.title),
      }
      blocks.push({
        kind: 'cell',
        key: nextKeys.block(r + 1, column.key),
        x,
        y: y + r * size.nextRowH,
        w: column.w,
        h: size.nextRowH,
        tone: 'yellow',
        // Numbers the row where the writing starts.
        ...(c === 0 ? { label: `${r + 1}.` } : {}),
        cell,
      })
      x += column.w
    }
  }
  const lastBottom = y + options.nextSteps * size.nextRowH

  return { blocks, w: width, h: Math.max(rolesBottom, scenesBottom, lastBottom) }
}

const sameWords = (s: string) => s.replace(/\s+/g, ' ').trim()
const blankPrompts = (['de', 'en'] as const).map((l) => sameWords(`${blankCase.title[l]}\n\n${blankCase.text[l]}`))
/** The card of „Eigenes Fallbeispiel“ as inserted, in either language: what to write, not yet a case. */
const isBlankPrompt = (story: string) => blankPrompts.includes(sameWords(story))

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

export const planspiel: TemplateDefinition<PlanspielOptions> = {
  name: 'planspiel',
  title: text.title,
  description: text.description,
  options: PlanspielOptions,
  prepare: (options, locale) =>
    options.organisations.length > 0
      ? options
      : { ...options, organisations: defaultOrganisations[options.case].map((de) => partnerName(de, locale)) },
  layout,
  openItemTables: [{ section: nextKeys.section, what: [nextKeys.col.was], who: [nextKeys.col.wer], when: [nextKeys.col.bisWann], done: [doneKey] }],
  actions: [
    {
      id: 'addScene',
      label: text.addScene,
      apply: (options) => (options.scenes >= limits.scenes ? options : { ...options, scenes: options.scenes + 1 }),
    },
    {
      id: 'addOrganisation',
      offersPartners: true,
      label: text.addOrganisation,
      input: text.organisationName,
      // Stays within the schema: options that fail it would hide the instance from growing and export.
      apply: (options, input) => ({ ...options, organisations: withName(options.organisations, input, limits.organisations) }),
    },
    {
      id: 'addSmallGroup',
      label: text.addSmallGroup,
      apply: (options) =>
        options.smallGroups >= limits.smallGroups ? options : { ...options, smallGroups: options.smallGroups + 1 },
    },
    {
      id: 'addNextStep',
      label: text.addNextStep,
      apply: (options) =>
        options.nextSteps >= limits.nextSteps ? options : { ...options, nextSteps: options.nextSteps + 1 },
    },
  ],
  /** The case as it stood on the board (the facilitator may have edited it), for the record; the blank card's untouched prompt is no case. */
  exportTables(view, locale) {
    const card = view.instance.shapes.get('case')
    const story = card && view.textOf(card)
    if (!story || isBlankPrompt(story)) return []
    const title = pick(text.caseHead, locale)
    return [{ title, columns: [title], rows: [[[story]]] }]
  },
}

/** The heading of the case card, which the export's case table carries: the Dokumentation puts it first. */
export const planspielCaseHead: Labels = text.caseHead
