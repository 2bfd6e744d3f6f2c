/** The templates on the current page: show one, or grow it (one more row, scene, group…). */
import { useId, useState, type FormEvent, type MouseEvent } from 'react'
import { useEditor, useValue } from 'tldraw'
import type { GrowAction } from '../../shared/templates/definition.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { pick, type Locale } from '../../shared/locale.ts'
import { format, plural } from '../i18n.ts'
import { t } from '../locale.ts'
import { growTemplate } from './growTemplate.ts'
import { boardInstances, boardPartnerNames, pageInstances } from './pageInstances.ts'
import { missingPartners, uniqueNames } from '../../shared/templates/partners.ts'
import { candidateNames } from './candidates.ts'
import { showShapes } from './showInView.ts'
import { TemplateTools } from './TemplateTools.tsx'
import { carryRoutes } from '../../shared/results/carryOver.ts'
import { carryNotes } from './carryNotes.ts'
import { CarriedOrigins, CarryFromBoards, networkPartnerNames, type NetworkCarry } from './CarryAcrossBoards.tsx'
import { useOpenBoard } from '../board/boardContext.ts'

/**
 * `canGrow`: whether this person may change template scaffold now (see `mayChangeScaffold`);
 * `canWrite`: whether they write at all (a service card is a note). Observers only look.
 */
export function BoardTemplatesList(props: {
  locale: Locale
  canGrow: boolean
  canWrite: boolean
  /** The network's other boards (for the facilitator who coordinates it). */
  network?: NetworkCarry
}) {
  const { locale, canGrow, canWrite } = props
  const editor = useEditor()
  const headingId = useId()
  const instances = useValue('template instances', () => pageInstances(editor), [editor])
  const { title: boardTitle } = useOpenBoard()
  const network = canWrite ? props.network : undefined
  return (
    <section className="nws-templates__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t.templatesOnBoard}</h3>
      {instances.length === 0 ? (
        <p className="nws-field__hint">{t.templatesOnBoardEmpty}</p>
      ) : (
        <ul className="nws-instances">
          {instances.map((instance) => (
            <InstanceItem key={instance.instance} instance={instance} locale={locale} canGrow={canGrow} canWrite={canWrite} network={network} boardTitle={boardTitle} />
          ))}
        </ul>
      )}
    </section>
  )
}

function InstanceItem(props: {
  instance: Instance<TemplateName>
  locale: Locale
  canGrow: boolean
  canWrite: boolean
  network: NetworkCarry | undefined
  boardTitle: string
}) {
  const { instance, locale, canGrow, canWrite, network, boardTitle } = props
  const editor = useEditor()
  const partners = useValue('board partners', () => boardPartnerNames(editor), [editor])
  // Names noted as candidates come first (a Beteiligtenanalyse's "Genannt, noch zu prüfen").
  const candidates = useValue('partner candidates', () => candidateNames(editor, instance), [editor, instance])
  const [message, setMessage] = useState('')
  const titleText = editor.getShapeUtil(instance.title).getText(instance.title)?.trim()
  const title = titleText || pick(instance.definition.title, locale)
  // Shown beside the open panel, not under it.
  const show = (event: MouseEvent<HTMLElement>) =>
    showShapes(editor, [...instance.shapes.values()].map((s) => s.id), event.currentTarget.closest('.nws-templates'))
  return (
    <li className="nws-instance" data-instance={instance.instance} data-template={instance.template}>
      <div className="nws-instance__head">
        <span className="nws-instance__title">{title}</span>
        <button
          type="button"
          className="nws-button nws-button--secondary nws-button--small"
          aria-label={format(t.templatesShowNamed, { title })}
          onClick={show}
        >
          {t.templatesShow}
        </button>
      </div>
      {canWrite && (
        <div className="nws-instance__actions">
          {canGrow &&
            instance.definition.actions.map((action) => (
              <GrowActionButton
                key={action.id}
                instanceId={instance.instance}
                action={action}
                locale={locale}
                report={setMessage}
                suggestions={
                  action.offersPartners ? missingPartners(uniqueNames([...candidates, ...partners, ...(network ? networkPartnerNames(network) : [])]), instance.options) : []
                }
              />
            ))}
          <TemplateTools template={instance.template} instanceId={instance.instance} locale={locale} canGrow={canGrow} report={setMessage} />
          <CarryButtons from={instance} locale={locale} report={setMessage} />
          {network && <CarryFromBoards to={instance} network={network} locale={locale} report={setMessage} />}
          <p className="nws-field__hint nws-instance__message" role="status">
            {message}
          </p>
        </div>
      )}
      {canWrite && network && <CarriedOrigins instance={instance} network={network} boardTitle={boardTitle} locale={locale} />}
    </li>
  )
}

/**
 * "Übernehmen nach …": one button per route from this template to another one on the board; a
 * target on another page says which.
 */
function CarryButtons(props: { from: Instance; locale: Locale; report(message: string): void }) {
  const { from, locale, report } = props
  const editor = useEditor()
  const session = useOpenBoard()
  const targets = useValue('carry targets', () => boardInstances(editor), [editor])
  const pages = useValue('pages', () => editor.getPages(), [editor])
  const here = useValue('current page', () => editor.getCurrentPageId(), [editor])
  const buttons = carryRoutes
    .filter((route) => route.from === from.template)
    .flatMap((route) => targets.filter((to) => to.template === route.to && to.instance !== from.instance).map((to) => ({ route, to })))
  if (buttons.length === 0) return null
  return (
    <>
      {buttons.map(({ route, to }) => {
        const target = editor.getShapeUtil(to.title).getText(to.title)?.trim() || pick(to.definition.title, locale)
        const pageId = editor.getAncestorPageId(to.title)
        const page = pageId !== here ? pages.find((p) => p.id === pageId)?.name : undefined
        const what = pick(route.what, locale)
        const carry = () => {
          const { written, unassigned, held } = carryNotes(editor, route, from.title.id, to.title.id, session.facilitation.entries.meeting.get().date, session.facilitation.entries.writers.get())
          if (held) return report(pick(held, locale))
          const noPlace = unassigned > 0 ? plural(locale, unassigned, { one: t.carriedNoPlaceOne, other: t.carriedNoPlaceOther }) : ''
          const carried = written === 0 ? '' : page !== undefined ? format(t.carriedToPage, { count: written, target, page }) : format(t.carried, { count: written, target })
          report([carried, noPlace].filter(Boolean).join(' · ') || t.carriedNone)
        }
        return (
          <button
            key={`${route.id}:${to.title.id}`}
            type="button"
            className="nws-button nws-button--secondary nws-button--small"
            data-action={`carry:${route.id}`}
            data-target={to.instance}
            onClick={carry}
          >
            {page !== undefined ? format(t.carryToPage, { what, target, page }) : format(t.carryTo, { what, target })}
          </button>
        )
      })}
    </>
  )
}

/** A grow action; one that needs a name asks for it right here. */
function GrowActionButton(props: {
  instanceId: string
  action: GrowAction<unknown>
  locale: Locale
  report(message: string): void
  /** Names to pick from (the board's partners this template lacks). */
  suggestions: readonly string[]
}) {
  const { instanceId, action, locale, report, suggestions } = props
  const editor = useEditor()
  const id = useId()
  const [asking, setAsking] = useState(false)
  const [name, setName] = useState('')
  const label = pick(action.label, locale)

  const grow = (input?: string) => report(growTemplate(editor, instanceId, action.id, input) === 'refused' ? t.templatesAtLimit : '')

  if (!action.input || !asking) {
    const run = () => {
      report('')
      if (action.input) setAsking(true)
      else grow()
    }
    return (
      <button type="button" className="nws-button nws-button--secondary nws-button--small" data-action={action.id} onClick={run}>
        {label}
      </button>
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    grow(name.trim())
    setName('')
    setAsking(false)
  }
  return (
    <form className="nws-grow-input" onSubmit={submit} aria-label={label}>
      <label className="nws-field__label" htmlFor={id}>
        {pick(action.input, locale)}
      </label>
      <input
        id={id}
        value={name}
        maxLength={80}
        autoFocus
        list={suggestions.length > 0 ? `${id}-partners` : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      {suggestions.length > 0 && (
        <datalist id={`${id}-partners`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <div className="nws-grow-input__buttons">
        <button type="submit" className="nws-button nws-button--small" disabled={!name.trim()}>
          {t.templatesAdd}
        </button>
        <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => setAsking(false)}>
          {t.templatesCancel}
        </button>
      </div>
    </form>
  )
}
