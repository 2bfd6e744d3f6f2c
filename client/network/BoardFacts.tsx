/** A network board's body (Gremium) and open items, as the Fahrplan shows and changes them. */
import { useState } from 'react'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { bodyLabel } from '../../shared/networkBodies.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { BodyField } from './BodyField.tsx'
import { openItemsOf } from './fahrplanFilter.ts'

export function BoardFacts({ board }: { board: NetworkBoard }) {
  const open = openItemsOf(board)
  if (!board.body && open === 0) return null
  return (
    <span className="nws-network-board__facts">
      {board.body && <span className="nws-network-board__body">{bodyLabel(board.body, locale)}</span>}
      {open > 0 && (
        <span className="nws-network-board__open" data-open-items={open}>
          {plural(locale, open, { one: t.openItemsOne, other: t.openItemsOther })}
        </span>
      )}
    </span>
  )
}

/** A chosen body is saved at once; a group's name once it is written and confirmed. */
export function BodyChoice(props: { board: NetworkBoard; groups: readonly string[]; busy: boolean; onSave(body: string): void }) {
  const { board, groups, busy, onSave } = props
  const [draft, setDraft] = useState<string | null>(null)
  const saved = board.body ?? ''
  return (
    <div className="nws-network-board__body-choice">
      <BodyField
        value={draft ?? saved}
        groups={groups}
        disabled={busy}
        onChange={(body, typed) => {
          if (typed) setDraft(body)
          else {
            setDraft(null)
            if (body !== saved) onSave(body)
          }
        }}
      />
      {draft !== null && draft.trim() !== '' && draft.trim() !== saved && (
        <button
          type="button"
          className="nws-button nws-button--secondary"
          disabled={busy}
          onClick={() => {
            onSave(draft.trim())
            setDraft(null)
          }}
        >
          {t.bodySave}
        </button>
      )}
    </div>
  )
}

export const boardCount = (count: number) => plural(locale, count, { one: t.phaseBoardsOne, other: t.phaseBoardsOther })
export const shownCount = (count: number, total: number) =>
  format(plural(locale, count, { one: t.filterShownOne, other: t.filterShownOther }), { total })
