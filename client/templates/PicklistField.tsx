/**
 * Pick from suggestions (typical organisations) and add your own: the value is the checked
 * entries, suggestions first, then own entries in the order they were added.
 */
import { useId, useState, type KeyboardEvent } from 'react'
import { t } from '../locale.ts'

export const maxEntryLength = 80

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0

export function PicklistField(props: {
  legend: string
  suggestions: readonly string[]
  value: readonly string[]
  onChange(value: string[]): void
  /** At most this many entries may be checked (the template's own limit). */
  max: number
}) {
  const { legend, suggestions, value, onChange, max } = props
  const id = useId()
  // Own entries stay listed when unchecked, so that a slip of the mouse does not lose them.
  const [own, setOwn] = useState<string[]>(() => value.filter((v) => !suggestions.some((s) => same(s, v))))
  const [draft, setDraft] = useState('')
  const entries = [...suggestions, ...own]
  const isChecked = (entry: string) => value.some((v) => same(v, entry))
  const full = value.length >= max

  const toggle = (entry: string, checked: boolean) =>
    onChange(entries.filter((e) => (same(e, entry) ? checked : isChecked(e))))

  const add = () => {
    const name = draft.trim().slice(0, maxEntryLength)
    if (!name) return
    const known = entries.find((e) => same(e, name))
    const nextOwn = known ? own : [...own, name]
    if (!known) setOwn(nextOwn)
    const checked = new Set([...value, known ?? name])
    onChange([...suggestions, ...nextOwn].filter((e) => checked.has(e)))
    setDraft('')
  }

  const onDraftKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return
    // Enter adds the entry instead of submitting the whole form.
    event.preventDefault()
    add()
  }

  return (
    <fieldset className="nws-picklist">
      <legend>{legend}</legend>
      <ul className="nws-picklist__entries">
        {entries.map((entry, i) => (
          <li key={entry}>
            <label>
              <input
                type="checkbox"
                checked={isChecked(entry)}
                disabled={full && !isChecked(entry)}
                onChange={(e) => toggle(entry, e.target.checked)}
              />
              <span>{entry}</span>
              {i >= suggestions.length && <span className="nws-picklist__own" aria-hidden="true">✎</span>}
            </label>
          </li>
        ))}
      </ul>
      <label className="nws-field__label" htmlFor={`${id}-other`}>
        {t.picklistOther}
      </label>
      <div className="nws-picklist__add">
        <input
          id={`${id}-other`}
          value={draft}
          maxLength={maxEntryLength}
          placeholder={t.picklistOtherPlaceholder}
          disabled={full}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onDraftKey}
        />
        <button type="button" className="nws-button nws-button--secondary" disabled={full || !draft.trim()} onClick={add}>
          {t.picklistAdd}
        </button>
      </div>
      {value.length === 0 && (
        <p className="nws-field__hint" role="status">
          {t.picklistEmpty}
        </p>
      )}
    </fieldset>
  )
}
