/**
 * *Im ganzen Netzwerk suchen* on the Fahrplan: one search over every board the network's link
 * reads (`POST /api/networks/:id/search`), the results grouped by board, each in its context
 * with the words found marked. A result is a link: it opens the board (by the link the network
 * gives it) and the board shows the result there (`search/showOnArrival.ts`). Searched on
 * Enter or the button, not while typing: each search reads every board.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import type { BoardSearchHits, NetworkSearchAnswer, NetworkSearchHit } from '../../shared/networkBetween.ts'
import { maxSearchQuery } from '../../shared/networkBetween.ts'
import { problemText } from '../apiProblems.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { leaveToShow } from '../search/arrivalTarget.ts'
import { searchNetwork } from './betweenCalls.ts'
import { w } from './betweenWords.ts'
import type { NetworkAccess } from './networkAccess.ts'
import './between.css'
import { kindNames } from '../search/searchKinds.ts'

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; answer: NetworkSearchAnswer } | { kind: 'failed'; message: string }

export function NetworkSearch({ network, boards }: { network: NetworkAccess; boards: readonly NetworkBoard[] }) {
  const [query, setQuery] = useState('')
  const [state, setState] = useState<State>({ kind: 'idle' })
  const fieldId = useId()
  const hintId = useId()
  const links = new Map(boards.map((board) => [board.id, board.link]))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const asked = query.trim()
    if (!asked || state.kind === 'busy') return
    setState({ kind: 'busy' })
    try {
      setState({ kind: 'done', answer: await searchNetwork(network, asked) })
    } catch (error) {
      setState({ kind: 'failed', message: `${w('searchFailed')}: ${problemText(error)}` })
    }
  }

  return (
    <section className="nws-between nws-network-search" role="search" aria-labelledby={`${fieldId}-heading`}>
      <h2 id={`${fieldId}-heading`}>
        <label htmlFor={fieldId}>{w('searchHeading')}</label>
      </h2>
      <form className="nws-network-search__form" onSubmit={submit}>
        <input
          id={fieldId}
          type="search"
          className="nws-network-search__field"
          value={query}
          maxLength={maxSearchQuery}
          placeholder={w('searchPlaceholder')}
          aria-describedby={hintId}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="nws-button nws-button--small" aria-busy={state.kind === 'busy' || undefined}>
          {w('searchButton')}
        </button>
      </form>
      <p id={hintId} className="nws-between__hint">
        {w('searchHint')}
      </p>
      <p className="nws-network-search__status" role="status" aria-live="polite">
        {state.kind === 'busy' ? w('searching') : state.kind === 'failed' ? state.message : state.kind === 'done' ? summary(state.answer) : ''}
      </p>
      {state.kind === 'done' && state.answer.boards.length > 0 && (
        <ol className="nws-network-search__boards">
          {state.answer.boards.map((board) => (
            <BoardResults key={board.boardId} board={board} link={links.get(board.boardId) ?? null} />
          ))}
        </ol>
      )}
      {state.kind === 'done' && state.answer.truncated && <p className="nws-between__hint">{w('searchTruncated')}</p>}
    </section>
  )
}

function summary(answer: NetworkSearchAnswer): string {
  const hits = answer.boards.reduce((sum, board) => sum + board.total, 0)
  const unread = answer.unread > 0 ? ` ${plural(locale, answer.unread, { one: w('searchUnreadOne'), other: w('searchUnreadOther') })}` : ''
  if (hits === 0) return `${w('searchNone')}${unread}`
  const hitsText = plural(locale, hits, { one: w('hitsOne'), other: w('hitsOther') })
  const found = plural(locale, answer.boards.length, { one: w('searchFoundOne'), other: w('searchFoundOther') })
  return `${format(found, { hits: hitsText })}.${unread}`
}

function BoardResults({ board, link }: { board: BoardSearchHits; link: string | null }) {
  const headingId = useId()
  const count = plural(locale, board.total, { one: w('hitsOne'), other: w('hitsOther') })
  return (
    <li className="nws-network-search__board" data-board={board.boardId} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {link ? <a href={link}>{board.title}</a> : board.title}
        {board.internal && <span className="nws-badge">{w('internal')}</span>}
        <span className="nws-network-search__count">
          {board.hits.length < board.total ? `${count}, ${format(w('shownOfTotal'), { shown: board.hits.length, total: board.total })}` : count}
        </span>
      </h3>
      {!link && <p className="nws-between__hint">{w('noLink')}</p>}
      <ol className="nws-network-search__hits">
        {board.hits.map((hit) => (
          <li key={hit.key}>
            {link ? (
              <a
                href={link}
                className="nws-network-search__hit"
                onClick={() => leaveToShow(board.boardId, hit)}
                onAuxClick={() => leaveToShow(board.boardId, hit)}
              >
                <Hit hit={hit} />
              </a>
            ) : (
              <span className="nws-network-search__hit">
                <Hit hit={hit} />
              </span>
            )}
          </li>
        ))}
      </ol>
    </li>
  )
}


function Hit({ hit }: { hit: NetworkSearchHit }) {
  const kind = hit.kind === 'comment' ? format(t.searchKindComment, { name: hit.author?.trim() || '–' }) : kindNames[hit.kind]
  return (
    <>
      <span className="nws-network-search__text">{marked(hit)}</span>
      <span className="nws-network-search__where">
        <span className="nws-network-search__kind">{kind}</span> · {[hit.pageName, ...hit.where].join(' › ')}
      </span>
    </>
  )
}

/** The snippet with the parts found marked. */
function marked({ text, ranges, cutBefore, cutAfter }: NetworkSearchHit): ReactNode[] {
  const parts: ReactNode[] = cutBefore ? ['…'] : []
  let at = 0
  for (const [from, to] of ranges) {
    if (to <= at) continue
    if (from > at) parts.push(text.slice(at, from))
    parts.push(<mark key={from}>{text.slice(Math.max(from, at), to)}</mark>)
    at = to
  }
  parts.push(text.slice(at))
  if (cutAfter) parts.push('…')
  return parts
}
