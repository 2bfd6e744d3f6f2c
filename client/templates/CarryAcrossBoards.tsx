/**
 * Results carried across the boards of a network, for the facilitator who coordinates it: buttons
 * that carry into this template from templates on the network's other boards ("aus „Board A“"),
 * and the Herkunft of the Zettel carried into it, with whether their source changed since.
 */
import { useCallback, useEffect, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import type { Instance } from '../../shared/templates/instance.ts'
import { carriedState, carryRoutes } from '../../shared/results/carryOver.ts'
import { writtenBy } from '../../shared/results/carriedItems.ts'
import { templates as templateDefinitions, type TemplateName } from '../../shared/templates/registry.ts'
import { pick, type Locale } from '../../shared/locale.ts'
import { boardPartners } from '../../shared/templates/partners.ts'
import { format, plural } from '../i18n.ts'
import { t } from '../locale.ts'
import { networkSources, type NetworkSource } from '../network/networkSources.ts'
import { carriedNotesIn, carryFromBoard, noteTextsOf } from './carryNotes.ts'
import { boardInstances } from './pageInstances.ts'

export interface NetworkCarry {
  sources: NetworkSource[]
  failed: number
  /** Reads the other boards again (after a carry, or to see changes there). */
  reload(): void
}

/** The network's other boards as carry sources; read when the panel opens, for a facilitator only. */
export function useNetworkCarry(boardId: string, enabled: boolean): NetworkCarry | undefined {
  const [state, setState] = useState<{ sources: NetworkSource[]; failed: number }>()
  const [round, setRound] = useState(0)
  useEffect(() => {
    if (!enabled) return
    let current = true
    networkSources(boardId)
      .then((read) => current && setState(read))
      .catch(() => current && setState({ sources: [], failed: 1 }))
    return () => {
      current = false
    }
  }, [boardId, enabled, round])
  const reload = useCallback(() => setRound((r) => r + 1), [])
  return enabled && state ? { ...state, reload } : undefined
}

/** Every organisation the templates on the network's other boards name (a Beteiligtenanalyse's partners, a Planspiel's roles …). */
export const networkPartnerNames = (network: NetworkCarry): string[] => boardPartners(network.sources.flatMap((source) => source.templates))

const templateTitle = (template: string, title: string, locale: Locale) =>
  title || (template in templateDefinitions ? pick(templateDefinitions[template as TemplateName].title, locale) : template)

/** "„Maßnahmen“ übernehmen aus „Board A“: Zukunftskonferenz", one per route and source template. */
export function CarryFromBoards(props: { to: Instance; network: NetworkCarry; locale: Locale; report(message: string): void }) {
  const { to, network, locale, report } = props
  const editor = useEditor()
  const buttons = carryRoutes
    .filter((route) => route.to === to.template)
    .flatMap((route) =>
      network.sources.flatMap((board) => board.templates.filter((s) => s.template === route.from).map((source) => ({ route, board, source }))),
    )
  if (buttons.length === 0) return null
  const internal = buttons.some((b) => b.board.internal)
  return (
    <>
      {buttons.map(({ route, board, source }) => {
        const what = pick(route.what, locale)
        const from = templateTitle(source.template, source.title, locale)
        const label = format(board.internal ? t.carryFromBoardInternal : t.carryFromBoard, { what, board: board.board.title, source: from })
        const carry = () => {
          const { written, unassigned, held } = carryFromBoard(editor, route, board.board, source, to.title.id)
          if (held) return report(pick(held, locale))
          const noPlace = unassigned > 0 ? plural(locale, unassigned, { one: t.carriedNoPlaceOne, other: t.carriedNoPlaceOther }) : ''
          const carried = written === 0 ? '' : format(t.carriedFromBoard, { count: written, board: board.board.title })
          report([carried, noPlace].filter(Boolean).join(' · ') || t.carriedNone)
        }
        return (
          <button
            key={`${route.id}:${board.board.id}:${source.instance}`}
            type="button"
            className="nws-button nws-button--secondary nws-button--small"
            data-action={`carry-from:${route.id}`}
            data-board={board.board.id}
            onClick={carry}
          >
            {label}
          </button>
        )
      })}
      {internal && <p className="nws-field__hint nws-carry-hint">{t.carryInternalHint}</p>}
    </>
  )
}

/** At most this many carried Zettel are listed; the rest are counted. */
const maxListed = 40

/** Where each Zettel carried into this template came from, and whether its source changed since. */
export function CarriedOrigins(props: { instance: Instance; network: NetworkCarry; boardTitle: string; locale: Locale }) {
  const { instance, network, boardTitle, locale } = props
  const editor = useEditor()
  const carried = useValue('carried notes', () => carriedNotesIn(editor, instance), [editor, instance])
  // Sources on this board, read live; on other boards, as last read.
  const here = useValue(
    'carry sources here',
    () => {
      const ids = new Set(carried.filter((c) => !c.from.board).map((c) => c.from.instance))
      const instances = boardInstances(editor)
      return new Map(
        [...ids].map((id) => {
          const source = instances.find((i) => i.instance === id)
          const title = source ? editor.getShapeUtil(source.title).getText(source.title)?.trim() ?? '' : ''
          return [id, source ? { title: templateTitle(source.template, title, locale), texts: noteTextsOf(editor, id) } : undefined] as const
        }),
      )
    },
    [editor, carried, locale],
  )
  if (carried.length === 0) return null
  const rows = carried.slice(0, maxListed).map((note) => {
    let board = boardTitle
    let template: string | undefined
    let texts: ReadonlyMap<string, string> | undefined
    if (note.from.board) {
      const source = network.sources.find((s) => s.board.id === note.from.board)
      const read = source?.templates.find((s) => s.instance === note.from.instance)
      board = source?.board.title ?? t.carryOriginUnknownBoard
      template = read ? templateTitle(read.template, read.title, locale) : undefined
      // What the source's gate withholds now is left out of what it offers: not deleted, unknown.
      const route = carryRoutes.find((r) => r.id === note.from.route)
      const sections: readonly string[] = route ? [route.source.section].flat() : []
      const withheld = read?.held && (!route || sections.some((s) => read.held!.sections.includes(s)))
      texts = read && !withheld ? new Map(read.notes.map((n) => [n.id, n.text])) : undefined
    } else {
      const source = here.get(note.from.instance)
      template = source?.title
      texts = source?.texts
    }
    const state = texts ? carriedState(note.from, texts) : undefined
    const now = state === 'changed' ? texts!.get(note.from.note) : undefined
    return { note, board, template, state, now }
  })
  return (
    <section className="nws-carry-origins" aria-label={t.carryOrigins}>
      <h4>{t.carryOrigins}</h4>
      <ul>
        {rows.map(({ note, board, template, state, now }) => (
          <li key={note.id} data-note={note.id} data-state={state ?? ''}>
            <span className="nws-carry-origins__text">„{note.text}“</span>{' '}
            <span className="nws-carry-origins__from">
              {format(t.carryOriginFrom, { board, template: template ?? '–' })}
              {note.from.writer && ` · ${writtenBy(note.from.writer, locale)}`}
            </span>
            {state === 'changed' && (
              <span className="nws-carry-origins__state">
                {t.carryOriginChanged}
                {now !== undefined && `: ${format(t.carryOriginNow, { text: now })}`}
              </span>
            )}
            {state === 'deleted' && <span className="nws-carry-origins__state">{t.carryOriginDeleted}</span>}
          </li>
        ))}
      </ul>
      {carried.length > maxListed && <p className="nws-field__hint">{plural(locale, carried.length - maxListed, { one: t.carryOriginsMoreOne, other: t.carryOriginsMoreOther })}</p>}
      {network.failed > 0 && <p className="nws-field__hint">{t.carrySourcesFailed}</p>}
    </section>
  )
}
