/**
 * Above the Fahrplan's phases: search over board titles and filters by phase, method, body
 * (Gremium) and open items, with how many boards match. Stays one row on a projector, wraps on
 * a laptop, stacks on a phone.
 */
import { useId } from 'react'
import { pick } from '../../shared/locale.ts'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { bodyLabel } from '../../shared/networkBodies.ts'
import { phaseNumber, phases, type PhaseId } from '../../shared/templates/phases.ts'
import { templates, type TemplateName } from '../../shared/templates/registry.ts'
import { locale, t } from '../locale.ts'
import { shownCount } from './BoardFacts.tsx'
import { bodiesOf, isFiltering, methodsOf, noFilter, type FahrplanFilter } from './fahrplanFilter.ts'
import './fahrplanFilter.css'

export function FahrplanFilterBar(props: { boards: readonly NetworkBoard[]; shown: number; filter: FahrplanFilter; onFilter(filter: FahrplanFilter): void }) {
  const { boards, shown, filter, onFilter } = props
  const id = useId()
  const set = (change: Partial<FahrplanFilter>) => onFilter({ ...filter, ...change })
  const methods = methodsOf(boards)
  const bodies = bodiesOf(boards)
  return (
    <section className="nws-fahrplan-filter" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="nws-fahrplan-filter__heading">
        {t.filterHeading}
      </h2>
      <div className="nws-fahrplan-filter__fields">
        <div className="nws-fahrplan-filter__field nws-fahrplan-filter__field--search">
          <label htmlFor={`${id}-query`}>{t.filterSearch}</label>
          <input id={`${id}-query`} type="search" value={filter.query} placeholder={t.filterSearchPlaceholder} onChange={(e) => set({ query: e.target.value })} />
        </div>
        <div className="nws-fahrplan-filter__field">
          <label htmlFor={`${id}-phase`}>{t.filterPhase}</label>
          <select id={`${id}-phase`} value={filter.phase ?? ''} onChange={(e) => set({ phase: (e.target.value || null) as PhaseId | null })}>
            <option value="">{t.filterAll}</option>
            {phases.map((p) => (
              <option key={p.id} value={p.id}>
                {phaseNumber(p.id)} · {pick(p.title, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="nws-fahrplan-filter__field">
          <label htmlFor={`${id}-method`}>{t.filterMethod}</label>
          <select id={`${id}-method`} value={filter.method ?? ''} onChange={(e) => set({ method: (e.target.value || null) as TemplateName | null })}>
            <option value="">{t.filterAll}</option>
            {methods.map((name) => (
              <option key={name} value={name}>
                {pick(templates[name].title, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="nws-fahrplan-filter__field">
          <label htmlFor={`${id}-body`}>{t.filterBody}</label>
          {/* "*" for all: '' is a choice of its own (boards whose body nobody gave). */}
          <select id={`${id}-body`} value={filter.body ?? '*'} onChange={(e) => set({ body: e.target.value === '*' ? null : e.target.value })}>
            <option value="*">{t.filterAll}</option>
            {bodies.map((body) => (
              <option key={body} value={body}>
                {body === '' ? t.bodyNone : bodyLabel(body, locale)}
              </option>
            ))}
          </select>
        </div>
        <label className="nws-check nws-fahrplan-filter__open">
          <input type="checkbox" checked={filter.openItems} onChange={(e) => set({ openItems: e.target.checked })} />
          <span>{t.filterOpenItems}</span>
        </label>
      </div>
      <div className="nws-fahrplan-filter__count">
        <p role="status">{shownCount(shown, boards.length)}</p>
        {isFiltering(filter) && (
          <button type="button" className="nws-link-button" onClick={() => onFilter(noFilter)}>
            {t.filterReset}
          </button>
        )}
      </div>
    </section>
  )
}
