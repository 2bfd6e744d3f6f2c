/**
 * Who writes which comment (`comments.ts` holds the value), stated once: the relay judges every
 * write under `comments/<id>` with `commentRefusal` (`declaration.ts`), and the client asks the
 * same questions to offer only what a person may do.
 *
 * - Who comments at all: participants and the facilitator; observers only while the facilitator
 *   allows it (`entries/commenting.ts`).
 * - A new comment carries its writer's own author id (no author id, no comment), is a thread
 *   start (with a target) or a reply (to a thread start that is there and not resolved: the page
 *   offers no reply there), and is not yet resolved.
 * - A comment's text (and name) is changed only by its author; author, target, replyTo and time
 *   never change. Only the facilitator resolves or reopens, and only a thread start.
 * - The facilitator deletes any comment. An author deletes their own reply, and their own thread
 *   start only while no reply is left on it: nothing others wrote is lost. A thread start goes
 *   only with every reply the board has when the deletion's turn comes, whoever deletes it: a
 *   reply that reached the relay after the deleting page last heard from it is never left
 *   behind unseen; the deletion is refused and the page reloads with it.
 * - At most `maxComments` on a board, ids at most `maxCommentId` long, and every value exactly
 *   what `Comment` reads (no extra fields: Yjs would keep them).
 */
import { Comment, maxCommentId, maxComments } from './comments.ts'
import { readCommenting } from './entries/commenting.ts'
import { canEdit, isFacilitator, type Role } from './rights.ts'

/** The comments as the judgement sees them: one before the update, all of them after it. */
export interface CommentsView {
  before(id: string): unknown
  /** Every entry under `comments` after the update, as stored (whatever it is). */
  after(): ReadonlyMap<string, unknown>
}

/** May `role` comment now, given the stored `facilitation/commenting` value? */
export const mayComment = (role: Role, commenting: unknown) => canEdit(role) || readCommenting(commenting).observers

/** Resolving and reopening a thread: the facilitator's. */
export const mayResolve = (role: Role) => isFacilitator(role)

/** May this writer change the text of this comment? Only its author. */
export const mayEditComment = (author: string | null, comment: Comment) => author !== null && comment.author === author

/** May this writer delete this comment, given how many replies its thread has (for a thread start)? */
export function mayDeleteComment(role: Role, author: string | null, comment: Comment, replies: number): boolean {
  if (isFacilitator(role)) return true
  if (!mayEditComment(author, comment)) return false
  return comment.replyTo !== undefined || replies === 0
}

const isThreadStart = (comment: Comment) => comment.target !== undefined && comment.replyTo === undefined
const isReply = (comment: Comment) => comment.replyTo !== undefined && comment.target === undefined

/** A stored value read as a comment only if it is exactly one: nothing Yjs would keep beyond it. */
export function exactComment(value: unknown): Comment | null {
  const parsed = Comment.safeParse(value)
  return parsed.success && sameJson(parsed.data, value) ? parsed.data : null
}

/** Replies left on the thread `id`, after the update. */
function repliesTo(id: string, all: ReadonlyMap<string, unknown>): number {
  let count = 0
  for (const value of all.values()) if ((value as { replyTo?: unknown } | null)?.replyTo === id) count++
  return count
}

/** Who writes: a role and an author id; `wholeBoard` for an archive the operator takes in. */
export interface CommentWriter {
  role: Role
  author: string | null
  wholeBoard?: boolean
}

/**
 * Why a write of comment `id` (its value `after`, undefined when it is deleted) is refused; null
 * when it is not. `commenting` is the stored `facilitation/commenting` value.
 */
export function commentRefusal(
  id: string,
  after: unknown,
  writer: CommentWriter,
  commenting: unknown,
  view: CommentsView,
): string | null {
  if (id.length > maxCommentId) return 'a comment id is short'
  if (!mayComment(writer.role, commenting)) return 'observers comment only while the facilitator allows it'
  const stored = view.before(id)
  const before = stored === undefined ? undefined : exactComment(stored)
  if (stored !== undefined && before === null) {
    // Nobody's comment (an older relay's, say): only the facilitator clears it away.
    return isFacilitator(writer.role) && after === undefined ? null : 'not a comment'
  }
  if (after === undefined) {
    if (!before) return null
    // Judged by what is left after the update: the page deletes the replies it knows with the start.
    const leavesReplies = isThreadStart(before) && repliesTo(id, view.after()) > 0
    if (isFacilitator(writer.role)) return leavesReplies ? 'a thread goes with all its replies' : null
    if (!mayEditComment(writer.author, before)) return "others' comments are theirs"
    return leavesReplies ? 'a thread with replies stays' : null
  }
  const comment = exactComment(after)
  if (!comment) return 'not a comment'
  if (!before) return creationRefusal(comment, writer, view.after())
  if (comment.author !== before.author || comment.at !== before.at || comment.replyTo !== before.replyTo || !sameJson(comment.target, before.target)) {
    return "a comment's author, target and time stay"
  }
  if (comment.text !== before.text || comment.name !== before.name || comment.editedAt !== before.editedAt) {
    if (!mayEditComment(writer.author, before)) return "others' comments are theirs"
  }
  if ((comment.resolved ?? false) !== (before.resolved ?? false)) {
    if (!mayResolve(writer.role)) return 'only the facilitator resolves'
    if (!isThreadStart(comment)) return 'a thread is resolved on its first comment'
  }
  return null
}

function creationRefusal(comment: Comment, writer: CommentWriter, all: ReadonlyMap<string, unknown>): string | null {
  // An archive brings everyone's comments, resolved and edited as they were: only their shape and threads are judged.
  if (!writer.wholeBoard) {
    if (writer.author === null || comment.author !== writer.author) return 'a comment carries its writer’s author id'
    if (comment.resolved !== undefined || comment.editedAt !== undefined) return 'a new comment is open and unedited'
  }
  if (comment.resolved !== undefined && !isThreadStart(comment)) return 'a thread is resolved on its first comment'
  if (all.size > maxComments) return 'the board holds as many comments as it may'
  if (isThreadStart(comment)) return null
  if (!isReply(comment)) return 'a comment starts a thread or replies to one'
  const thread = exactComment(all.get(comment.replyTo!))
  if (!thread || !isThreadStart(thread)) return 'a reply answers a thread that is there'
  // An archive brings replies to threads resolved after them.
  return thread.resolved && !writer.wholeBoard ? 'a resolved thread takes no replies' : null
}

/** Deep equality of JSON values (key order aside). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  if (keysA.length !== keysB.length) return false
  return keysA.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}
