/**
 * The comments panel's state on the canvas: whether it is open and which thread it brings
 * forward, this page's own. The threads and their writes are `commentThreads.ts` (no editor
 * there, so that the contribution view reads them without tldraw).
 */
import { atom } from 'tldraw'
import type { CommentTarget } from '../../shared/board/comments.ts'

/** Whether the comments panel is open, and the thread it brings forward. */
export const commentsPanel = atom<{ open: boolean; thread: string | null; composing: CommentTarget | null }>('comments panel', {
  open: false,
  thread: null,
  composing: null,
})
