/**
 * What this browser lets its person do to the board, by the same rules the relay enforces
 * (`shared/board/declaration.ts`), so that nobody sees a change on their screen that the board
 * will not hold. Store side effects refuse the person's own changes; remote changes always pass
 * (refusing them would only split this browser off from the board).
 *
 * - template scaffold (cards included): only while the person may change it
 *   (`mayChangeScaffold`); a pasted copy of scaffold becomes a plain shape;
 * - a shape's text does not grow past `maxShapeTextChars` (`shared/board/shapeText.ts`);
 * - every shape this person creates carries their author id (`meta.author`), which only the
 *   facilitator may change;
 * - deleting others' notes while they are protected: refused, and counted for a notice; changing
 *   their words: refused too, and not offered (`mayChangeWords`, the note util's `canEdit`);
 * - pages: only the facilitator deletes them; a page carries its maker's author id, and others'
 *   pages (the plenary among them) are changed by the facilitator only (`shared/board/pages.ts`);
 * - a participant's new note while a round of private writing is open is private: it stays in
 *   this browser and goes to the relay (`shared/board/entries/private.ts`).
 */
import type { Editor, TLPage, TLShape, TLStore } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey, authorOf, mayDeleteShape } from '../../shared/board/declaration.ts'
import { isFacilitator, mayDeletePage } from '../../shared/board/rights.ts'
import { mayChangePage } from '../../shared/board/pages.ts'
import { shapeTextChanged, shapeTextRefusal } from '../../shared/board/shapeText.ts'
import { privateMetaKey, writesPrivately } from '../../shared/board/entries/private.ts'
import {
  createdShape,
  isScaffoldRecord,
  scaffoldChangeAllowed,
  scaffoldDeleteAllowed,
  type ChangeContext,
} from '../../shared/board/entries/scaffold.ts'

export interface RightsContext {
  role: Role
  /** This browser's author id on the board (`shared/author.ts`). */
  author: string
  /** Whether the facilitator has unlocked the scaffold, now. */
  unlocked(): boolean
  /** The stored `facilitation/protection` value, now. */
  protection(): unknown
  /** The open round of private writing's id, now, if one is open. */
  privateRound(): string | undefined
  /** Called once per store change in which deletions of protected notes were refused. */
  onProtected(count: number): void
}

const wordRules = new WeakMap<TLStore, (shape: TLShape) => boolean>()

/** Whether this browser's person may change the shape's words now: others' are protected. */
export const mayChangeWords = (store: TLStore, shape: TLShape): boolean => wordRules.get(store)?.(shape) ?? true

/** Registers the side effects on a store; returns their disposer. */
export function guardBoardRights(store: TLStore, ctx: RightsContext): () => void {
  const lock = (): ChangeContext => ({ role: ctx.role, unlocked: ctx.unlocked() })
  // The relay's rule (`shared/board/declaration.ts`): the template's labels are not someone's words.
  const mayChangeWordsOf = (shape: TLShape) => isScaffoldRecord(shape) || mayDeleteShape(ctx.role, ctx.author, shape, ctx.protection())
  wordRules.set(store, mayChangeWordsOf)
  const withAuthor = <S extends TLShape>(shape: S, author: string | undefined): S => {
    if (authorOf(shape) === author) return shape
    const { [authorMetaKey]: _other, ...meta } = shape.meta as Record<string, unknown>
    return { ...shape, meta: author === undefined ? meta : { ...meta, [authorMetaKey]: author } } as S
  }

  // A Ctrl+A, Delete refuses many notes at once: one notice for all of them, after the change.
  let refused = 0
  const refuse = () => {
    if (refused++ === 0) {
      queueMicrotask(() => {
        const count = refused
        refused = 0
        ctx.onProtected(count)
      })
    }
    return false as const
  }

  const { sideEffects } = store
  const stops = [
    sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
      if (source === 'remote') return shape
      const created = createdShape(shape, lock())
      // The facilitator restoring someone's note (undo) keeps its author; everyone else signs.
      const keep = isFacilitator(ctx.role) && authorOf(created) !== undefined
      const signed = keep ? created : withAuthor(created, ctx.author)
      const round = writesPrivately(ctx.role) && signed.type === 'note' ? ctx.privateRound() : undefined
      return round ? { ...signed, meta: { ...signed.meta, [privateMetaKey]: round } } : signed
    }),
    sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (source === 'remote') return next
      if (!scaffoldChangeAllowed(prev, next, lock())) return prev
      // Text past what a shape may hold stays out here too, instead of the relay cutting the tab off.
      if (shapeTextRefusal(prev as never, next as never)) return prev
      if (shapeTextChanged(prev.props, next.props) && !mayChangeWordsOf(prev)) return prev
      return isFacilitator(ctx.role) ? next : withAuthor(next, authorOf(prev))
    }),
    sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source === 'remote') return
      if (isScaffoldRecord(shape)) return scaffoldDeleteAllowed(shape, lock()) ? undefined : false
      return mayDeleteShape(ctx.role, ctx.author, shape, ctx.protection()) ? undefined : refuse()
    }),
    sideEffects.registerBeforeDeleteHandler('page', (_page, source) => (source === 'remote' || mayDeletePage(ctx.role) ? undefined : false)),
    sideEffects.registerBeforeCreateHandler('page', (page, source) => (source === 'remote' ? page : withPageAuthor(page, ctx.author))),
    sideEffects.registerBeforeChangeHandler('page', (prev, next, source) => {
      if (source === 'remote' || isFacilitator(ctx.role)) return next
      return mayChangePage(ctx.role, ctx.author, prev) ? withPageAuthor(next, authorOf(prev)) : prev
    }),
  ]
  return () => {
    stops.forEach((stop) => stop())
    wordRules.delete(store)
  }
}

function withPageAuthor(page: TLPage, author: string | undefined): TLPage {
  if (authorOf(page) === author) return page
  const { [authorMetaKey]: _other, ...meta } = page.meta as Record<string, unknown>
  return { ...page, meta: (author === undefined ? meta : { ...meta, [authorMetaKey]: author }) as TLPage['meta'] }
}

/**
 * The editor's page deletion takes the page's shapes first: for anyone but the facilitator it
 * would delete their own notes and then stop at the page, so it does nothing at all.
 */
export function restrictPageDeletion(editor: Editor, role: Role, onRefused: () => void): () => void {
  if (mayDeletePage(role)) return () => {}
  const own = Object.hasOwn(editor, 'deletePage')
  const original = editor.deletePage
  Object.defineProperty(editor, 'deletePage', {
    configurable: true,
    writable: true,
    value: () => {
      onRefused()
      return editor
    },
  })
  return () => {
    if (own) Object.defineProperty(editor, 'deletePage', { configurable: true, writable: true, value: original })
    else delete (editor as unknown as Record<string, unknown>).deletePage
  }
}
