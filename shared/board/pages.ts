/**
 * Pages of a board: how many it may hold, and who changes one. tldraw lets nobody make more than
 * `maxPages` pages (its own `maxPages` option); the relay holds every writer to the same number,
 * so that no participant fills a board with thousands of pages every tab must list. A page
 * belongs to whoever made it (`meta.author`, stamped like a note's): participants rename or
 * reorder only their own pages, and the board's own pages (the plenary, the small groups' pages,
 * anything the relay or the facilitator made) are the facilitator's. Only the facilitator
 * deletes pages (`rights.ts`).
 */
import { isFacilitator, mayDeletePage, type Role } from './rights.ts'

/** tldraw's own limit of pages per board (its `defaultTldrawOptions.maxPages`). */
export const maxPages = 40

type Action = 'create' | 'change' | 'delete'

const authorOf = (record: { meta?: unknown } | undefined): string | undefined => {
  const author = (record?.meta as Record<string, unknown> | undefined)?.author
  return typeof author === 'string' ? author : undefined
}

/** May `role` (writing as `author`) change this page now? The client asks it before the relay does. */
export function mayChangePage(role: Role, author: string | null, page: { meta?: unknown }): boolean {
  return isFacilitator(role) || (author !== null && authorOf(page) === author)
}

export interface PageContext {
  role: Role
  author: string | null
  /** How many pages the board holds after the update. */
  pagesAfter(): number
}

/** Why a write of a page is refused; null allows it. */
export function pageRefusal(action: Action, before: { meta?: unknown } | undefined, after: { meta?: unknown } | undefined, ctx: PageContext): string | null {
  switch (action) {
    case 'create':
      if (!isFacilitator(ctx.role) && authorOf(after) !== undefined && authorOf(after) !== ctx.author) return 'a page carries another author'
      return ctx.pagesAfter() > maxPages ? `a board holds at most ${maxPages} pages` : null
    case 'change':
      if (!mayChangePage(ctx.role, ctx.author, before!)) return "only the facilitator changes the board's pages"
      return isFacilitator(ctx.role) || authorOf(after) === authorOf(before) ? null : 'the author of a page is not changed'
    case 'delete':
      return mayDeletePage(ctx.role) ? null : 'only the facilitator deletes pages'
  }
}
