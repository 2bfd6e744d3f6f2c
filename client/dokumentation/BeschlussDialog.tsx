/**
 * The facilitator's small dialog when marking a Beschluss: who decided (the whole network, a
 * Fachgruppe or Arbeitsgruppe by its name, the steering group) and what it binds (gilt,
 * vorbehaltlich der Zustimmung der Häuser, Empfehlung). The same dialog changes these for marks
 * already there. It starts from the board's Gremium (its network says it) and the Bindewirkung the
 * board's Netzwerkregeln name for that Gremium, or the last Beschluss of that Gremium, so a meeting
 * of one body marks its decisions with one click each (`shared/results/beschlussLife.ts`); a Zettel
 * in the Steuerungsgruppe's „Beschlüsse“ table takes its row's Verbindlichkeit. A Fachgruppe
 * marking „gilt“ against the network's rule is told so. Asked with `ask`, the same choice starts an
 * „Einverstanden?“ round on the Zettel instead (`shared/board/entries/zustimmung.ts`): the Häuser
 * answer in the room, and the relay marks the Beschluss when the round closes.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { uniqueId, useEditor, useValue } from 'tldraw'
import {
  askHaeuser,
  beschluesseEntry,
  beschlussTerms,
  bindewirkungen,
  maxBeschluesse,
  maxHaeuser,
  toggleBeschluesse,
  withBeschlussTerms,
  type Beschluesse,
  type Bindewirkung,
  type HausConsent,
} from '../../shared/board/entries/beschluesse.ts'
import { localDay } from '../../shared/dates.ts'
import { startRound } from '../../shared/board/entries/zustimmung.ts'
import { noteText } from '../facilitation/votingScope.ts'
import { bodyLabel, isStandingBody, maxBodyNameLength } from '../../shared/networkBodies.ts'
import { bindewirkungWords } from '../../shared/results/decisions.ts'
import { againstRule, beschlussStart, bindewirkungFor, decisionRules, rowBindewirkung } from '../../shared/results/beschlussLife.ts'
import { notePlaces } from '../../shared/results/export.ts'
import { boardBodyInNetworks } from '../network/networkSources.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { locale, t } from '../locale.ts'
import { beschlussDialog } from './beschlussDialogState.ts'

type Choice = 'gesamtnetzwerk' | 'fachgruppe' | 'steuerungsgruppe'

/** Where each choice stands in the list; the group's name follows its choice. */
const order: Record<Choice, number> = { gesamtnetzwerk: 0, fachgruppe: 1, steuerungsgruppe: 4 }

const hints: Record<Bindewirkung, () => string> = {
  gilt: () => t.beschlussGiltHint,
  vorbehaltlich: () => t.beschlussVorbehaltHint,
  empfehlung: () => t.beschlussEmpfehlungHint,
}

/** What the board says about its decisions when the dialog opens: its Netzwerkregeln on them, and the Verbindlichkeit of the table row the Zettel lie in. */
interface BoardDecisionFacts {
  rules: string[]
  row: Bindewirkung | null
  /** The Zettel lie in a Steuerungsgruppen-Sitzung. */
  steering: boolean
}

const asChoice = (gremium: string): { choice: Choice; group: string } =>
  isStandingBody(gremium) ? { choice: gremium, group: '' } : { choice: 'fachgruppe', group: gremium }

/** The board's Gremium as its network says it, read once per board for the facilitator ('' until read or none). */
function useBoardBody(enabled: boolean): string {
  const session = useOpenBoard()
  const [body, setBody] = useState('')
  useEffect(() => {
    if (!enabled) return
    let current = true
    boardBodyInNetworks(session.boardId)
      .then((read) => current && setBody(read))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [enabled, session.boardId])
  return body
}

export function BeschlussDialogHost() {
  const session = useOpenBoard()
  const editor = useEditor()
  const open = useValue(beschlussDialog)
  const body = useBoardBody(beschluesseEntry.mayWrite(session.role))
  if (!open) return null
  const places = notePlaces(editor.store.allRecords())
  const facts: BoardDecisionFacts = {
    rules: decisionRules(places),
    row: open.ids.map((id) => rowBindewirkung(places, id)).find((b) => b !== null) ?? null,
    steering: open.ids.some((id) => places.get(id)?.template?.name === 'steuerungsgruppe'),
  }
  // Asking the room: what is asked is the Zettel's text as it stands now.
  const question = open.ask ? (noteText(editor, open.ids[0]) ?? '') : undefined
  return <BeschlussDialog ids={open.ids} editing={open.editing} question={question} body={body} facts={facts} onClose={() => beschlussDialog.set(null)} />
}

function BeschlussDialog({
  ids,
  editing,
  question,
  body,
  facts,
  onClose,
}: {
  ids: string[]
  editing: boolean
  /** Set when the dialog asks the room („Einverstanden?“) instead of marking: the proposal's words. */
  question?: string
  body: string
  facts: BoardDecisionFacts
  onClose(): void
}) {
  const asking = question !== undefined
  const session = useOpenBoard()
  const dialog = useRef<HTMLDialogElement>(null)
  const id = useId()
  const marked = (): Beschluesse => session.facilitation.entries.beschluesse.get()
  const [start] = useState(() => {
    const terms = beschlussStart({ marked: marked(), ids, boardBody: body, rules: facts.rules, row: facts.row, steering: facts.steering })
    return { ...asChoice(terms.gremium), bindewirkung: terms.bindewirkung ?? 'vorbehaltlich' }
  })
  const [choice, setChoice] = useState<Choice>(start.choice)
  const [group, setGroup] = useState(start.group)
  const [bindewirkung, setBindewirkung] = useState<Bindewirkung>(start.bindewirkung)
  // Chosen by hand (or by its table row): a change of Gremium leaves it.
  const [chosen, setChosen] = useState(editing || facts.row !== null)
  const [missing, setMissing] = useState(false)
  // Marking more than a board keeps would drop the surplus unseen: said instead, nothing written.
  const [full, setFull] = useState(false)
  // „vorbehaltlich“: the Häuser asked (one a line) and which have agreed; kept while another Bindewirkung is tried.
  const [haeuser, setHaeuser] = useState<HausConsent[]>(() => ids.map((i) => beschlussTerms(marked(), i).haeuser).find((h) => h?.length) ?? [])
  const [haeuserText, setHaeuserText] = useState(() => haeuser.map((h) => h.haus).join('\n'))
  const writeHaeuser = (value: string) => {
    setHaeuserText(value)
    const names = [...new Set(value.split('\n').map((line) => line.trim().slice(0, 120)).filter(Boolean))].slice(0, maxHaeuser)
    // A Haus named now is asked from today: the documents say since when its consent is pending.
    setHaeuser(askHaeuser(haeuser, names, localDay(new Date())))
  }
  const gremiumOf = (c: Choice, g: string) => (c === 'fachgruppe' ? g.trim() : c)
  /** Another Gremium: the Bindewirkung the rules give it, unless one was chosen. */
  const changeGremium = (c: Choice, g: string) => {
    setChoice(c)
    setGroup(g)
    const next = gremiumOf(c, g)
    if (!chosen && next) setBindewirkung(bindewirkungFor(next, marked(), facts.rules) ?? bindewirkung)
  }
  const warn = againstRule({ gremium: gremiumOf(choice, group), bindewirkung }, facts.rules)
  const groupInput = useRef<HTMLInputElement>(null)
  useEffect(() => {
    const el = dialog.current
    if (el && !el.open) el.showModal()
  }, [])
  const save = (event: FormEvent) => {
    event.preventDefault()
    const gremium = gremiumOf(choice, group)
    if (!gremium) {
      setMissing(true)
      groupInput.current?.focus()
      return
    }
    if (asking) {
      startRound(session.connection.doc, { id: uniqueId(), note: ids[0], question, gremium, bindewirkung, startedAt: Date.now() })
      dialog.current?.close()
      return
    }
    const current = marked()
    if (!editing && current.notes.length + ids.filter((i) => !current.notes.includes(i)).length > maxBeschluesse) {
      setFull(true)
      return
    }
    const terms = { gremium, bindewirkung, ...(bindewirkung === 'vorbehaltlich' && haeuser.length > 0 ? { haeuser } : {}) }
    beschluesseEntry.set(session.connection.doc, editing ? withBeschlussTerms(current, ids, terms) : toggleBeschluesse(current, ids, terms))
    dialog.current?.close()
  }
  const choices: Array<[Choice, string]> = [
    ['gesamtnetzwerk', bodyLabel('gesamtnetzwerk', locale)],
    ['fachgruppe', t.beschlussFachgruppe],
    ['steuerungsgruppe', bodyLabel('steuerungsgruppe', locale)],
  ]
  return (
    <dialog ref={dialog} className="nws-doc-dialog nws-beschluss-dialog" aria-labelledby={`${id}-title`} onClose={onClose} data-beschluss-dialog>
      <header className="nws-doc-dialog__header">
        <h2 id={`${id}-title`}>{asking ? t.roundAskTitle : t.beschlussDialogTitle}</h2>
        <button type="button" className="nws-icon-button" aria-label={t.docClose} title={t.docClose} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </header>
      <form className="nws-doc-dialog__form" onSubmit={save} noValidate>
        {asking && <p className="nws-field__hint">{t.roundAskHint}</p>}
        <fieldset className="nws-beschluss-dialog__choices">
          <legend>{t.beschlussGremium}</legend>
          {choices.map(([value, label]) => (
            <label key={value} style={{ order: order[value] }}>
              <input type="radio" name="gremium" value={value} checked={choice === value} onChange={() => changeGremium(value, group)} />
              {label}
            </label>
          ))}
          {/* Right under its choice (the grid's order), so the name belongs to it where it is read. */}
          {choice === 'fachgruppe' && (
            <label className="nws-beschluss-dialog__group" style={{ order: 2 }}>
              {t.beschlussGroupName}
              <input
                ref={groupInput}
                type="text"
                value={group}
                maxLength={maxBodyNameLength}
                placeholder={t.beschlussGroupPlaceholder}
                autoComplete="off"
                aria-invalid={missing || undefined}
                aria-describedby={missing ? `${id}-missing` : undefined}
                onChange={(e) => {
                  setMissing(false)
                  changeGremium(choice, e.target.value)
                }}
              />
            </label>
          )}
          {missing && (
            <p id={`${id}-missing`} className="nws-error" role="alert" style={{ order: 3 }}>
              {t.beschlussGroupMissing}
            </p>
          )}
        </fieldset>
        <fieldset className="nws-beschluss-dialog__choices">
          <legend>{t.beschlussBindewirkung}</legend>
          {bindewirkungen.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="bindewirkung"
                value={value}
                checked={bindewirkung === value}
                // The Steuerungsgruppe's table row says it: one word for the Beschluss, not two.
                disabled={facts.row !== null && value !== facts.row}
                onChange={() => {
                  setChosen(true)
                  setBindewirkung(value)
                }}
              />
              <span>
                {bindewirkungWords[value][locale]}
                <span className="nws-field__hint">{hints[value]()}</span>
              </span>
            </label>
          ))}
          {facts.row !== null && <p className="nws-field__hint">{t.beschlussRowSays}</p>}
          {/* Asking the room, the Häuser answer for themselves. */}
          {bindewirkung === 'vorbehaltlich' && !asking && (
            <div className="nws-beschluss-dialog__haeuser" data-beschluss-haeuser>
              <label>
                {t.beschlussHaeuser}
                <textarea rows={3} value={haeuserText} onChange={(e) => writeHaeuser(e.target.value)} />
              </label>
              <span className="nws-field__hint">{t.beschlussHaeuserHint}</span>
              {haeuser.map((h) => (
                <label key={h.haus}>
                  <input
                    type="checkbox"
                    checked={h.zugestimmt}
                    onChange={(e) => setHaeuser(haeuser.map((x) => (x.haus === h.haus ? { ...x, zugestimmt: e.target.checked } : x)))}
                  />
                  {t.beschlussHausAgreed.replace('{haus}', h.haus)}
                </label>
              ))}
            </div>
          )}
          {warn && (
            <p className="nws-field__hint nws-beschluss-dialog__warn" role="status" data-beschluss-against-rule>
              {t.beschlussAgainstRule}
            </p>
          )}
        </fieldset>
        {full && (
          <p className="nws-error" role="alert" data-beschluss-full>
            {t.beschlussFull.replace('{max}', String(maxBeschluesse))}
          </p>
        )}
        <p className="nws-doc-dialog__row nws-beschluss-dialog__actions">
          <button type="submit" className="nws-button nws-button--small">
            {asking ? t.roundAsk : editing ? t.beschlussSaveTerms : t.beschlussSave}
          </button>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => dialog.current?.close()}>
            {t.beschlussCancel}
          </button>
        </p>
      </form>
    </dialog>
  )
}
