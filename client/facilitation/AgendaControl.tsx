/**
 * The agenda in the top bar: the current step's name for everyone, on its template's page (a
 * click opens the list with "Zeigen" to jump there); for the facilitator the list of steps of
 * every template with an agenda on the page and their own agenda, which they write here, and
 * "Als aktuellen Schritt setzen".
 */
import { TldrawUiPopover, TldrawUiPopoverContent, TldrawUiPopoverTrigger, uniqueId, useEditor, useValue, type Editor } from 'tldraw'
import { useId, useState, type FormEvent } from 'react'
import {
  addAgendaItem,
  agendaItemLabel,
  agendaStepKey,
  currentAgendaItem,
  freeAgendaInstance,
  maxAgendaItems,
  moveAgendaItem,
  removeAgendaItem,
} from '../../shared/board/entries/agenda.ts'
import { chooseStep, type CurrentStep } from '../../shared/board/entries/step.ts'
import { pick } from '../../shared/locale.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { findStepInstance, pageStepInstances, placeAmong, showStep, type StepInstance, type StepWhere } from './agenda.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'

/** The instances the list shows: those on this page, and the current step's wherever it is. */
function listedInstances(editor: Editor, step: CurrentStep | undefined): StepInstance[] {
  const onPage = pageStepInstances(editor)
  const current = step && findStepInstance(editor, step)
  return current && !onPage.some((i) => i.instance.instance === current.instance.instance) ? [current, ...onPage] : onPage
}

/** The current step's name where the room works on it (the wall's clock shows it too), else undefined. */
export function useCurrentStepLabel(editor: Editor, f: Facilitation): string | undefined {
  return useCurrentStep(editor, f)?.label
}

/** The current step's name and where it lies among its agenda's steps (`n` of `total`, from 1), where the room works on it. */
export function useCurrentStep(editor: Editor, f: Facilitation): StepWhere | undefined {
  const found = useValue(
    'current step where',
    () => {
      const s = f.step.get()
      if (!s) return undefined
      const items = f.agenda.get()
      const own = currentAgendaItem(items, s)
      if (own) return JSON.stringify({ label: agendaItemLabel(own, t.agendaMinutes), ...placeAmong(items.map(agendaStepKey), agendaStepKey(own)) })
      // A template's step is named only where that template is: on another page it is not what
      // the room is working on (the list still leads there).
      const found = findStepInstance(editor, s)
      if (found?.pageId !== editor.getCurrentPageId()) return undefined
      const step = found.steps.find((a) => a.key === s.key)
      return step && JSON.stringify({ label: step.label, ...placeAmong(found.steps.map((a) => a.key), step.key) })
    },
    [editor, f],
  )
  // As text, so that a new object each time draws nothing again.
  return found ? (JSON.parse(found) as StepWhere) : undefined
}

export function AgendaControl() {
  const editor = useEditor()
  const f = useFacilitation()
  const step = useValue('current step', () => f.step.get(), [f])
  const current = useCurrentStepLabel(editor, f)
  const hasOwn = useValue('has own agenda', () => f.agenda.get().length > 0, [f])
  // The facilitator can always write an agenda; the others see it once there is something.
  if (!current && !f.isFacilitator && !hasOwn) return null
  const label = current ? format(t.agendaStep, { step: current }) : t.agendaButton
  return (
    <TldrawUiPopover id="netzwerkstatt-agenda">
      <TldrawUiPopoverTrigger>
        <button type="button" className="nws-chip nws-agenda-chip" data-current={current ? true : undefined} title={current ? label : t.agendaButton}>
          <span className="nws-agenda-chip__label">{label}</span>
        </button>
      </TldrawUiPopoverTrigger>
      <TldrawUiPopoverContent side="bottom" align="center" sideOffset={6} collisionPadding={8}>
        <AgendaList f={f} step={step} />
      </TldrawUiPopoverContent>
    </TldrawUiPopover>
  )
}

/** The facilitator's own agenda: its items, and for the facilitator the means to write it. */
function OwnAgenda({ f, step }: { f: Facilitation; step: CurrentStep | undefined }) {
  const items = useValue('own agenda', () => f.agenda.get(), [f])
  const id = useId()
  const [text, setText] = useState('')
  const [minutes, setMinutes] = useState('')
  if (!f.isFacilitator && items.length === 0) return null
  const add = (event: FormEvent) => {
    event.preventDefault()
    f.setAgenda(addAgendaItem(items, uniqueId(), text, Number(minutes) || undefined))
    setText('')
    setMinutes('')
  }
  return (
    <section className="nws-agenda__instance" data-instance={freeAgendaInstance}>
      <h3 className="nws-agenda__title">{t.agendaOwn}</h3>
      {items.length > 0 && (
        <ol className="nws-agenda__steps">
          {items.map((item, i) => {
            const key = agendaStepKey(item)
            const isCurrent = step?.instance === freeAgendaInstance && step.key === key
            const label = agendaItemLabel(item, t.agendaMinutes)
            return (
              <li key={item.id} className="nws-agenda__step" data-step={key} data-current={isCurrent || undefined}>
                <span className="nws-agenda__name">
                  {label}
                  {isCurrent && <span className="nws-agenda__badge">{t.agendaCurrent}</span>}
                </span>
                {f.isFacilitator && (
                  <span className="nws-agenda__actions">
                    {!isCurrent && (
                      <button type="button" className="nws-pill nws-pill--primary" data-action="set-step" onClick={() => f.setStep(chooseStep(freeAgendaInstance, key, f.clock.now()))}>
                        {t.agendaSetCurrent}
                      </button>
                    )}
                    <button type="button" className="nws-pill" aria-label={format(t.agendaItemUp, { item: item.text })} title={format(t.agendaItemUp, { item: item.text })} disabled={i === 0} onClick={() => f.setAgenda(moveAgendaItem(items, item.id, -1))}>
                      ↑
                    </button>
                    <button type="button" className="nws-pill" aria-label={format(t.agendaItemDown, { item: item.text })} title={format(t.agendaItemDown, { item: item.text })} disabled={i === items.length - 1} onClick={() => f.setAgenda(moveAgendaItem(items, item.id, 1))}>
                      ↓
                    </button>
                    <button type="button" className="nws-pill" aria-label={format(t.agendaItemRemove, { item: item.text })} title={format(t.agendaItemRemove, { item: item.text })} onClick={() => f.setAgenda(removeAgendaItem(items, item.id))}>
                      ×
                    </button>
                  </span>
                )}
              </li>
            )
          })}
        </ol>
      )}
      {f.isFacilitator && items.length < maxAgendaItems && (
        // Keys typed here are no tldraw shortcuts; Escape still closes the popover.
        <form className="nws-agenda__add" onSubmit={add} onKeyDown={(event) => event.key !== 'Escape' && event.stopPropagation()}>
          {items.length === 0 && <p className="nws-popover__hint">{t.agendaOwnHint}</p>}
          <label className="nws-visually-hidden" htmlFor={`${id}-text`}>
            {t.agendaItemNew}
          </label>
          <input id={`${id}-text`} value={text} maxLength={120} placeholder={t.agendaItemNew} onChange={(e) => setText(e.target.value)} />
          <label className="nws-visually-hidden" htmlFor={`${id}-minutes`}>
            {t.agendaItemMinutes}
          </label>
          <input id={`${id}-minutes`} type="number" min={1} max={480} value={minutes} placeholder={t.agendaMinutes} onChange={(e) => setMinutes(e.target.value)} />
          <button type="submit" className="nws-pill nws-pill--primary" disabled={!text.trim()}>
            {t.agendaItemAdd}
          </button>
        </form>
      )}
    </section>
  )
}

function AgendaList({ f, step }: { f: Facilitation; step: CurrentStep | undefined }) {
  const editor = useEditor()
  const instances = useValue('agenda instances', () => listedInstances(editor, f.step.get()), [editor, f])
  return (
    <div className="nws-popover nws-agenda">
      <OwnAgenda f={f} step={step} />
      {instances.length === 0 && !f.isFacilitator && f.agenda.get().length === 0 && <p className="nws-popover__hint">{t.agendaEmpty}</p>}
      {instances.map((item) => {
        const titleText = editor.getShapeUtil(item.instance.title).getText(item.instance.title)?.trim()
        const title = titleText || pick(item.instance.definition.title, locale)
        return (
          <section key={item.instance.instance} className="nws-agenda__instance" data-instance={item.instance.instance}>
            <h3 className="nws-agenda__title">{title}</h3>
            <ol className="nws-agenda__steps">
              {item.steps.map((s) => {
                const isCurrent = step?.instance === item.instance.instance && step.key === s.key
                return (
                  <li key={s.key} className="nws-agenda__step" data-step={s.key} data-current={isCurrent || undefined}>
                    <span className="nws-agenda__name">
                      {s.label}
                      {isCurrent && <span className="nws-agenda__badge">{t.agendaCurrent}</span>}
                    </span>
                    <span className="nws-agenda__actions">
                      <button
                        type="button"
                        className="nws-pill"
                        aria-label={format(t.agendaShowNamed, { step: s.label })}
                        onClick={() => showStep(editor, item, s.key)}
                      >
                        {t.agendaShow}
                      </button>
                      {f.isFacilitator && !isCurrent && (
                        <button
                          type="button"
                          className="nws-pill nws-pill--primary"
                          data-action="set-step"
                          onClick={() => f.setStep(chooseStep(item.instance.instance, s.key, f.clock.now()))}
                        >
                          {t.agendaSetCurrent}
                        </button>
                      )}
                    </span>
                  </li>
                )
              })}
            </ol>
          </section>
        )
      })}
      {f.isFacilitator && step && (
        <button type="button" className="nws-pill nws-pill--quiet" onClick={() => f.setStep(null)}>
          {t.agendaClear}
        </button>
      )}
    </div>
  )
}
