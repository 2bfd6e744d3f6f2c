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
 *   their words, strokes or pictures: refused too, and not offered (`mayChangeWords`, the note
 *   util's `canEdit`); making them fainter, smaller, white, clipped or carried off the board
 *   (`shared/board/keptInSight.ts`): the shape stays as it was, and a notice says why;
 * - others' arrows keep pointing where they were drawn (`shared/board/arrowRights.ts`): what
 *   tldraw does to their bindings when one drags them or their ends is undone here (a binding it
 *   let go of is put back at the end of the change, unless what it pointed to went too), their
 *   free ends stay, and a notice says why;
 * - assets (uploaded images) carry their uploader's author id; others' are not changed or deleted
 *   while notes are protected (`mayChangeAsset`): a second upload of the same file keeps the first;
 * - pages: only the facilitator deletes them; a page carries its maker's author id, and others'
 *   pages (the plenary among them) are changed by the facilitator only (`shared/board/pages.ts`);
 * - a participant's new note while a round of private writing is open is private: it stays in
 *   this browser and goes to the relay (`shared/board/entries/private.ts`).
 * - a Fallkonferenz's case cells stay shut until its confirmations are recorded, for everyone
 *   (`shared/board/caseLock.ts`): a shape created there is taken out again in the same change, a
 *   change that would leave one there stays undone, and a notice says why.
 */
import type { Editor, TLAsset, TLBinding, TLPage, TLRecord, TLShape, TLStore } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey, authorOf, mayChangeArrow, mayChangeAsset, mayDeleteShape } from '../../shared/board/declaration.ts'
import { arrowRefusal, type ArrowView } from '../../shared/board/arrowRights.ts'
import { isFacilitator, mayDeletePage } from '../../shared/board/rights.ts'
import { mayChangePage } from '../../shared/board/pages.ts'
import { shapeContentChanged, shapeTextRefusal } from '../../shared/board/shapeText.ts'
import { enclosing, marksTemplate, restyleRefusal, shapeBox, sightRefusal, type Box } from '../../shared/board/keptInSight.ts'
import { maxGraphWalk } from '../../shared/board/boardGraph.ts'
import { privateMetaKey, writesPrivately } from '../../shared/board/entries/private.ts'
import { caseLockRefusal, type CaseCell } from '../../shared/board/caseLock.ts'
import { caseCellsByPage } from '../../shared/board/caseCells.ts'
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
  /** Called when a change that would hide another's shape was refused (a drag: once, not per frame). */
  onKeptInSight?(): void
  /** Called when re-pointing another's arrow, or moving its free end, was refused (a drag: once). */
  onArrowKept?(): void
  /** The stored `facilitation/consent` value, now: what opens a Fallkonferenz's case cells. */
  consent?(): unknown
  /** Called when a shape was kept out of a Fallkonferenz's shut case cells (a drag: once). */
  onCaseShut?(): void
}

/** A drag past the board's reach refuses a change per frame: one notice for it. */
const keptInSightNoticeMs = 4_000

const wordRules = new WeakMap<TLStore, (shape: TLShape) => boolean>()

/** Whether this browser's person may change the shape's words now: others' are protected. */
export const mayChangeWords = (store: TLStore, shape: TLShape): boolean => wordRules.get(store)?.(shape) ?? true

/** Registers the side effects on a store; returns their disposer. */
export function guardBoardRights(store: TLStore, ctx: RightsContext): () => void {
  const lock = (): ChangeContext => ({ role: ctx.role, unlocked: ctx.unlocked() })
  // The relay's rule (`shared/board/declaration.ts`): the template's labels are not someone's words.
  const mayChangeWordsOf = (shape: TLShape) => isScaffoldRecord(shape) || mayDeleteShape(ctx.role, ctx.author, shape, ctx.protection())
  wordRules.set(store, mayChangeWordsOf)
  const withAuthor = <S extends TLShape | TLAsset>(shape: S, author: string | undefined): S => {
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

  // Others' shapes stay in sight (`keptInSight.ts`), judged as the relay judges them.
  const templateBoxes = new Map<string, { box: Box | null; top: string | null }>()
  const templateOf = (page: string) => {
    if (!templateBoxes.has(page)) {
      const boxes: Box[] = []
      let top: string | null = null
      for (const record of store.allRecords()) {
        if (record.typeName !== 'shape' || record.parentId !== page || !marksTemplate(record.meta)) continue
        boxes.push(shapeBox(record))
        if (top === null || record.index > top) top = record.index
      }
      templateBoxes.set(page, { box: enclosing(boxes), top })
    }
    return templateBoxes.get(page)!
  }
  // The Fallkonferenz case cells by page, read again when a template shape changes (as above).
  let caseCells: Map<string, CaseCell[]> | undefined
  const caseCellsOn = (page: string) => (caseCells ??= caseCellsByPage(store.allRecords() as unknown as Record<string, unknown>[])).get(page) ?? []
  const shuts = (next: TLShape) =>
    caseLockRefusal(
      [next.id],
      {
        after: (id) => (id === next.id ? next : store.get(id as TLRecord['id'])) as Record<string, unknown> | undefined,
        children: childrenOf,
        caseCells: caseCellsOn,
        consent: ctx.consent?.(),
      },
      maxGraphWalk,
    ) !== null
  let lastShutNotice = -Infinity
  const keepShut = () => {
    const now = Date.now()
    if (now - lastShutNotice > keptInSightNoticeMs) ctx.onCaseShut?.()
    lastShutNotice = now
  }
  const templateBox = (page: string) => templateOf(page).box
  const templateTop = (page: string) => templateOf(page).top
  const forgetTemplate = store.listen(
    ({ changes }) => {
      const touched = [...Object.values(changes.added), ...Object.values(changes.updated).flat(), ...Object.values(changes.removed)]
      if (touched.some((record) => record.typeName === 'shape' && marksTemplate(record.meta))) {
        templateBoxes.clear()
        caseCells = undefined
      }
    },
    { scope: 'document' },
  )
  const childrenOf = (id: string) => {
    const shape = store.get(id as TLShape['id'])
    if (shape?.typeName !== 'shape' || (shape.type !== 'frame' && shape.type !== 'group')) return []
    return store.allRecords().filter((record) => record.typeName === 'shape' && record.parentId === id).map((record) => record.id)
  }
  const hides = (prev: TLShape, next: TLShape) => {
    const others = (shape: Record<string, unknown>) => !mayChangeWordsOf(shape as unknown as TLShape)
    if (others(prev as never) && restyleRefusal(prev as never, next as never)) return true
    const read = (id: string) => (id === next.id ? next : store.get(id as TLRecord['id'])) as Record<string, unknown> | undefined
    const before = (id: string) => store.get(id as TLRecord['id']) as Record<string, unknown> | undefined
    return sightRefusal([prev.id], others, { before, after: read, children: childrenOf, templateBox, templateTop }, maxGraphWalk) !== null
  }
  let lastSightNotice = -Infinity
  const keepInSight = () => {
    const now = Date.now()
    if (now - lastSightNotice > keptInSightNoticeMs) ctx.onKeptInSight?.()
    lastSightNotice = now
  }
  // Others' arrows keep pointing where, and saying what, they were drawn to: judged as the relay judges them.
  const mayChangeArrowNow = (arrow: TLShape) => mayChangeArrow(ctx.role, ctx.author, arrow, ctx.protection(), ctx.unlocked())
  // A binding made for another's arrow in this change is taken out at its end (below): it does not
  // free the arrow's end meanwhile (an undo replays both at once), as the relay sees neither.
  const createdNow = new Set<string>()
  const bindingsFrom = (arrow: string) =>
    store
      .allRecords()
      .filter((record): record is TLBinding => record.typeName === 'binding' && record.fromId === arrow && !createdNow.has(record.id))
      .map((binding) => binding.id)
  const othersArrow = (binding: TLBinding) => {
    const arrow = store.get(binding.fromId)
    return arrow !== undefined && !mayChangeArrowNow(arrow)
  }
  const changesArrow = (prev: TLShape, next: TLShape) => {
    const view: ArrowView = {
      before: (id) => store.get(id as TLRecord['id']) as Record<string, unknown> | undefined,
      after: (id) => (id === next.id ? next : store.get(id as TLRecord['id'])) as Record<string, unknown> | undefined,
      mayChange: (arrow) => mayChangeArrowNow(arrow as unknown as TLShape),
      bindings: bindingsFrom,
      unbindingUnseen: true,
    }
    return arrowRefusal(prev.id, view) !== null
  }
  let lastArrowNotice = -Infinity
  const keepArrow = () => {
    const now = Date.now()
    if (now - lastArrowNotice > keptInSightNoticeMs) ctx.onArrowKept?.()
    lastArrowNotice = now
  }
  // Bindings this guard itself puts back or takes out again, which it does not judge a second time.
  const ownDoing = new Set<string>()
  const assetUsers = (asset: TLAsset) =>
    store.allRecords().filter((record): record is TLShape => record.typeName === 'shape' && (record.props as { assetId?: unknown }).assetId === asset.id)
  const mayChangeAssetNow = (asset: TLAsset) => mayChangeAsset(ctx.role, ctx.author, asset, authorOf(asset) === undefined ? assetUsers(asset) : [], ctx.protection())

  const { sideEffects } = store
  const stops = [
    forgetTemplate,
    sideEffects.registerBeforeCreateHandler('asset', (asset, source) => {
      if (source === 'remote' || (isFacilitator(ctx.role) && authorOf(asset) !== undefined)) return asset
      return withAuthor(asset, ctx.author)
    }),
    // A second upload of the same file (tldraw names an asset by its file's hash) keeps the first.
    sideEffects.registerBeforeChangeHandler('asset', (prev, next, source) => {
      if (source === 'remote') return next
      if (!mayChangeAssetNow(prev)) return prev
      return isFacilitator(ctx.role) ? next : withAuthor(next, authorOf(prev))
    }),
    sideEffects.registerBeforeDeleteHandler('asset', (asset, source) => (source === 'remote' || mayChangeAssetNow(asset) ? undefined : false)),
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
      if (shapeContentChanged(prev.props, next.props) && !mayChangeWordsOf(prev)) return prev
      if (changesArrow(prev, next)) {
        keepArrow()
        return prev
      }
      if (!isScaffoldRecord(next) && shuts(next)) {
        keepShut()
        return prev
      }
      if (isFacilitator(ctx.role)) return next
      // The author stays the note's (whatever tldraw copied in); the rest of its marks are judged.
      const signed = withAuthor(next, authorOf(prev))
      if (hides(prev, signed)) {
        keepInSight()
        return prev
      }
      return signed
    }),
    // tldraw cannot be told not to create a shape: one made in a shut case cell goes again at once.
    sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source === 'remote' || isScaffoldRecord(shape) || !shuts(shape)) return
      store.remove([shape.id])
      keepShut()
    }),
    sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source === 'remote') return
      if (isScaffoldRecord(shape)) return scaffoldDeleteAllowed(shape, lock()) ? undefined : false
      return mayDeleteShape(ctx.role, ctx.author, shape, ctx.protection()) ? undefined : refuse()
    }),
    // tldraw cannot be told not to create a binding: one it made for another's arrow (an undo, a
    // drag of its end onto a shape) is taken out again in the same change.
    sideEffects.registerBeforeCreateHandler('binding', (binding, source) => {
      if (source !== 'remote' && othersArrow(binding)) createdNow.add(binding.id)
      return binding
    }),
    sideEffects.registerAfterCreateHandler('binding', (binding, source) => {
      createdNow.delete(binding.id)
      if (source === 'remote' || ownDoing.delete(binding.id) || !othersArrow(binding)) return
      ownDoing.add(binding.id)
      store.remove([binding.id])
      keepArrow()
    }),
    sideEffects.registerBeforeChangeHandler('binding', (prev, next, source) => {
      if (source === 'remote' || (!othersArrow(prev) && !othersArrow(next))) return next
      keepArrow()
      return prev
    }),
    // Deleting a shape, tldraw lets go of its bindings before the shape's own deletion is judged:
    // so a binding of another's arrow is put back once the change is done, if its arrow and what it
    // pointed to are both still there (dragging the arrow alone, or a deletion refused here).
    sideEffects.registerAfterDeleteHandler('binding', (binding, source) => {
      if (source === 'remote' || ownDoing.delete(binding.id) || !othersArrow(binding) || store.get(binding.toId) === undefined) return
      ownDoing.add(binding.id)
      store.put([binding])
      keepArrow()
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
