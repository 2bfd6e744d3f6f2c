/**
 * Private writing in the browser (`shared/board/entries/private.ts`): the facilitator opens
 * a round and reveals it; participants see that their new notes stay hidden, and their browser
 * keeps those notes on the relay (and brings them back after a reload). The relay, not this
 * code, makes sure nobody else receives them.
 */
import { useEffect, useState } from 'react'
import { react, uniqueId, unsafe__withoutCapture, useEditor, useValue, type Editor, type TLNoteShape, type TLRecord } from 'tldraw'
import { readRecord } from '../../shared/board/records.ts'
import { privateMetaKey, writesPrivately } from '../../shared/board/entries/private.ts'
import { ApiError, fetchOwnPrivateNotes, revealPrivateNotes, sendOwnPrivateNotes } from '../api.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import type { OpenBoard } from '../board/openBoard.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { writerSecret } from '../writerSecret.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { privateSendProblem, privateSendProblemOf, retriedByItself, type PrivateSendProblem } from './privateSendProblem.ts'
import { WordsAfterReveal } from './wordsAfterReveal.ts'

const roundOf = (record: TLRecord) =>
  record.typeName === 'shape' ? ((record.meta as Record<string, unknown>)[privateMetaKey] as string | undefined) : undefined

export function PrivateWritingControl() {
  const session = useOpenBoard()
  const f = useFacilitation()
  const round = useValue('private round', () => f.private.get(), [f])
  /** Why the last reveal failed: the board has no room for the notes, or anything else. */
  const [error, setError] = useState<false | 'full' | 'failed'>(false)
  // Notes of the last reveal that were no participant's valid note (`privateApi.ts`).
  const [leftOut, setLeftOut] = useState(0)
  // Notes the last reveal had no room for: still private, the round still open.
  const [waiting, setWaiting] = useState(0)
  if (f.isFacilitator) {
    if (!round) {
      const start = (
        <button
          type="button"
          className="nws-facilitation-button"
          data-action="private-start"
          title={t.privateStartHint}
          onClick={() => f.openPrivateRound({ id: uniqueId(), startedAt: f.clock.now() })}
        >
          {t.privateStart}
        </button>
      )
      if (leftOut === 0) return start
      return (
        <div className="nws-private" role="status">
          {start}
          <span className="nws-private__error" data-testid="private-left-out">
            {format(t.privateLeftOut, { notes: leftOut })}
          </span>
        </div>
      )
    }
    const reveal = () => {
      setError(false)
      setLeftOut(0)
      setWaiting(0)
      revealPrivateNotes(session.boardId, session.token, round.id).then(
        (outcome) => {
          setLeftOut(outcome.leftOut)
          setWaiting(outcome.waiting)
        },
        (failure: unknown) => setError(failure instanceof ApiError && failure.status === 507 ? 'full' : 'failed'),
      )
    }
    return (
      <div className="nws-private" role="status">
        <button
          type="button"
          className="nws-facilitation-button nws-private__reveal"
          data-action="private-reveal"
          title={format(t.privateRevealWriters, { writers: round.writers ?? 0 })}
          onClick={reveal}
        >
          {plural(locale, round.notes ?? 0, { one: t.privateRevealOne, other: t.privateReveal })}
        </button>
        {error && <span className="nws-private__error">{error === 'full' ? t.privateRevealBoardFull : t.privateRevealFailed}</span>}
        {!error && waiting > 0 && (
          <span className="nws-private__error" data-testid="private-waiting">
            {format(plural(locale, waiting, { one: t.privateRevealWaitingOne, other: t.privateRevealWaiting }), { notes: waiting })}
          </span>
        )}
      </div>
    )
  }
  if (!round || session.role !== 'participant') return null
  return <PrivateNotice />
}

const problemTexts: Record<PrivateSendProblem, string> = {
  full: t.privateNotSavedFull,
  tooLong: t.privateNotSavedTooLong,
  busy: t.privateNotSavedBusy,
  failed: t.privateNotSavedFailed,
}

function PrivateNotice() {
  const session = useOpenBoard()
  const problem = useValue(privateSendProblem(session))
  return (
    <div className="nws-private nws-private__notice">
      <p role="status">{t.privateNotice}</p>
      {problem && (
        <p className="nws-private__error" role="alert" data-private-problem={problem}>
          {problemTexts[problem]}
        </p>
      )}
    </div>
  )
}

/** Keeps this browser's private notes on the relay; mounted for participants only. */
export function PrivateNotesSync() {
  const editor = useEditor()
  const session = useOpenBoard()
  const f = useFacilitation()
  useEffect(() => (writesPrivately(session.role) ? syncPrivateNotes(editor, session, f) : undefined), [editor, session, f])
  return null
}

/** After a send refused for now or lost on the way. */
const retryAfterMs = 5_000

function syncPrivateNotes(editor: Editor, session: OpenBoard, f: Facilitation): () => void {
  const writer = writerSecret()
  const { store } = editor
  // Sent only once the round's stored notes are back in this browser: an empty list sent before
  // would withdraw them.
  let loaded: string | undefined
  let sent = ''
  let timer: ReturnType<typeof setTimeout> | undefined
  // What the timer will send, so that leaving the page can send it at once instead.
  let due: { roundId: string; json: string } | undefined
  // One request at a time, in order, so that the relay ends up with the last state.
  let queue = Promise.resolve()
  const afterReveal = new WordsAfterReveal(editor, (id) => readRecord(session.connection.doc, id) !== undefined)

  const problem = privateSendProblem(session)
  const sendDue = (keepalive: boolean) => {
    clearTimeout(timer)
    if (!due) return
    const { roundId, json } = due
    due = undefined
    sent = json
    const sending = () =>
      sendOwnPrivateNotes(session.boardId, session.token, writer, roundId, JSON.parse(json) as unknown[], keepalive).then(
        () => {
          if (sent !== json) return
          problem.set(null)
          forgetUnsent(roundId)
        },
        (error: unknown) => {
          // Refused because the round was revealed meanwhile: `afterReveal` brings the words.
          if (f.private.get()?.id !== roundId) return forgetUnsent(roundId)
          // Refused or lost: the writer is told, the words stay in this tab across a reload, and
          // the next change (or, for a passing refusal, a retry) sends them again.
          const why = privateSendProblemOf(error)
          problem.set(why)
          keepUnsent(roundId, json)
          if (sent !== json) return
          sent = ''
          // Only while its round is open: after the reveal, `release` makes ordinary notes of them.
          if (retriedByItself(why) && !due && f.private.get()?.id === roundId) {
            due = { roundId, json }
            timer = setTimeout(() => sendDue(false), retryAfterMs)
          }
        },
      )
    // Leaving the page: now, not behind the queue, which the page may not live to run.
    if (keepalive) void sending()
    else queue = queue.then(sending)
  }
  // The last words typed before a reload or a closed tab would otherwise wait for a timer that never
  // fires. They go out at once; and, for a reload, whose new page may ask the relay before that
  // request has arrived, they also stay in this tab until the page is back (`load`).
  const unsentKey = (roundId: string) => `netzwerkstatt:private-unsent:${session.boardId}:${roundId}`
  const keepUnsent = (roundId: string, json: string) => {
    try {
      sessionStorage.setItem(unsentKey(roundId), json)
    } catch {
      // Storage full or refused: the request is all there is.
    }
  }
  // Once the relay has them: an older copy brought back after a reload would overwrite newer words.
  const forgetUnsent = (roundId: string) => {
    try {
      sessionStorage.removeItem(unsentKey(roundId))
    } catch {}
  }
  const leaving = () => {
    if (due) keepUnsent(due.roundId, due.json)
    sendDue(true)
  }
  window.addEventListener('pagehide', leaving)
  const takeUnsent = (roundId: string): TLNoteShape[] => {
    try {
      const json = sessionStorage.getItem(unsentKey(roundId))
      sessionStorage.removeItem(unsentKey(roundId))
      return json ? (JSON.parse(json) as TLNoteShape[]) : []
    } catch {
      return []
    }
  }

  const load = (roundId: string) =>
    fetchOwnPrivateNotes(session.boardId, session.token, writer).then(
      ({ roundId: stored, notes }) => {
        if (stored !== roundId || f.private.get()?.id !== roundId) return
        const missing = (notes as TLNoteShape[]).filter((note) => !store.has(note.id))
        if (missing.length > 0) store.mergeRemoteChanges(() => store.put(missing))
        loaded = roundId
        sent = JSON.stringify(ownNotes(roundId))
        // Newer than the relay's: what this tab had not sent when it was reloaded (sent again from here).
        const unsent = takeUnsent(roundId)
        if (unsent.length > 0) store.mergeRemoteChanges(() => store.put(unsent))
      },
      (error: unknown) => console.warn('netzwerkstatt: private notes not loaded', error),
    )
  const ownNotes = (roundId: string) => store.query.records('shape').get().filter((r): r is TLNoteShape => r.type === 'note' && roundOf(r) === roundId)

  /** After the reveal: a private note the relay never got becomes an ordinary one. */
  const release = () => {
    const left = store.query.records('shape').get().filter((r) => roundOf(r) !== undefined && !readRecord(session.connection.doc, r.id))
    if (left.length === 0) return
    editor.updateShapes(
      left.map((note) => {
        const { [privateMetaKey]: _round, ...meta } = note.meta as Record<string, unknown>
        return { id: note.id, type: note.type, meta: meta as TLRecord['meta'] }
      }),
    )
  }

  const stop = react('private notes to the relay', () => {
    const round = f.private.get()
    const notes = round ? ownNotes(round.id) : []
    unsafe__withoutCapture(() => {
      if (!round) {
        if (loaded) forgetUnsent(loaded)
        loaded = undefined
        clearTimeout(timer)
        due = undefined
        problem.set(null)
        afterReveal.roundEnded()
        release()
        afterReveal.catchUp()
        return
      }
      if (loaded === undefined) {
        loaded = ''
        void load(round.id)
        return
      }
      if (loaded !== round.id) return
      afterReveal.seen(notes)
      const json = JSON.stringify(notes)
      if (json === sent) return
      clearTimeout(timer)
      due = { roundId: round.id, json }
      timer = setTimeout(() => sendDue(false), 300)
    })
    // Until the board shows the notes a reveal took: hears them arrive.
    if (afterReveal.waiting) store.query.records('shape').get()
  })
  return () => {
    stop()
    window.removeEventListener('pagehide', leaving)
    sendDue(false)
  }
}
