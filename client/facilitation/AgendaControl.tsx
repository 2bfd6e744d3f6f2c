/**
 * The agenda in the top bar: the current step's name for everyone (a click opens the list with
 * "Zeigen" to jump there); for the facilitator the list of steps of every template with an
 * agenda on the page, and "Als aktuellen Schritt setzen".
 */
import { TldrawUiPopover, TldrawUiPopoverContent, TldrawUiPopoverTrigger, useEditor, useValue, type Editor } from 'tldraw'
import { chooseStep, type CurrentStep } from '../../shared/facilitation/steps.ts'
import { pick } from '../../shared/templates/model.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { findStepInstance, pageStepInstances, showStep, type StepInstance } from './agenda.ts'
import { useFacilitation, type Facilitation } from './facilitationState.ts'

/** The instances the list shows: those on this page, and the current step's wherever it is. */
function listedInstances(editor: Editor, step: CurrentStep | undefined): StepInstance[] {
  const onPage = pageStepInstances(editor)
  const current = step && findStepInstance(editor, step)
  return current && !onPage.some((i) => i.instance.instance === current.instance.instance) ? [current, ...onPage] : onPage
}

export function AgendaControl() {
  const editor = useEditor()
  const f = useFacilitation()
  const step = useValue('current step', () => f.step.get(), [f])
  const current = useValue(
    'current step label',
    () => {
      const s = f.step.get()
      if (!s) return undefined
      return findStepInstance(editor, s)?.steps.find((a) => a.key === s.key)?.label
    },
    [editor, f],
  )
  const hasAgenda = useValue('page has agenda', () => pageStepInstances(editor).length > 0, [editor])
  if (!current && !(f.isFacilitator && (hasAgenda || step))) return null
  const label = current ? format(t.agendaStep, { step: current }) : t.agendaButton
  return (
    <TldrawUiPopover id="netzwerkstatt-agenda">
      <TldrawUiPopoverTrigger>
        <button type="button" className="nws-chip nws-agenda-chip" data-current={current ? true : undefined} title={t.agendaButton}>
          <span className="nws-agenda-chip__label">{label}</span>
        </button>
      </TldrawUiPopoverTrigger>
      <TldrawUiPopoverContent side="bottom" align="center" sideOffset={6} collisionPadding={8}>
        <AgendaList f={f} step={step} />
      </TldrawUiPopoverContent>
    </TldrawUiPopover>
  )
}

function AgendaList({ f, step }: { f: Facilitation; step: CurrentStep | undefined }) {
  const editor = useEditor()
  const instances = useValue('agenda instances', () => listedInstances(editor, f.step.get()), [editor, f])
  return (
    <div className="nws-popover nws-agenda">
      {instances.length === 0 && <p className="nws-popover__hint">{t.agendaEmpty}</p>}
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
