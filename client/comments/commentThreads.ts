/**
 * The board's comments as a page reads and writes them, without the editor: the threads, live
 * from the `comments` map (`shared/board/comments.ts`), and the writes a person may make
 * (`commentRights.ts` says which; the relay judges them again). The canvas's panel
 * (`commentsState.ts`) and the contribution view (`client/beitragen/`) share them: the same
 * records, whichever view wrote them.
 */
import { useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { commentThreads, comments, readComments, type Comment, type CommentTarget, type CommentThread } from '../../shared/board/comments.ts'
import { randomKey } from '../randomKey.ts'

const cache = new WeakMap<Y.Doc, { threads: CommentThread[]; listeners: Set<() => void>; stop: () => void }>()

function threadsOf(doc: Y.Doc) {
  let entry = cache.get(doc)
  if (!entry) {
    const map = comments(doc)
    const listeners = new Set<() => void>()
    const made = { threads: commentThreads(readComments(doc)), listeners, stop: () => map.unobserve(changed) }
    function changed() {
      made.threads = commentThreads(readComments(doc))
      for (const listener of listeners) listener()
    }
    map.observe(changed)
    entry = made
    cache.set(doc, entry)
  }
  return entry
}

/** The board's threads, oldest first, re-read whenever a comment changes. */
export function useCommentThreads(doc: Y.Doc): CommentThread[] {
  const entry = threadsOf(doc)
  return useSyncExternalStore(
    (listener) => {
      entry.listeners.add(listener)
      return () => entry.listeners.delete(listener)
    },
    () => entry.threads,
  )
}

/** The threads now, for code outside React (the tests read them too). */
export const currentThreads = (doc: Y.Doc) => threadsOf(doc).threads

const newId = () => randomKey(12)

export function startThread(doc: Y.Doc, author: string, name: string, target: CommentTarget, text: string): string {
  const id = newId()
  comments(doc).set(id, { author, name: name.trim(), text: text.trim(), at: Date.now(), target } satisfies Comment)
  return id
}

export function reply(doc: Y.Doc, author: string, name: string, threadId: string, text: string): string {
  const id = newId()
  comments(doc).set(id, { author, name: name.trim(), text: text.trim(), at: Date.now(), replyTo: threadId } satisfies Comment)
  return id
}

/** A new text for one's own comment; author, target and time stay. */
export function editComment(doc: Y.Doc, id: string, comment: Comment, text: string): void {
  comments(doc).set(id, { ...comment, text: text.trim(), editedAt: Date.now() })
}

/** The facilitator's: a thread resolved or open again. */
export function setResolved(doc: Y.Doc, thread: CommentThread, resolved: boolean): void {
  const { resolved: _was, ...start } = thread.start
  comments(doc).set(thread.id, resolved ? { ...start, resolved: true } : start)
}

/** Deletes a comment; a thread start goes with its replies (the facilitator's, or its author's while it has none). */
export function deleteComment(doc: Y.Doc, id: string, thread?: CommentThread): void {
  doc.transact(() => {
    for (const { id: replyId } of thread?.replies ?? []) comments(doc).delete(replyId)
    comments(doc).delete(id)
  })
}
