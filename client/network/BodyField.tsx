/**
 * Which body (Gremium) meets on a board: the whole network, the steering group, or a Fachgruppe
 * or Arbeitsgruppe by its name, one of those the network already names or a new one.
 */
import { useId, useState } from 'react'
import { bodyLabel, maxBodyNameLength, standingBodies } from '../../shared/networkBodies.ts'
import { locale, t } from '../locale.ts'

const other = '\u0000other'

export function BodyField(props: { value: string; groups: readonly string[]; /** `typed`: a group's name as it is being written, not a choice made. */ onChange(body: string, typed: boolean): void; disabled?: boolean }) {
  const { value, groups, onChange, disabled } = props
  const id = useId()
  const known = value === '' || (standingBodies as readonly string[]).includes(value) || groups.includes(value)
  // A new group's name is being written: the choice stays on „other“ while it is.
  const [writing, setWriting] = useState(!known)
  const choice = writing ? other : value
  return (
    <div className="nws-body-field">
      <label htmlFor={`${id}-body`}>{t.bodyLabel}</label>
      <select
        id={`${id}-body`}
        value={choice}
        disabled={disabled}
        onChange={(e) => {
          const next = e.target.value
          setWriting(next === other)
          if (next !== other) onChange(next, false)
        }}
      >
        <option value="">{t.bodyNone}</option>
        {[...standingBodies, ...groups].map((body) => (
          <option key={body} value={body}>
            {bodyLabel(body, locale)}
          </option>
        ))}
        <option value={other}>{t.bodyOther}</option>
      </select>
      {writing && (
        <>
          <label htmlFor={`${id}-group`}>{t.bodyGroupName}</label>
          <input
            id={`${id}-group`}
            value={value}
            maxLength={maxBodyNameLength}
            placeholder={t.bodyGroupPlaceholder}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value, true)}
          />
        </>
      )}
    </div>
  )
}
