/**
 * The panel the Vorlagen button in the board's top-right corner opens (`TemplatesMenu.tsx`):
 * insert a template, grow the ones on this page, export the results. Escape closes the panel.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useEditor, useValue } from 'tldraw'
import { canEdit } from '../../shared/access.ts'
import { mayChangeScaffold } from '../../shared/board/entries/scaffold.ts'
import { pick, type Locale } from '../../shared/locale.ts'
import { everyPhase, phaseNumber, phases, type Phase } from '../../shared/templates/phases.ts'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { scaffoldUnlocked } from '../board/facilitation/scaffoldState.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { BoardTemplatesList } from './BoardTemplatesList.tsx'
import { ExportLinks } from './ExportLinks.tsx'
import { insertTemplate } from './insertTemplate.ts'
import { boardPartnerNames } from './pageInstances.ts'
import { TemplateOptionsForm, type TemplateOptions } from './TemplateOptionsForm.tsx'
import { networkPartnerNames, useNetworkCarry } from './CarryAcrossBoards.tsx'
import { uniqueNames } from '../../shared/templates/partners.ts'
import { FormError } from '../FormError.tsx'
import { PhaseQuestions } from './PhaseQuestions.tsx'
import { boardCases, networkCaseDays } from './boardCases.ts'

/** Opened by `TemplatesMenu` (its button is in the editor's chunk; this panel in a chunk of its own). */
export function TemplatesPanel(props: { id: string; onClose(refocus: boolean): void }) {
  const { id, onClose } = props
  const editor = useEditor()
  const { role, facilitation, boardId } = useOpenBoard()
  // The network's other boards, for the facilitator whose browser coordinates it: results and partners to take over.
  const network = useNetworkCarry(boardId, role === 'facilitator')
  // Templates are scaffold: inserted and grown by whoever may change it now.
  const unlocked = useValue('scaffold unlocked', () => scaffoldUnlocked(facilitation), [facilitation])
  const mayBuild = mayChangeScaffold(role, unlocked)
  const heading = useRef<HTMLHeadingElement>(null)
  const panel = useRef<HTMLElement>(null)
  useEffect(() => heading.current?.focus(), [])

  // Escape closes the panel and nothing else: caught before it reaches the editor's container,
  // where it would also clear the selection (itself an undo step).
  useEffect(() => {
    const element = panel.current
    if (!element) return
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.isComposing) return
      event.stopPropagation()
      event.preventDefault()
      onClose(true)
    }
    element.addEventListener('keydown', onEscape)
    return () => element.removeEventListener('keydown', onEscape)
  }, [onClose])

  // Other keys typed here are no tldraw shortcuts (a letter on a checkbox would switch tools).
  const onKeyDown = (event: KeyboardEvent) => event.stopPropagation()

  const insert = (name: TemplateName, options: TemplateOptions) => {
    insertTemplate(editor, name, options, locale)
    onClose(false)
    // Back to the canvas, where the template is and where undo takes it away again.
    editor.focus()
    editor.getContainer().focus()
  }

  return (
    <section ref={panel} id={id} className="nws-templates" role="dialog" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
      <header className="nws-templates__header">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t.templatesTitle}
        </h2>
        <button type="button" className="nws-icon-button" aria-label={t.templatesClose} title={t.templatesClose} onClick={() => onClose(true)}>
          ×
        </button>
      </header>
      <div className="nws-templates__body">
        {mayBuild ? (
          <TemplateInserter
            locale={locale}
            onInsert={insert}
            networkPartners={network ? networkPartnerNames(network) : []}
            networkCases={network ? networkCaseDays(network.sources) : []}
          />
        ) : (
          <p className="nws-templates__section nws-field__hint">
            {canEdit(role) ? t.templatesLockedHint : t.templatesObserverHint}
          </p>
        )}
        <BoardTemplatesList locale={locale} canGrow={mayBuild} canWrite={canEdit(role)} network={network} />
        <ExportLinks />
      </div>
    </section>
  )
}

/** The methods in the handbook's order, under their phases' titles with H 1.1's guiding questions; the recurring ones under their own heading. */
const templateGroups: ReadonlyArray<{ key: string; title(locale: Locale): string; templates: readonly TemplateName[]; phase?: Phase }> = [
  ...phases.map((phase) => ({ key: phase.id, title: (l: Locale) => `${phaseNumber(phase.id)} · ${pick(phase.title, l)}`, templates: phase.methods, phase })),
  { key: 'everyPhase', title: () => t.templatesEveryMeeting, templates: everyPhase },
]

function TemplateInserter(props: { locale: Locale; onInsert(name: TemplateName, options: TemplateOptions): void; networkPartners: readonly string[]; networkCases: readonly string[] }) {
  const { locale, onInsert, networkPartners, networkCases } = props
  const editor = useEditor()
  const cases = useValue('board cases', () => boardCases(editor, networkCases), [editor, networkCases])
  const onBoard = useValue('board partners', () => boardPartnerNames(editor), [editor])
  // This board's partners first, then those the network's other boards name.
  const partners = uniqueNames([...onBoard, ...networkPartners])
  const [chosen, setChosen] = useState<TemplateName | null>(null)
  const [error, setError] = useState<string | null>(null)
  const chosenHeading = useRef<HTMLHeadingElement>(null)
  const headingId = useId()
  useEffect(() => {
    if (chosen) chosenHeading.current?.focus()
  }, [chosen])

  const insert = (name: TemplateName, options: TemplateOptions) => {
    try {
      onInsert(name, options)
    } catch (e) {
      setError(format(t.templatesFailed, { error: e instanceof Error ? e.message : String(e) }))
    }
  }

  return (
    <section className="nws-templates__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t.templatesChoose}</h3>
      {chosen === null ? (
        <div className="nws-template-groups">
          {templateGroups.map((group) => (
            <section key={group.key} className="nws-template-group" aria-labelledby={`${headingId}-${group.key}`}>
              <h4 id={`${headingId}-${group.key}`} className="nws-template-group__title">
                {group.title(locale)}
              </h4>
              {group.phase && <PhaseQuestions phase={group.phase} locale={locale} />}
              <ul className="nws-template-choices">
                {group.templates.map((name) => (
                  <li key={name}>
                    <button type="button" className="nws-template-choice" data-template={name} onClick={() => setChosen(name)}>
                      <span className="nws-template-choice__title">{pick(templates[name].title, locale)}</span>
                      <span className="nws-template-choice__text">{pick(templates[name].description, locale)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : (
        <div className="nws-template-chosen">
          <button
            type="button"
            className="nws-back"
            onClick={() => {
              setChosen(null)
              setError(null)
            }}
          >
            ← {t.templatesBack}
          </button>
          <h4 ref={chosenHeading} tabIndex={-1}>
            {pick(templates[chosen].title, locale)}
          </h4>
          <p className="nws-field__hint">{pick(templates[chosen].description, locale)}</p>
          <TemplateOptionsForm key={chosen} name={chosen} locale={locale} partners={partners} cases={cases} onInsert={(options) => insert(chosen, options)} />
          <FormError error={error} />
        </div>
      )}
    </section>
  )
}
