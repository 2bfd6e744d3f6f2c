/** The small form each template asks before it is inserted; "Einfügen" hands its options on. */
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { localDay } from '../../shared/dates.ts'
import { pick, type Locale } from '../../shared/locale.ts'
import { planspielCases } from '../../shared/templates/planspiel.ts'
import { agreementFormLabel, agreementFormQuestion, agreementForms } from '../../shared/templates/netzwerkregeln.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { t } from '../locale.ts'
import { format } from '../i18n.ts'
import { PicklistField } from './PicklistField.tsx'
import { nameLike, nextPseudonym } from '../../shared/templates/caseNames.ts'
import { defaultOptions, numberOr, partnerSuggestions, startingPartners, stringList, stringOr, wholeNumber } from './templateDefaults.ts'

export type TemplateOptions = Record<string, unknown>

interface FormProps {
  locale: Locale
  /** The board's partner list: offered first, and what a new template starts with. */
  partners: readonly string[]
  /** Other Fallkonferenzen of the board and its network (pseudonyms, or their days), and the people present: for the next pseudonym and the name warning. */
  cases?: { taken: readonly string[]; people: readonly string[] }
  onInsert(options: TemplateOptions): void
}

export function TemplateOptionsForm(props: FormProps & { name: TemplateName }) {
  const { name, ...form } = props
  switch (name) {
    case 'beteiligtenanalyse':
      return <BeteiligtenanalyseForm {...form} />
    case 'planspiel':
      return <PlanspielForm {...form} />
    case 'zukunftskonferenz':
      return <ZukunftskonferenzForm {...form} />
    case 'dienstleistungskette':
      return <DienstleistungsketteForm {...form} />
    case 'protokoll':
    case 'steuerungsgruppe':
    case 'koordination':
    case 'oeffentlichkeitsarbeit':
    case 'befragung':
    case 'koordinationsprofil':
    case 'experteninterviews':
    case 'aufbau':
    case 'anlaufstelle':
    case 'quickWins':
    case 'fallbeispiele':
    case 'ansprechpartner':
    case 'kooperationen':
      // A meeting's date, or the day the checklist was worked through.
      return <ProtokollForm {...form} />
    case 'gruendungsveranstaltung':
      return <PartnersForm name={name} {...form} />
    case 'zielsystem':
      return <ZielsystemForm {...form} />
    case 'netzwerkkarte':
      return <NetzwerkkarteForm {...form} />
    case 'fallmatrix':
      return <CountForm name={name} field="cases" label={t.casesLabel} {...limits.cases} {...form} />
    case 'fallkonferenz':
      return <FallkonferenzForm {...form} />
    case 'erfolg':
      return <ErfolgForm {...form} />
    case 'angebotsuebersicht':
      return <AngebotsuebersichtForm {...form} />
    case 'laufzettel':
      return <LaufzettelForm {...form} />
    case 'arbeitsauftrag':
      return <ArbeitsauftragForm {...form} />
    case 'netzwerkregeln':
      return <NetzwerkregelnForm {...form} />
    case 'bedarfsanalyse':
      return <BedarfsanalyseForm {...form} />
    default:
      // Nothing to ask: the template starts from its defaults and grows on the board.
      return <OptionsForm valid onSubmit={() => form.onInsert({})} />
  }
}

/** The form around a template's fields, with the insert button. */
function OptionsForm(props: { valid: boolean; onSubmit(): void; children?: ReactNode }) {
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (props.valid) props.onSubmit()
  }
  return (
    <form className="nws-options" onSubmit={submit}>
      {props.children}
      <p className="nws-field__hint">{t.templatesInsertHint}</p>
      <button type="submit" className="nws-button" disabled={!props.valid}>
        {t.templatesInsert}
      </button>
    </form>
  )
}

/** The templates' own limits (their option schemas refuse more). */
const limits = {
  partners: 40,
  organisations: 12,
  chainOrganisations: 12,
  scenes: { min: 1, max: 12 },
  groups: { min: 2, max: 8 },
  subgoals: { min: 1, max: 8 },
  projectGoals: { min: 1, max: 4 },
  cases: { min: 1, max: 12 },
  actors: 12,
  solutions: { min: 1, max: 12 },
  indicators: { min: 1, max: 12 },
  offerOrganisations: 10,
  slips: { min: 1, max: 30 },
  rulesPartners: 30,
}

function useDefaults(name: TemplateName, locale: Locale) {
  return useMemo(() => defaultOptions(name, locale), [name, locale])
}

function BeteiligtenanalyseForm({ locale, partners: board, onInsert }: FormProps) {
  const defaults = useDefaults('beteiligtenanalyse', locale)
  const [partners, setPartners] = useState(() => startingPartners(board, defaults.partners, limits.partners))
  // Dated, so that the repeat a year later can be compared with it.
  const [date, setDate] = useState(() => localDay(new Date()))
  return (
    <OptionsForm valid={partners.length > 0} onSubmit={() => onInsert({ partners, date })}>
      <DateField value={date} onChange={setDate} />
      <PicklistField
        legend={t.partnersLegend}
        suggestions={partnerSuggestions(locale, board)}
        value={partners}
        onChange={setPartners}
        max={limits.partners}
      />
    </OptionsForm>
  )
}

/** Needs: for which target group (the needs themselves start from the handbooks' list). */
function BedarfsanalyseForm({ onInsert }: FormProps) {
  const id = useId()
  const [targetGroup, setTargetGroup] = useState('')
  return (
    <OptionsForm valid onSubmit={() => onInsert({ targetGroup: targetGroup.trim() })}>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-target`}>
          {t.targetGroupLabel}
        </label>
        <input id={`${id}-target`} value={targetGroup} maxLength={200} placeholder={t.targetGroupPlaceholder} onChange={(e) => setTargetGroup(e.target.value)} />
      </div>
    </OptionsForm>
  )
}

/** Rules and agreement: the partners, how formal the agreement is (L 5.2.5), and its date. */
function NetzwerkregelnForm({ locale, partners: board, onInsert }: FormProps) {
  const id = useId()
  const defaults = useDefaults('netzwerkregeln', locale)
  const [partners, setPartners] = useState(() => startingPartners(board, defaults.partners, limits.rulesPartners))
  const [form, setForm] = useState(() => stringOr(defaults.form, 'protokoll'))
  const [date, setDate] = useState(() => localDay(new Date()))
  return (
    <OptionsForm valid={partners.length > 0} onSubmit={() => onInsert({ partners, form, date })}>
      <DateField value={date} onChange={setDate} />
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-form`}>
          {pick(agreementFormQuestion, locale)}
        </label>
        <select id={`${id}-form`} value={form} onChange={(e) => setForm(e.target.value)}>
          {agreementForms.map((f) => (
            <option key={f} value={f}>
              {agreementFormLabel(f, locale)}
            </option>
          ))}
        </select>
      </div>
      <PicklistField
        legend={t.organisationsLegend}
        suggestions={partnerSuggestions(locale, board)}
        value={partners}
        onChange={setPartners}
        max={limits.rulesPartners}
      />
    </OptionsForm>
  )
}

/** A template whose only question is which organisations take part. */
function PartnersForm({ name, locale, partners: board, onInsert }: FormProps & { name: TemplateName }) {
  const defaults = useDefaults(name, locale)
  const [partners, setPartners] = useState(() => startingPartners(board, defaults.partners, limits.partners))
  return (
    <OptionsForm valid={partners.length > 0} onSubmit={() => onInsert({ partners })}>
      <PicklistField
        legend={t.organisationsLegend}
        suggestions={partnerSuggestions(locale, board)}
        value={partners}
        onChange={setPartners}
        max={limits.partners}
      />
    </OptionsForm>
  )
}

/** A template that asks for one number (sub-goals, cases). */
function CountForm(props: FormProps & { name: TemplateName; field: string; label: string; min: number; max: number }) {
  const { name, field, label, min, max, locale, onInsert } = props
  const fallback = numberOr(useDefaults(name, locale)[field], min)
  const [count, setCount] = useState(String(fallback))
  return (
    <OptionsForm valid onSubmit={() => onInsert({ [field]: wholeNumber(count, min, max, fallback) })}>
      <NumberField label={label} value={count} onChange={setCount} min={min} max={max} />
    </OptionsForm>
  )
}

/** How many Projektziele and Teilziele, and the day the goals were set (to compare with a later review). */
function ZielsystemForm({ locale, onInsert }: FormProps) {
  const defaults = useDefaults('zielsystem', locale)
  const [projectGoals, setProjectGoals] = useState(() => String(numberOr(defaults.projectGoals, 1)))
  const [subgoals, setSubgoals] = useState(() => String(numberOr(defaults.subgoals, 3)))
  const [date, setDate] = useState(() => localDay(new Date()))
  const [serves, setServes] = useState<string[]>([])
  const goalCount = wholeNumber(projectGoals, limits.projectGoals.min, limits.projectGoals.max, 1)
  const subgoalCount = wholeNumber(subgoals, limits.subgoals.min, limits.subgoals.max, 3)
  const submit = () =>
    onInsert({
      projectGoals: goalCount,
      subgoals: subgoalCount,
      servesGoal: Array.from({ length: subgoalCount }, (_, i) => wholeNumber(serves[i] ?? '1', 1, goalCount, 1)),
      date,
    })
  return (
    <OptionsForm valid onSubmit={submit}>
      <DateField value={date} onChange={setDate} />
      <NumberField label={t.projectGoalsLabel} value={projectGoals} onChange={setProjectGoals} {...limits.projectGoals} />
      <NumberField label={t.subgoalsLabel} value={subgoals} onChange={setSubgoals} {...limits.subgoals} />
      {/* Which Projektziel each Teilziel serves; with one Projektziel there is nothing to choose. */}
      {goalCount > 1 &&
        Array.from({ length: subgoalCount }, (_, i) => (
          <NumberField
            key={i}
            label={format(t.subgoalServesLabel, { n: i + 1 })}
            value={serves[i] ?? '1'}
            min={1}
            max={goalCount}
            onChange={(value) => setServes((list) => Object.assign(Array.from({ length: subgoalCount }, (_, j) => list[j] ?? '1'), { [i]: value }))}
          />
        ))}
    </OptionsForm>
  )
}

/** The brief's title, the Teilziel it serves, whether the architecture comes along, and which of H's two. */
function ArbeitsauftragForm({ onInsert }: FormProps) {
  const id = useId()
  const [title, setTitle] = useState('')
  const [teilziel, setTeilziel] = useState('0')
  const [parts, setParts] = useState('beide')
  const partChoices = [
    { value: 'auftrag', label: t.orderPartsAuftrag },
    { value: 'architektur', label: t.orderPartsArchitektur },
    { value: 'beide', label: t.orderPartsBeide },
  ]
  const [modell, setModell] = useState('steuerung')
  const modelChoices = [
    { value: 'steuerung', label: t.orderModelSteuerung },
    { value: 'kreise', label: t.orderModelKreise },
  ]
  const submit = () => onInsert({ title: title.trim(), teilziel: wholeNumber(teilziel, 0, limits.subgoals.max, 0), parts, modell })
  return (
    <OptionsForm valid onSubmit={submit}>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-title`}>
          {t.orderTitleLabel}
        </label>
        <input id={`${id}-title`} value={title} maxLength={120} placeholder={t.orderTitlePlaceholder} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <NumberField label={t.orderSubgoalLabel} value={teilziel} onChange={setTeilziel} min={0} max={limits.subgoals.max} />
      <fieldset className="nws-radios">
        <legend>{t.orderPartsLegend}</legend>
        {partChoices.map((choice) => (
          <label key={choice.value}>
            <input type="radio" name={`${id}-parts`} value={choice.value} checked={parts === choice.value} onChange={() => setParts(choice.value)} />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {parts !== 'auftrag' && <Choice legend={t.orderModelLegend} name={`${id}-modell`} choices={modelChoices} value={modell} onChange={setModell} />}
    </OptionsForm>
  )
}

/** Minutes (and the other dated meetings) are dated by the day they are inserted, unless the minute-taker picks another. */
function ProtokollForm({ onInsert }: FormProps) {
  const [date, setDate] = useState(() => localDay(new Date()))
  return (
    <OptionsForm valid onSubmit={() => onInsert({ date })}>
      <DateField value={date} onChange={setDate} />
    </OptionsForm>
  )
}

/** The day a template is dated by; empty leaves it undated. */
function DateField(props: { value: string; onChange(value: string): void }) {
  const id = useId()
  return (
    <div className="nws-field">
      <label className="nws-field__label" htmlFor={id}>
        {t.meetingDateLabel}
      </label>
      <input id={id} type="date" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  )
}

function PlanspielForm({ locale, partners: board, onInsert }: FormProps) {
  const id = useId()
  const defaults = useDefaults('planspiel', locale)
  const [caseId, setCaseId] = useState(() => stringOr(defaults.case, 'blank'))
  const [organisations, setOrganisations] = useState(() => stringList(defaults.organisations))
  // Each case comes with the organisations it needs, until the facilitator picks their own.
  const [picked, setPicked] = useState(false)
  const chooseCase = (next: string) => {
    setCaseId(next)
    if (!picked) setOrganisations(stringList(defaultOptions('planspiel', locale, { case: next }).organisations))
  }
  const defaultScenes = numberOr(defaults.scenes, 3)
  const [scenes, setScenes] = useState(String(defaultScenes))
  const submit = () =>
    onInsert({
      case: caseId,
      organisations,
      scenes: wholeNumber(scenes, limits.scenes.min, limits.scenes.max, defaultScenes),
    })
  return (
    <OptionsForm valid={organisations.length > 0} onSubmit={submit}>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-case`}>
          {t.caseLabel}
        </label>
        <select id={`${id}-case`} value={caseId} onChange={(e) => chooseCase(e.target.value)}>
          {planspielCases.map((c) => (
            <option key={c.id} value={c.id}>
              {pick(c.title, locale)}
            </option>
          ))}
          <option value="blank">{t.caseBlank}</option>
        </select>
      </div>
      <PicklistField
        legend={t.organisationsLegend}
        suggestions={partnerSuggestions(locale, board)}
        value={organisations}
        onChange={(value) => {
          setPicked(true)
          setOrganisations(value)
        }}
        max={limits.organisations}
      />
      <NumberField label={t.scenesLabel} value={scenes} onChange={setScenes} {...limits.scenes} />
    </OptionsForm>
  )
}

function ZukunftskonferenzForm({ locale, onInsert }: FormProps) {
  const id = useId()
  const defaults = useDefaults('zukunftskonferenz', locale)
  const defaultQuestion = stringOr(defaults.question, '')
  const [question, setQuestion] = useState(defaultQuestion)
  const defaultGroups = numberOr(defaults.groups, 4)
  const [groups, setGroups] = useState(String(defaultGroups))
  const submit = () =>
    onInsert({
      question: question.trim(),
      groups: wholeNumber(groups, limits.groups.min, limits.groups.max, defaultGroups),
    })
  return (
    <OptionsForm valid onSubmit={submit}>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-question`}>
          {t.questionLabel}
        </label>
        <textarea
          id={`${id}-question`}
          rows={3}
          value={question}
          placeholder={defaultQuestion}
          onChange={(e) => setQuestion(e.target.value)}
        />
      </div>
      <NumberField label={t.groupsLabel} value={groups} onChange={setGroups} {...limits.groups} />
    </OptionsForm>
  )
}

const variants = [
  { value: 'ist', label: t.variantIst },
  { value: 'soll', label: t.variantSoll },
  { value: 'both', label: t.variantBoth },
] as const

function NetzwerkkarteForm({ locale, partners: board, onInsert }: FormProps) {
  const id = useId()
  const defaults = useDefaults('netzwerkkarte', locale)
  const [centre, setCentre] = useState(() => stringOr(defaults.centre, ''))
  const [actors, setActors] = useState(() => startingPartners(board, defaults.actors, limits.actors))
  const [maps, setMaps] = useState(() => stringOr(defaults.maps, 'both'))
  // Empty: the map asks its own default question.
  const [question, setQuestion] = useState(() => stringOr(defaults.question, ''))
  return (
    <OptionsForm valid={actors.length > 0} onSubmit={() => onInsert({ question: question.trim(), centre: centre.trim(), actors, maps })}>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-question`}>
          {t.questionLabel}
        </label>
        <input id={`${id}-question`} value={question} maxLength={200} onChange={(e) => setQuestion(e.target.value)} />
      </div>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-centre`}>
          {t.centreLabel}
        </label>
        <input id={`${id}-centre`} value={centre} maxLength={80} onChange={(e) => setCentre(e.target.value)} />
      </div>
      <PicklistField legend={t.actorsLegend} suggestions={partnerSuggestions(locale, board)} value={actors} onChange={setActors} max={limits.actors} />
      <VariantChoice legend={t.mapsLegend} name={`${id}-maps`} value={maps} onChange={setMaps} />
    </OptionsForm>
  )
}

/** Ist, Soll or both: of a service chain, of a network map. */
function VariantChoice(props: { legend: string; name: string; value: string; onChange(value: string): void }) {
  return (
    <fieldset className="nws-radios">
      <legend>{props.legend}</legend>
      {variants.map((v) => (
        <label key={v.value}>
          <input type="radio" name={props.name} value={v.value} checked={props.value === v.value} onChange={() => props.onChange(v.value)} />
          {v.label}
        </label>
      ))}
    </fieldset>
  )
}

function DienstleistungsketteForm({ locale, partners: board, onInsert }: FormProps) {
  const id = useId()
  const defaults = useDefaults('dienstleistungskette', locale)
  const [targetGroup, setTargetGroup] = useState(() => stringOr(defaults.targetGroup, ''))
  const [organisations, setOrganisations] = useState(() => startingPartners(board, defaults.organisations, limits.chainOrganisations))
  const [variant, setVariant] = useState(() => stringOr(defaults.variant, 'both'))
  const submit = () => onInsert({ targetGroup: targetGroup.trim(), organisations, variant })
  return (
    <OptionsForm valid={organisations.length > 0} onSubmit={submit}>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-target`}>
          {t.targetGroupLabel}
        </label>
        <input
          id={`${id}-target`}
          value={targetGroup}
          maxLength={120}
          placeholder={t.targetGroupPlaceholder}
          onChange={(e) => setTargetGroup(e.target.value)}
        />
      </div>
      <PicklistField
        legend={t.organisationsLegend}
        suggestions={partnerSuggestions(locale, board)}
        value={organisations}
        onChange={setOrganisations}
        max={limits.chainOrganisations}
      />
      <VariantChoice legend={t.variantLegend} name={`${id}-variant`} value={variant} onChange={setVariant} />
    </OptionsForm>
  )
}

function NumberField(props: { label: string; value: string; min: number; max: number; onChange(value: string): void }) {
  const id = useId()
  return (
    <div className="nws-field nws-field--number">
      <label className="nws-field__label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  )
}

/**
 * A case conference: a pseudonym (never a name: generated from the day and a running number, and
 * a warning where what is typed reads as one), who brings the case, the day, the ways forward.
 */
function FallkonferenzForm({ locale, onInsert, partners, cases }: FormProps) {
  const id = useId()
  const defaults = useDefaults('fallkonferenz', locale)
  const [organisation, setOrganisation] = useState('')
  const [date, setDate] = useState(() => localDay(new Date()))
  // Follows the day until someone types a pseudonym of their own.
  const [typed, setTyped] = useState<string | null>(null)
  const pseudonym = typed ?? nextPseudonym(date, cases?.taken ?? [])
  const setPseudonym = setTyped
  const looksLikeName = !!nameLike(pseudonym, { partners, people: cases?.people ?? [] }, 'pseudonym')
  const fallback = numberOr(defaults.solutions, 4)
  const [solutions, setSolutions] = useState(String(fallback))
  const submit = () =>
    onInsert({ pseudonym: pseudonym.trim(), organisation: organisation.trim(), date, solutions: wholeNumber(solutions, limits.solutions.min, limits.solutions.max, fallback) })
  return (
    <OptionsForm valid onSubmit={submit}>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-pseudonym`}>
          {t.pseudonymLabel}
        </label>
        <input
          id={`${id}-pseudonym`}
          value={pseudonym}
          maxLength={40}
          aria-invalid={looksLikeName}
          aria-describedby={`${id}-hint${looksLikeName ? ` ${id}-name` : ''}`}
          onChange={(e) => setPseudonym(e.target.value)}
        />
        <p className="nws-field__hint" id={`${id}-hint`}>
          {t.pseudonymHint}
        </p>
        {looksLikeName && (
          <p className="nws-field__warning" id={`${id}-name`} role="alert">
            {t.pseudonymLooksLikeName}
          </p>
        )}
      </div>
      <div className="nws-field">
        <label className="nws-field__label" htmlFor={`${id}-organisation`}>
          {t.caseOrganisationLabel}
        </label>
        <input id={`${id}-organisation`} value={organisation} maxLength={80} onChange={(e) => setOrganisation(e.target.value)} />
      </div>
      <DateField value={date} onChange={setDate} />
      <NumberField label={t.solutionsLabel} value={solutions} onChange={setSolutions} {...limits.solutions} />
    </OptionsForm>
  )
}

/** A reflection is dated, so that the next one can be compared with it. */
function ErfolgForm({ locale, onInsert }: FormProps) {
  const defaults = useDefaults('erfolg', locale)
  const [date, setDate] = useState(() => localDay(new Date()))
  const fallback = numberOr(defaults.indicators, 4)
  const [indicators, setIndicators] = useState(String(fallback))
  return (
    <OptionsForm valid onSubmit={() => onInsert({ date, indicators: wholeNumber(indicators, limits.indicators.min, limits.indicators.max, fallback) })}>
      <DateField value={date} onChange={setDate} />
      <NumberField label={t.indicatorsLabel} value={indicators} onChange={setIndicators} {...limits.indicators} />
    </OptionsForm>
  )
}

function AngebotsuebersichtForm({ locale, partners: board, onInsert }: FormProps) {
  const id = useId()
  const defaults = useDefaults('angebotsuebersicht', locale)
  const [organisations, setOrganisations] = useState(() => startingPartners(board, defaults.organisations, limits.offerOrganisations))
  const [audience, setAudience] = useState(() => stringOr(defaults.audience, 'alleinerziehende'))
  const audiences = [
    { value: 'alleinerziehende', label: t.audienceParents },
    { value: 'fachkraefte', label: t.audienceProfessionals },
  ]
  return (
    <OptionsForm valid={organisations.length > 0} onSubmit={() => onInsert({ organisations, audience })}>
      <PicklistField
        legend={t.organisationsLegend}
        suggestions={partnerSuggestions(locale, board)}
        value={organisations}
        onChange={setOrganisations}
        max={limits.offerOrganisations}
      />
      <Choice legend={t.audienceLegend} name={`${id}-audience`} choices={audiences} value={audience} onChange={setAudience} />
    </OptionsForm>
  )
}

function LaufzettelForm({ locale, onInsert }: FormProps) {
  const id = useId()
  const defaults = useDefaults('laufzettel', locale)
  const [parts, setParts] = useState(() => stringOr(defaults.parts, 'beide'))
  const fallback = numberOr(defaults.slips, 6)
  const [slips, setSlips] = useState(String(fallback))
  const choices = [
    { value: 'entwurf', label: t.slipPartsDesign },
    { value: 'auswertung', label: t.slipPartsReview },
    { value: 'beide', label: t.slipPartsBoth },
  ]
  return (
    <OptionsForm valid onSubmit={() => onInsert({ parts, slips: wholeNumber(slips, limits.slips.min, limits.slips.max, fallback) })}>
      <Choice legend={t.slipPartsLegend} name={`${id}-parts`} choices={choices} value={parts} onChange={setParts} />
      {parts !== 'entwurf' && <NumberField label={t.slipsLabel} value={slips} onChange={setSlips} {...limits.slips} />}
    </OptionsForm>
  )
}

/** One of a few named choices, as radio buttons. */
function Choice(props: { legend: string; name: string; choices: { value: string; label: string }[]; value: string; onChange(value: string): void }) {
  return (
    <fieldset className="nws-radios">
      <legend>{props.legend}</legend>
      {props.choices.map((c) => (
        <label key={c.value}>
          <input type="radio" name={props.name} value={c.value} checked={props.value === c.value} onChange={() => props.onChange(c.value)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  )
}
