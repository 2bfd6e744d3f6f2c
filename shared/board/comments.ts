/**
 * Comments on the board (`Y.Map` named `comments`, a root of the document beside `tldraw`):
 * one entry per comment, keyed by its id, each a plain JSON value written whole.
 *
 *   comments.<id>: { author, name, text, at, target?, replyTo?, resolved?, editedAt? }
 *     author    the writer's author id on this board (`shared/author.ts`); the relay accepts a
 *               new comment only with the writer's own
 *     name      the display name at the moment of writing, never a stable id across boards
 *     target    what a thread is about (its first comment only): a shape, or a place on a page
 *     replyTo   a reply's thread: the id of the thread's first comment (threads are one level)
 *     resolved  a thread's state, on its first comment
 *
 * Who writes what (who may comment at all, own comments only, who resolves and deletes) is the
 * relay's judgement in `declaration.ts`; this module holds the value and how it is read.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { commentsMapName } from './ydoc.ts'

export { commentsMapName }
export const comments = (doc: Y.Doc) => doc.getMap<unknown>(commentsMapName)

/** A comment says a few paragraphs, not a document. */
export const maxCommentText = 2000
export const maxCommentName = 80
/** More than any board discusses; bounds what a board holds. */
export const maxComments = 2000
/** Comment ids are random, short; a longer key is nobody's comment. */
export const maxCommentId = 64

export const CommentTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shape'), shapeId: z.string().startsWith('shape:').max(200), pageId: z.string().startsWith('page:').max(200) }),
  z.object({ kind: z.literal('place'), pageId: z.string().startsWith('page:').max(200), x: z.number().finite(), y: z.number().finite() }),
])
export type CommentTarget = z.infer<typeof CommentTarget>

export const Comment = z.object({
  author: z.string().min(1).max(64),
  name: z.string().max(maxCommentName),
  text: z.string().min(1).max(maxCommentText),
  /** ms since 1970, the writer's clock (informational). */
  at: z.number().finite(),
  target: CommentTarget.optional(),
  replyTo: z.string().min(1).max(maxCommentId).optional(),
  resolved: z.boolean().optional(),
  editedAt: z.number().finite().optional(),
})
export type Comment = z.infer<typeof Comment>

/** A thread: its first comment (which names the target) and its replies, oldest first. */
export interface CommentThread {
  id: string
  start: Comment & { target: CommentTarget }
  replies: ReadonlyArray<{ id: string; comment: Comment }>
  resolved: boolean
}

/** The board's valid comments by id; anything else stored under `comments` is nobody's comment. */
export function readComments(doc: Y.Doc): ReadonlyMap<string, Comment> {
  const read = new Map<string, Comment>()
  for (const [id, stored] of comments(doc)) {
    if (id.length > maxCommentId) continue
    const parsed = Comment.safeParse(stored)
    if (parsed.success) read.set(id, parsed.data)
  }
  return read
}

/** The threads, oldest first; a reply whose thread is gone, or that names a target, is left out. */
export function commentThreads(all: ReadonlyMap<string, Comment>): CommentThread[] {
  const threads = new Map<string, CommentThread & { replies: Array<{ id: string; comment: Comment }> }>()
  for (const [id, comment] of all) {
    if (comment.replyTo === undefined && comment.target !== undefined) {
      threads.set(id, { id, start: comment as Comment & { target: CommentTarget }, replies: [], resolved: comment.resolved === true })
    }
  }
  for (const [id, comment] of all) {
    if (comment.replyTo === undefined || comment.target !== undefined) continue
    threads.get(comment.replyTo)?.replies.push({ id, comment })
  }
  for (const thread of threads.values()) thread.replies.sort((a, b) => a.comment.at - b.comment.at)
  return [...threads.values()].sort((a, b) => a.start.at - b.start.at)
}
