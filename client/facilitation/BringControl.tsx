/**
 * „Alle zu …“ for the facilitator: the parts of the page (its templates, a returned group's
 * result, a frame: `boardSections.ts`) and each template's steps, to bring everyone to by name.
 * The part becomes the room's focus in the doc (`focus.ts`): every list shows it, a phone that
 * comes later lands on it, and every canvas is brought there as by „Alle zu mir“.
 */
import { TldrawUiPopover, TldrawUiPopoverContent, TldrawUiPopoverTrigger, uniqueId, useEditor, useValue, type Editor } from 'tldraw'
import { useState } from 'react'
import { chooseStep } from '../../shared/board/entries/step.ts'
import { agendaSteps } from '../../shared/templates/steps.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { boardSections, type BoardSection } from '../board/boardSections.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { showBounds } from '../templates/showInView.ts'
import { stepPlace } from './agenda.ts'
import { slideView } from './presentation.ts'
import { wallSlide } from './wallSlide.ts'

/** Brings everyone to the section, or to one of its template's steps (which becomes the current step). */
export function bringTo(editor: Editor, f: Facilitation, section: BoardSection, stepKey?: string) {
  const now = f.clock.now()
  const pageId = editor.getCurrentPageId()
  const instance = stepKey ? section.instance : undefined
  const area = (instance && stepPlace(editor, { instance, steps: agendaSteps(instance), pageId }, stepKey!).area) || section.bounds
  f.bring({ part: section.key, pageId, bounds: section.bounds, ...(instance ? { step: stepKey } : {}), at: now }, instance ? chooseStep(instance.instance, stepKey!, now) : undefined)
  if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
  showBounds(editor, area)
  f.summon({ id: uniqueId(), bounds: slideView({ bounds: area }), pageId, at: now, part: true })
}

export function BringControl() {
  const f = useFacilitation()
  const [open, setOpen] = useState(false)
  // While presenting, each slide brings everyone along, and the presenter bar needs the room.
  const presenting = useValue('presenting', () => wallSlide.get() !== undefined, [])
  if (!f.isFacilitator || presenting) return null
  return (
    <TldrawUiPopover id="netzwerkstatt-bring" open={open} onOpenChange={setOpen}>
      <TldrawUiPopoverTrigger>
        <button type="button" className="nws-chip nws-chip--action" data-action="bring" title={t.bringHint}>
          {t.bringButton}
        </button>
      </TldrawUiPopoverTrigger>
      <TldrawUiPopoverContent side="bottom" align="center" sideOffset={6} collisionPadding={8}>
        <BringList f={f} onBrought={() => setOpen(false)} />
      </TldrawUiPopoverContent>
    </TldrawUiPopover>
  )
}

function BringList({ f, onBrought }: { f: Facilitation; onBrought(): void }) {
  const editor = useEditor()
  const sections = useValue('parts to bring everyone to', () => boardSections(editor), [editor])
  const focus = useValue('focus', () => f.focus.get(), [f])
  const pageId = useValue('page', () => editor.getCurrentPageId(), [editor])
  const bring = (section: BoardSection, step?: string) => {
    bringTo(editor, f, section, step)
    onBrought()
  }
  const isCurrent = (section: BoardSection, step?: string) => focus?.pageId === pageId && focus.part === section.key && focus.step === step && !focus.cells
  return (
    <div className="nws-popover nws-agenda nws-bring">
      <p className="nws-popover__hint">{t.bringIntro}</p>
      {sections.map((section) => {
        const steps = section.instance ? agendaSteps(section.instance) : []
        return (
          <section key={section.key} className="nws-agenda__instance" data-part={section.key}>
            <div className="nws-agenda__step" data-current={isCurrent(section) || undefined}>
              <h3 className="nws-agenda__title nws-agenda__name">
                {section.label}
                {isCurrent(section) && <span className="nws-agenda__badge">{t.agendaCurrent}</span>}
              </h3>
              <button type="button" className="nws-pill nws-pill--primary" data-action="bring-part" aria-label={format(t.bringNamed, { part: section.label })} onClick={() => bring(section)}>
                {t.bringHere}
              </button>
            </div>
            {steps.length > 0 && (
              <ol className="nws-agenda__steps">
                {steps.map((step) => (
                  <li key={step.key} className="nws-agenda__step" data-step={step.key} data-current={isCurrent(section, step.key) || undefined}>
                    <span className="nws-agenda__name">
                      {step.label}
                      {isCurrent(section, step.key) && <span className="nws-agenda__badge">{t.agendaCurrent}</span>}
                    </span>
                    <button type="button" className="nws-pill" data-action="bring-step" aria-label={format(t.bringNamed, { part: step.label })} onClick={() => bring(section, step.key)}>
                      {t.bringHere}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </section>
        )
      })}
    </div>
  )
}
