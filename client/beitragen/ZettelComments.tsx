/**
 * A Zettel's comments in the list: a button that says how many there are and opens them (a
 * disclosure), the comments in order, and a field to write one. The same records as the canvas's
 * comments panel (`comments/commentThreads.ts`): a comment written here is a thread on the Zettel
 * there, or a reply to its open thread. Who may write is `commentRights.ts`'s, judged again by
 * the relay (observers only while the facilitator allows it).
 */
import { useId, useState, type FormEvent } from 'react'
import type { Role } from '../../shared/access.ts'
import { maxCommentName, maxCommentText, maxComments, type Comment, type CommentThread } from '../../shared/board/comments.ts'
import { mayDeleteComment, mayEditComment } from '../../shared/board/commentRights.ts'
import { deleteComment, editComment, reply, startThread } from '../comments/commentThreads.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../firstLoadLocale.ts'
import { knownUser } from '../storedUser.ts'
import './zettelComments.css'

export interface CommentsHere {
  /** The board's threads (every Zettel's), oldest first. */
  threads: readonly CommentThread[]
  /** May this person write comments now? */
  may: boolean
  write(target: { shapeId: string; pageId: string }, openThread: string | undefined, text: string): void
  /** This browser's author id and link role: one's own comments can be changed and deleted, as on the canvas. */
  author: string
  role: Role
  edit(id: string, comment: Comment, text: string): void
  remove(id: string, thread?: CommentThread): void
}

/** How many comments the threads hold: a thread start and each reply, as the canvas counts. */
const commentCount = (threads: readonly CommentThread[]) => threads.reduce((sum, thread) => sum + 1 + thread.replies.length, 0)

/** A thread's comments as one reads them: its start, then its replies. */
const inOrder = (thread: CommentThread) => [{ id: thread.id, comment: thread.start as Comment }, ...thread.replies]

export const boardFull = (threads: readonly CommentThread[]) => commentCount(threads) >= maxComments

/** The name this browser gave itself (storedUser.ts); none yet: empty, read as „Ohne Namen“. */
export const ownCommentName = (): string => (knownUser()?.name ?? '').slice(0, maxCommentName)

/** The list's comments on the doc: a reply to the Zettel's open thread or a new thread on it, one's own changed or deleted. */
export function commentsOn(doc: Parameters<typeof startThread>[0], author: string, role: Role): Omit<CommentsHere, 'threads' | 'may'> {
  return {
    author,
    role,
    write: (target, openThread, text) => {
      const name = ownCommentName()
      if (openThread) reply(doc, author, name, openThread, text)
      else startThread(doc, author, name, { kind: 'shape', ...target }, text)
    },
    edit: (id, comment, text) => editComment(doc, id, comment, text),
    remove: (id, thread) => deleteComment(doc, id, thread),
  }
}

export function ZettelComments({ zettel, pageId, comments, announce }: { zettel: { id: string; words: string }; pageId: string; comments: CommentsHere; announce(text: string): void }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const on = comments.threads.filter((thread) => thread.start.target.kind === 'shape' && thread.start.target.shapeId === zettel.id)
  const openThreads = on.filter((thread) => !thread.resolved)
  const resolved = on.filter((thread) => thread.resolved)
  const count = commentCount(openThreads)
  // Nothing to read and nothing one may write: no button either.
  if (on.length === 0 && !comments.may) return null
  const countText = plural(locale, count, { one: t.commentsCountOne, other: t.commentsCountOther })
  const send = (event: FormEvent) => {
    event.preventDefault()
    const words = text.trim()
    if (!words) return
    comments.write({ shapeId: zettel.id, pageId }, openThreads.at(-1)?.id, words)
    setText('')
    announce(t.contributeCommentSent)
  }
  return (
    <div className="nws-contribute__comments">
      <button
        type="button"
        className="nws-contribute__button"
        aria-expanded={open}
        aria-controls={`${id}-c`}
        aria-label={format(t.contributeCommentsLabel, { comments: countText, text: zettel.words })}
        onClick={() => setOpen(!open)}
      >
        {countText}
      </button>
      <div id={`${id}-c`} className="nws-contribute__thread" hidden={!open}>
        {open && (
          <>
            {openThreads.length > 0 && (
              <ol className="nws-contribute__comment-list" aria-label={format(t.contributeCommentsOn, { text: zettel.words })}>
                {openThreads.flatMap((thread) =>
                  inOrder(thread).map(({ id: commentId, comment }) => (
                    <OneComment key={commentId} id={commentId} comment={comment} thread={thread} comments={comments} announce={announce} />
                  )),
                )}
              </ol>
            )}
            {resolved.length > 0 && (
              <details className="nws-contribute__resolved">
                <summary>{plural(locale, commentCount(resolved), { one: t.commentsResolvedOne, other: t.commentsResolvedOther })}</summary>
                <ol className="nws-contribute__comment-list">
                  {resolved.flatMap((thread) =>
                    inOrder(thread).map(({ id: commentId, comment }) => (
                      <OneComment key={commentId} id={commentId} comment={comment} thread={thread} comments={comments} announce={announce} />
                    )),
                  )}
                </ol>
              </details>
            )}
            {!comments.may ? (
              <p className="nws-contribute__note">{t.commentsReadOnly}</p>
            ) : boardFull(comments.threads) ? (
              <p className="nws-contribute__note">{t.commentsFull}</p>
            ) : (
              <form className="nws-contribute__write" onSubmit={send}>
                <label htmlFor={`${id}-w`}>{format(t.contributeCommentLabel, { text: zettel.words })}</label>
                <textarea id={`${id}-w`} value={text} rows={2} maxLength={maxCommentText} onChange={(event) => setText(event.target.value)} />
                <button type="submit" className="nws-contribute__button nws-contribute__button--primary">
                  {t.commentSend}
                </button>
              </form>
            )}
          </>
        )}
      </div>
    </div>
  )
}

function OneComment(props: { id: string; comment: Comment; thread: CommentThread; comments: CommentsHere; announce(text: string): void }) {
  const { id, comment, thread, comments, announce } = props
  const fieldId = useId()
  const [editing, setEditing] = useState<string | null>(null)
  const isStart = id === thread.id
  const own = comments.may && mayEditComment(comments.author, comment)
  const deletable = comments.may && mayDeleteComment(comments.role, comments.author, comment, isStart ? thread.replies.length : 0)
  const when = new Date(comment.at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })
  const save = (event: FormEvent) => {
    event.preventDefault()
    const words = editing?.trim()
    if (!words) return
    comments.edit(id, comment, words)
    setEditing(null)
    announce(t.contributeCommentSaved)
  }
  return (
    <li className="nws-contribute__comment">
      <p className="nws-contribute__comment-head">
        <strong>{comment.name || t.commentAnonymous}</strong>, {when}
        {comment.editedAt !== undefined && ` ${t.commentEdited}`}
      </p>
      {editing === null ? (
        <p className="nws-contribute__text">{comment.text}</p>
      ) : (
        <form className="nws-contribute__write" onSubmit={save}>
          <label htmlFor={fieldId}>{t.contributeCommentText}</label>
          <textarea id={fieldId} value={editing} rows={2} maxLength={maxCommentText} autoFocus onChange={(event) => setEditing(event.target.value)} />
          <div className="nws-contribute__actions">
            <button type="submit" className="nws-contribute__button nws-contribute__button--primary">
              {t.commentSave}
            </button>
            <button type="button" className="nws-contribute__button" onClick={() => setEditing(null)}>
              {t.commentCancel}
            </button>
          </div>
        </form>
      )}
      {editing === null && (own || deletable) && (
        <div className="nws-contribute__actions">
          {own && (
            <button type="button" className="nws-contribute__button" aria-label={format(t.contributeCommentEditLabel, { text: comment.text })} onClick={() => setEditing(comment.text)}>
              {t.commentEdit}
            </button>
          )}
          {deletable && (
            <button
              type="button"
              className="nws-contribute__button"
              aria-label={format(t.contributeCommentDeleteLabel, { text: comment.text })}
              onClick={() => {
                // A thread start takes its replies along (the facilitator's to delete).
                comments.remove(id, isStart ? thread : undefined)
                announce(t.contributeCommentDeleted)
              }}
            >
              {t.commentDelete}
            </button>
          )}
        </div>
      )}
    </li>
  )
}
