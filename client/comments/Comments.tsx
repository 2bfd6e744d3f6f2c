/**
 * Comments on the canvas: "Kommentieren" in the comments panel (on the selected shape, or on
 * the middle of the view when nothing is selected) and in the context menu, the panel listing open threads (resolved ones
 * folded away) with replies and a jump to what each is about, and a badge on every commented
 * shape of this page. Everyone who sees the board sees the comments; the write controls show
 * only to those who may write (`commentRights.ts`, judged again by the relay).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { TldrawUiMenuGroup, TldrawUiMenuItem, useEditor, useValue, type Editor, type TLPageId, type TLShapeId } from 'tldraw'
import { mayComment, mayDeleteComment, mayEditComment, mayResolve } from '../../shared/board/commentRights.ts'
import { maxCommentText, maxComments, type Comment, type CommentTarget, type CommentThread } from '../../shared/board/comments.ts'
import { commentingEntry } from '../../shared/board/entries/commenting.ts'
import { format, plural } from '../i18n.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { canvasControlEvents } from '../board/canvasControl.ts'
import type { OpenBoard } from '../board/openBoard.ts'
import { locale, t } from '../locale.ts'
import { deleteComment, editComment, reply, setResolved, startThread, useCommentThreads } from './commentThreads.ts'
import { commentsPanel } from './commentsState.ts'
import './comments.css'

/** Whether this page may write comments now (observers: while the facilitator allows it). */
function useMayComment(session: OpenBoard): boolean {
  return useValue('may comment', () => mayComment(session.role, session.facilitation.entries.commenting.get()), [session])
}

/** A screen without a mouse has no right-click to speak of. */
const touchOnly = () => typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches && !matchMedia('(any-pointer: fine)').matches

/** What a new comment is about: the selected shape, or the middle of the view. */
function targetNow(editor: Editor): CommentTarget {
  const pageId = editor.getCurrentPageId()
  const shape = editor.getOnlySelectedShape()
  if (shape) return { kind: 'shape', shapeId: shape.id, pageId }
  const centre = editor.getViewportPageBounds().center
  return { kind: 'place', pageId, x: Math.round(centre.x), y: Math.round(centre.y) }
}

/** "Kommentieren" in the canvas's context menu: on the shape right-clicked, else on the spot right-clicked. */
export function CommentMenuItem() {
  const session = useOpenBoard()
  const editor = useEditor()
  const may = useMayComment(session)
  if (!may) return null
  return (
    <TldrawUiMenuGroup id="nws-comment">
      <TldrawUiMenuItem
        id="nws-comment"
        label={t.commentAdd}
        readonlyOk
        onSelect={() => {
          const point = editor.inputs.getCurrentPagePoint()
          const pageId = editor.getCurrentPageId()
          const target: CommentTarget = editor.getOnlySelectedShape()
            ? targetNow(editor)
            : { kind: 'place', pageId, x: Math.round(point.x), y: Math.round(point.y) }
          commentsPanel.set({ open: true, thread: null, composing: target })
        }}
      />
    </TldrawUiMenuGroup>
  )
}

/** The open threads' comments on each shape: what its badge counts. */
function openCountByShape(threads: readonly CommentThread[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const thread of threads) {
    if (thread.resolved || thread.start.target.kind !== 'shape') continue
    counts.set(thread.start.target.shapeId, (counts.get(thread.start.target.shapeId) ?? 0) + 1 + thread.replies.length)
  }
  return counts
}

/** How many comments the threads hold: what every count shown says (a thread start and each reply). */
const commentCount = (threads: readonly CommentThread[]) => threads.reduce((sum, thread) => sum + 1 + thread.replies.length, 0)

/**
 * The dock's toggle for the panel, with the open comments' count. "Kommentieren" lies in the panel
 * and the canvas's context menu: a second button in the dock made it taller, and zoom-to-fit,
 * which keeps templates below it, shrank their text on a laptop.
 */
export function CommentsToggle() {
  const session = useOpenBoard()
  const threads = useCommentThreads(session.connection.doc)
  const panel = useValue(commentsPanel)
  const open = commentCount(threads.filter((thread) => !thread.resolved))
  return (
    <button
      type="button"
      className="nws-facilitation-button"
      aria-pressed={panel.open}
      aria-expanded={panel.open}
      data-comments-toggle
      onClick={() => commentsPanel.update((now) => ({ ...now, open: !now.open, composing: null }))}
    >
      {t.commentsButton}
      {open > 0 && <span className="nws-comment-count"> {open}</span>}
    </button>
  )
}

/** Brings what a thread is about into view: its page, the shape selected, or the place in the middle. */
export function jumpTo(editor: Editor, target: CommentTarget): void {
  if (!editor.getPage(target.pageId as TLPageId)) return
  if (editor.getCurrentPageId() !== target.pageId) editor.setCurrentPage(target.pageId as TLPageId)
  if (target.kind === 'shape') {
    const shape = editor.getShape(target.shapeId as TLShapeId)
    if (!shape) return
    editor.select(shape.id)
    // The shape with room around it: no closer than 100 %, a note must not fill the screen.
    const bounds = editor.getShapePageBounds(shape)
    if (bounds) editor.zoomToBounds(bounds, { targetZoom: 1, inset: 120, animation: { duration: 200 } })
  } else {
    editor.selectNone()
    editor.centerOnPoint({ x: target.x, y: target.y }, { animation: { duration: 200 } })
  }
}

/** "zu „Wer lädt ein?“": what a thread is about, in words. */
function aboutText(editor: Editor, target: CommentTarget): string {
  const page = editor.getPage(target.pageId as TLPageId)
  if (target.kind === 'place') return page ? format(t.commentOnPlace, { page: page.name }) : t.commentOnMissing
  const shape = editor.getShape(target.shapeId as TLShapeId)
  if (!shape) return t.commentOnMissing
  const text = (editor.getShapeUtil(shape).getText(shape) ?? (shape.props as { name?: string }).name ?? '').replace(/\s+/g, ' ').trim()
  if (!text) return t.commentOnShapeUntitled
  return format(t.commentOnShape, { what: text.length > 40 ? `${text.slice(0, 39)}…` : text })
}

/** Keys typed into the panel are no tldraw shortcuts; Escape closes it. */
const keepKeys = (event: KeyboardEvent) => {
  event.stopPropagation()
  if (event.key === 'Escape') closeComments()
}

/** Closes the panel; keyboard focus goes back to the button that opens it. */
function closeComments() {
  commentsPanel.set({ open: false, thread: null, composing: null })
  document.querySelector<HTMLElement>('[data-comments-toggle]')?.focus()
}

function TextForm(props: { label: string; initial?: string; submit: string; onSubmit: (text: string) => void; onCancel?: () => void; autoFocus?: boolean }) {
  const [text, setText] = useState(props.initial ?? '')
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return
    props.onSubmit(text)
    setText('')
  }
  return (
    <form className="nws-comment-form" onSubmit={send}>
      <textarea
        aria-label={props.label}
        placeholder={props.label}
        value={text}
        maxLength={maxCommentText}
        rows={2}
        autoFocus={props.autoFocus}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send(event)
        }}
      />
      <div className="nws-comment-form__actions">
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t.commentCancel}
          </button>
        )}
        <button type="submit" className="nws-comment-primary" disabled={!text.trim()}>
          {props.submit}
        </button>
      </div>
    </form>
  )
}

function OneComment(props: { id: string; comment: Comment; thread: CommentThread; isStart: boolean; may: boolean }) {
  const { id, comment, thread, isStart, may } = props
  const session = useOpenBoard()
  const doc = session.connection.doc
  const [editing, setEditing] = useState(false)
  const own = may && mayEditComment(session.author, comment)
  const deletable = may && mayDeleteComment(session.role, session.author, comment, isStart ? thread.replies.length : 0)
  const when = new Date(comment.at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })
  return (
    <li className="nws-comment" data-comment={id}>
      <div className="nws-comment__head">
        <strong>{comment.name || t.commentAnonymous}</strong> <span className="nws-comment__when">{when}</span>
        {comment.editedAt !== undefined && <span className="nws-comment__when"> {t.commentEdited}</span>}
      </div>
      {editing ? (
        <TextForm
          label={t.commentEdit}
          initial={comment.text}
          submit={t.commentSave}
          autoFocus
          onSubmit={(text) => {
            editComment(doc, id, comment, text)
            setEditing(false)
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="nws-comment__text">{comment.text}</p>
      )}
      {!editing && (own || deletable) && (
        <div className="nws-comment__actions">
          {own && (
            <button type="button" onClick={() => setEditing(true)}>
              {t.commentEdit}
            </button>
          )}
          {deletable && (
            <button type="button" data-comment-delete onClick={() => deleteComment(doc, id, isStart ? thread : undefined)}>
              {t.commentDelete}
            </button>
          )}
        </div>
      )}
    </li>
  )
}

function Thread(props: { thread: CommentThread; may: boolean; focused: boolean }) {
  const { thread, may, focused } = props
  const session = useOpenBoard()
  const editor = useEditor()
  const doc = session.connection.doc
  const about = useValue('comment about', () => aboutText(editor, thread.start.target), [editor, thread.start.target])
  return (
    <article className={`nws-comment-thread${focused ? ' nws-comment-thread--focused' : ''}`} data-thread={thread.id} data-resolved={thread.resolved}>
      <div className="nws-comment-thread__about">
        <span>{about}</span>
        <button type="button" data-comment-jump onClick={() => jumpTo(editor, thread.start.target)}>
          {t.commentJump}
        </button>
      </div>
      <ol className="nws-comment-list">
        <OneComment id={thread.id} comment={thread.start} thread={thread} isStart may={may} />
        {thread.replies.map(({ id, comment }) => (
          <OneComment key={id} id={id} comment={comment} thread={thread} isStart={false} may={may} />
        ))}
      </ol>
      {may && !thread.resolved && (
        <TextForm label={t.commentReplyLabel} submit={t.commentReply} onSubmit={(text) => reply(doc, session.author, editor.user.getName(), thread.id, text)} />
      )}
      {mayResolve(session.role) && (
        <button type="button" className="nws-comment-resolve" data-comment-resolve onClick={() => setResolved(doc, thread, !thread.resolved)}>
          {thread.resolved ? t.commentReopen : t.commentResolve}
        </button>
      )}
    </article>
  )
}

/** The side panel: a new comment being written, the open threads, the resolved ones folded. */
export function CommentsPanel() {
  const session = useOpenBoard()
  const editor = useEditor()
  const doc = session.connection.doc
  const panel = useValue(commentsPanel)
  const threads = useCommentThreads(doc)
  const may = useMayComment(session)
  const observersMay = useValue('observers comment', () => session.facilitation.entries.commenting.get().observers, [session])
  const hintId = useId()
  const section = useRef<HTMLElement | null>(null)
  // Opened, the panel takes keyboard focus (Esc then closes it), unless a field in it already has.
  useEffect(() => {
    if (panel.open && !section.current?.contains(document.activeElement)) section.current?.focus()
  }, [panel.open])
  if (!panel.open) return null
  const open = threads.filter((thread) => !thread.resolved)
  const resolved = threads.filter((thread) => thread.resolved)
  const full = commentCount(threads) >= maxComments
  const close = closeComments
  return (
    <section ref={section} tabIndex={-1} className="nws-vote-panel nws-comments" aria-label={t.commentsHeading} onKeyDown={keepKeys}>
      <header className="nws-comments__header">
        <h2>
          {t.commentsHeading}
          {/* With none open the note below says so: no "0 Kommentare" over it. */}
          {open.length > 0 && <span className="nws-comments__count"> · {plural(locale, commentCount(open), { one: t.commentsCountOne, other: t.commentsCountOther })}</span>}
        </h2>
        <button type="button" className="nws-vote-panel__collapse" aria-label={t.commentsClose} title={t.commentsClose} onClick={close}>
          ×
        </button>
      </header>
      {commentingEntry.mayWrite(session.role) && (
        <label className="nws-comments__observers" title={t.commentsObserversHint}>
          <input type="checkbox" checked={observersMay} onChange={(event) => commentingEntry.set(doc, { observers: event.target.checked })} />
          {t.commentsObservers}
        </label>
      )}
      {!may && <p className="nws-comments__note">{t.commentsReadOnly}</p>}
      {may && !panel.composing && (
        <button
          type="button"
          className="nws-facilitation-button nws-comments__add"
          data-comment-add
          aria-describedby={hintId}
          onClick={() => commentsPanel.set({ open: true, thread: null, composing: targetNow(editor) })}
        >
          {t.commentAdd}
        </button>
      )}
      {may && !panel.composing && <p className="nws-comments__hint" id={hintId}>{touchOnly() ? t.commentAddHintTouch : t.commentAddHint}</p>}
      {may && panel.composing && (
        <div className="nws-comment-thread nws-comment-thread--new">
          <div className="nws-comment-thread__about">{aboutText(editor, panel.composing)}</div>
          {full ? (
            <p className="nws-comments__note">{t.commentsFull}</p>
          ) : (
            <TextForm
              label={t.commentNewLabel}
              submit={t.commentSend}
              autoFocus
              onSubmit={(text) => {
                const id = startThread(doc, session.author, editor.user.getName(), panel.composing!, text)
                commentsPanel.set({ open: true, thread: id, composing: null })
              }}
              onCancel={() => commentsPanel.update((now) => ({ ...now, composing: null }))}
            />
          )}
        </div>
      )}
      {open.length === 0 && !panel.composing && <p className="nws-comments__note">{t.commentsNone}</p>}
      {open.map((thread) => (
        <Thread key={thread.id} thread={thread} may={may} focused={panel.thread === thread.id} />
      ))}
      {resolved.length > 0 && (
        <details className="nws-comments__resolved">
          <summary>
            {plural(locale, commentCount(resolved), { one: t.commentsResolvedOne, other: t.commentsResolvedOther })}
          </summary>
          {resolved.map((thread) => (
            <Thread key={thread.id} thread={thread} may={may} focused={panel.thread === thread.id} />
          ))}
        </details>
      )}
    </section>
  )
}

/** On the canvas: a badge with the open comments' count on each commented shape of this page. */
export function CommentBadges() {
  const session = useOpenBoard()
  const editor = useEditor()
  const threads = useCommentThreads(session.connection.doc)
  const spots = useValue(
    'comment badges',
    () => {
      const page = editor.getCurrentPageId()
      return [...openCountByShape(threads)].flatMap(([id, count]) => {
        const shape = editor.getShape(id as TLShapeId)
        if (!shape || editor.getAncestorPageId(shape) !== page) return []
        const box = editor.getShapePageBounds(shape)
        return box ? [{ id, count, x: box.maxX, y: box.y, thread: threads.find((th) => !th.resolved && th.start.target.kind === 'shape' && th.start.target.shapeId === id)!.id }] : []
      })
    },
    [editor, threads],
  )
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  if (spots.length === 0) return null
  return (
    <div className="nws-comment-layer">
      {spots.map((spot) => (
        <button
          type="button"
          key={spot.id}
          className="nws-comment-badge"
          data-comment-badge={spot.id}
          aria-label={plural(locale, spot.count, { one: t.commentBadgeOne, other: t.commentBadge })}
          title={plural(locale, spot.count, { one: t.commentBadgeOne, other: t.commentBadge })}
          // The same size on screen at every zoom, just beyond the corner (clear of the resize handle).
          style={{ transform: `translate(${spot.x}px, ${spot.y}px) scale(${1 / zoom}) translate(6px, calc(-100% - 6px))` }}
          {...canvasControlEvents(editor)}
          onClick={() => commentsPanel.set({ open: true, thread: spot.thread, composing: null })}
        >
          {spot.count}
        </button>
      ))}
    </div>
  )
}
