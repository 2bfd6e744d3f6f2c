/**
 * *Seit Ihrem letzten Besuch* at the top of the Fahrplan: per board, the Zettel and comments
 * written since this device last opened the Fahrplan, releases since then, and open items due
 * within two weeks (or overdue), summed up in one line with links to the boards. What the device
 * saw is remembered here only (`fahrplanMemory.ts`); the relay compares (`POST …/since`).
 */
import { useEffect, useState } from 'react'
import type { NetworkBoard } from '../../shared/networkApi.ts'
import type { BoardSince, NetworkSinceAnswer } from '../../shared/networkBetween.ts'
import { formatDate, localDay } from '../../shared/dates.ts'
import { problemText } from '../apiProblems.ts'
import { format, plural } from '../i18n.ts'
import { locale } from '../locale.ts'
import { networkSince } from './betweenCalls.ts'
import { DigestOptIn } from './DigestOptIn.tsx'
import { w, type BetweenWord } from './betweenWords.ts'
import { readFahrplanMemory, writeFahrplanMemory } from './fahrplanMemory.ts'
import type { NetworkAccess } from './networkAccess.ts'
import './between.css'

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'done'; answer: NetworkSinceAnswer; since: number | null }

const dateAndTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })

const count = (n: number, one: BetweenWord, other: BetweenWord) => plural(locale, n, { one: w(one), other: w(other) })

export function SinceLastVisit({ network, boards }: { network: NetworkAccess; boards: readonly NetworkBoard[] }) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const links = new Map(boards.map((board) => [board.id, board.link]))

  useEffect(() => {
    let cancelled = false
    const memory = readFahrplanMemory(localStorage, network.id)
    const now = Date.now()
    networkSince(network, { since: memory?.at ?? null, seen: memory?.seen ?? {}, day: localDay(new Date()) }).then(
      (answer) => {
        if (cancelled) return
        // A board not read this time (too large, busy) keeps what was seen of it before.
        const seen = { ...memory?.seen, ...Object.fromEntries(answer.boards.map((board) => [board.boardId, board.seen])) }
        writeFahrplanMemory(localStorage, network.id, { at: now, seen })
        setState({ kind: 'done', answer, since: memory?.at ?? null })
      },
      (error: unknown) => {
        if (!cancelled) setState({ kind: 'failed', message: `${w('sinceFailed')}: ${problemText(error)}` })
      },
    )
    return () => {
      cancelled = true
    }
    // Once per visit: what the page shows is compared with the visit before.
  }, [network.id, network.token])

  return (
    <section className="nws-between nws-since" aria-labelledby="since-heading" aria-busy={state.kind === 'loading' || undefined}>
      <h2 id="since-heading">{w('sinceHeading')}</h2>
      {state.kind === 'loading' && <p className="nws-between__hint">{w('sinceLoading')}</p>}
      {state.kind === 'failed' && <p className="nws-between__hint">{state.message}</p>}
      {state.kind === 'done' && <Summary answer={state.answer} since={state.since} links={links} />}
      <DigestOptIn network={network} />
    </section>
  )
}

function BoardLink({ board, links }: { board: { boardId: string; title: string }; links: ReadonlyMap<string, string | null> }) {
  const link = links.get(board.boardId)
  return link ? <a href={link}>{board.title}</a> : <span>{board.title}</span>
}

function Summary({ answer, since, links }: { answer: NetworkSinceAnswer; since: number | null; links: ReadonlyMap<string, string | null> }) {
  const changed = since === null ? [] : answer.boards.filter((b) => b.notes > 0 || b.comments > 0 || b.released !== null || b.firstSeen)
  const due = answer.boards.flatMap((board) => board.due.map((item) => ({ board, item }))).sort((a, b) => (a.item.day < b.item.day ? -1 : a.item.day > b.item.day ? 1 : 0))
  const when = since === null ? '' : dateAndTime.format(new Date(since))
  let line: string
  if (since === null) line = w('sinceFirst')
  else if (changed.length === 0) line = format(w('sinceNothing'), { date: when })
  else line = format(w('sinceWhen'), { what: totals(changed), date: when })
  return (
    <>
      <p className="nws-since__summary" data-news={changed.length > 0 || undefined}>
        {line}
      </p>
      {changed.length > 0 && (
        <ul className="nws-since__boards">
          {changed.map((board) => (
            <li key={board.boardId} data-board={board.boardId}>
              <BoardLink board={board} links={links} /> <span className="nws-since__what">{boardLine(board)}</span>
            </li>
          ))}
        </ul>
      )}
      {due.length > 0 && (
        <>
          <h3 className="nws-since__due-heading">{w('dueHeading')}</h3>
          <ul className="nws-since__due">
            {due.map(({ board, item }, i) => (
              <li key={`${board.boardId}-${i}`} data-overdue={item.overdue || undefined}>
                <strong className="nws-since__day">{format(w(item.overdue ? 'overdue' : 'dueBy'), { date: formatDate(item.day, locale) })}</strong>{' '}
                {item.what}
                {item.who && ` – ${item.who}`} · <BoardLink board={board} links={links} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

function totals(changed: readonly BoardSince[]): string {
  const sum = (pick: (b: BoardSince) => number) => changed.reduce((total, board) => total + pick(board), 0)
  const notes = sum((b) => b.notes)
  const comments = sum((b) => b.comments)
  const releases = sum((b) => (b.released ? 1 : 0))
  const fresh = sum((b) => (b.firstSeen ? 1 : 0))
  const parts = [
    notes > 0 && count(notes, 'notesOne', 'notesOther'),
    comments > 0 && count(comments, 'commentsOne', 'commentsOther'),
    releases > 0 && count(releases, 'releasesOne', 'releasesOther'),
    fresh > 0 && count(fresh, 'newBoardsOne', 'newBoardsOther'),
  ].filter((part): part is string => !!part)
  return `${parts.join(', ')} ${count(changed.length, 'onBoardsOne', 'onBoardsOther')}`
}

function boardLine(board: BoardSince): string {
  const parts = [
    board.firstSeen && w('newInNetwork'),
    board.notes > 0 && count(board.notes, 'notesOne', 'notesOther'),
    board.comments > 0 && count(board.comments, 'commentsOne', 'commentsOther'),
    board.released && format(w('releasedOn'), { date: formatDate(board.released, locale) }),
  ].filter((part): part is string => !!part)
  return parts.join(' · ')
}
