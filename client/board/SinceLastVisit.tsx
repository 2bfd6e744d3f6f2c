/**
 * What changed since this browser's last visit (`sinceLastVisit.ts`): a small notice under the
 * main menu with the counts, a list to jump to each change (across pages), and a glow around
 * each changed shape on the canvas until it is seen (selected, jumped to, or all marked).
 */
import { createContext, useContext, useEffect, useState } from 'react'
import { react, useEditor, useValue, type Editor, type TLPageId, type TLShapeId } from 'tldraw'
import type { ShapeChange } from '../../shared/board/changesSince.ts'
import { commentThreads, readComments, type CommentTarget } from '../../shared/board/comments.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { showBounds } from '../templates/showInView.ts'
import { useOpenBoard } from './boardContext.ts'
import { trackSinceLastVisit, type SinceLastVisit, type Unseen } from './sinceLastVisit.ts'
import './sinceLastVisit.css'

const SinceContext = createContext<SinceLastVisit | null>(null)

/** Keeps this browser's memory of the board for as long as the board is open. */
export function SinceLastVisitProvider({ children }: { children: React.ReactNode }) {
  const session = useOpenBoard()
  const [since, setSince] = useState<SinceLastVisit | null>(null)
  useEffect(() => {
    const tracker = trackSinceLastVisit(session.boardId, session.connection.doc, session.connection.serverSynced)
    setSince(tracker)
    return () => tracker.dispose()
  }, [session])
  return <SinceContext.Provider value={since}>{children}</SinceContext.Provider>
}

/** The notice's summary: "2 neue Zettel, 1 geändert, 1 neuer Kommentar". */
export function summary(unseen: Unseen): string {
  const newNotes = unseen.shapes.filter((s) => s.kind === 'new' && s.note).length
  const newShapes = unseen.shapes.filter((s) => s.kind === 'new' && !s.note).length
  const changed = unseen.shapes.filter((s) => s.kind === 'changed').length + unseen.comments.filter((c) => c.kind === 'changed').length
  const newComments = unseen.comments.filter((c) => c.kind === 'new').length
  const parts = [
    newNotes && plural(locale, newNotes, { one: t.sinceNewNotesOne, other: t.sinceNewNotesOther }),
    newShapes && plural(locale, newShapes, { one: t.sinceNewShapesOne, other: t.sinceNewShapesOther }),
    changed && plural(locale, changed, { one: t.sinceChangedOne, other: t.sinceChangedOther }),
    newComments && plural(locale, newComments, { one: t.sinceNewCommentsOne, other: t.sinceNewCommentsOther }),
    unseen.deletedShapes && plural(locale, unseen.deletedShapes, { one: t.sinceDeletedOne, other: t.sinceDeletedOther }),
  ]
  return parts.filter(Boolean).join(', ')
}

interface Item {
  id: string
  label: string
  detail: string
  page: TLPageId | null
  /** Where to go: a shape, or a place on the page. */
  shape?: TLShapeId
  point?: { x: number; y: number }
}

function shapeItem(editor: Editor, change: ShapeChange): Item | null {
  const shape = editor.getShape(change.id as TLShapeId)
  if (!shape) return null
  const text = (editor.getShapeUtil(shape).getText(shape) ?? '').trim().replace(/\s+/g, ' ')
  const label = text ? shorten(text) : change.note ? t.sinceNote : t.sinceShape
  const detail =
    change.kind === 'new'
      ? t.sinceItemNew
      : change.moved && change.text
        ? t.sinceItemMovedText
        : change.moved
          ? t.sinceItemMoved
          : change.text
            ? t.sinceItemText
            : t.sinceItemChanged
  return { id: change.id, label, detail, page: editor.getAncestorPageId(shape) ?? null, shape: shape.id }
}

const shorten = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text)

/** Shows a change: its page, the shape in view and selected (which makes it seen). */
function jumpTo(editor: Editor, item: Item) {
  if (item.page && item.page !== editor.getCurrentPageId()) editor.setCurrentPage(item.page)
  const bounds = item.shape ? editor.getShapePageBounds(item.shape) : item.point && { x: item.point.x - 150, y: item.point.y - 100, w: 300, h: 200 }
  if (bounds) showBounds(editor, bounds, undefined, false)
  if (item.shape) editor.select(item.shape)
}

export function SinceLastVisitNotice() {
  const editor = useEditor()
  const session = useOpenBoard()
  const since = useContext(SinceContext)
  const [open, setOpen] = useState(false)
  const unseen = useValue('unseen changes', () => since?.unseen.get() ?? null, [since])
  const compared = useValue('compared with last visit', () => since?.compared.get() ?? false, [since])

  // A changed shape someone selects has been seen.
  useEffect(() => {
    if (!since) return
    return react('selected changes are seen', () => {
      const selected = editor.getSelectedShapeIds()
      if (selected.length > 0 && since.unseen.get()) since.markSeen(selected)
    })
  }, [editor, since])

  const items = useValue(
    'unseen items',
    () => {
      if (!unseen) return []
      const shapes = unseen.shapes.flatMap((s) => shapeItem(editor, s) ?? [])
      return [...shapes, ...commentList(editor, session.connection.doc, unseen)]
    },
    [editor, unseen, session],
  )
  // Which page each change is on, where the board has more than one.
  const manyPages = useValue('board has pages', () => editor.getPages().length > 1, [editor])
  // Nothing to say; marked for the browser tests, which wait for the comparison.
  if (!since || !unseen) return compared ? <span hidden data-since="nothing-new" /> : null
  return (
    <section className="nws-since" aria-label={t.sinceListLabel} onKeyDown={(e) => e.stopPropagation()}>
      <p className="nws-since__summary" role="status">
        {format(t.sinceTitle, { changes: summary(unseen) })}
      </p>
      <div className="nws-since__actions">
        {items.length > 0 && (
          <button type="button" className="nws-since__button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t.sinceHide : t.sinceShow}
          </button>
        )}
        <button type="button" className="nws-since__button nws-since__button--quiet" onClick={() => since.markAllSeen()}>
          {t.sinceAllSeen}
        </button>
      </div>
      {open && items.length > 0 && (
        <ul className="nws-since__list">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="nws-since__item"
                data-change={item.id}
                onClick={() => {
                  jumpTo(editor, item)
                  since.markSeen([item.id])
                }}
              >
                <span className="nws-since__label">{item.label}</span>
                <span className="nws-since__detail">
                  {item.detail}
                  {manyPages && item.page ? ` · ${format(t.sinceOnPage, { page: editor.getPage(item.page)?.name ?? '' })}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Comments that are unseen, each leading to its thread's target. */
function commentList(editor: Editor, doc: Parameters<typeof readComments>[0], unseen: Unseen): Item[] {
  if (unseen.comments.length === 0) return []
  const all = readComments(doc)
  const targets = new Map<string, CommentTarget>()
  for (const thread of commentThreads(all)) {
    targets.set(thread.id, thread.start.target)
    for (const reply of thread.replies) targets.set(reply.id, thread.start.target)
  }
  return unseen.comments.flatMap((change) => {
    const comment = all.get(change.id)
    const target = targets.get(change.id)
    if (!comment || !target) return []
    const item: Item = {
      id: change.id,
      label: shorten(comment.text.trim().replace(/\s+/g, ' ')),
      detail: change.kind === 'new' ? t.sinceComment : t.sinceCommentChanged,
      page: editor.getPage(target.pageId as TLPageId) ? (target.pageId as TLPageId) : null,
    }
    if (target.kind === 'shape' && editor.getShape(target.shapeId as TLShapeId)) item.shape = target.shapeId as TLShapeId
    else if (target.kind === 'place') item.point = { x: target.x, y: target.y }
    return [item]
  })
}

/** The glow around unseen shapes on the current page, in page coordinates (tldraw's `OnTheCanvas`). */
export function SinceLastVisitMarks() {
  const editor = useEditor()
  const since = useContext(SinceContext)
  const spots = useValue(
    'unseen spots',
    () => {
      const unseen = since?.unseen.get()
      if (!unseen) return []
      const page = editor.getCurrentPageId()
      return unseen.shapes.flatMap((change) => {
        const shape = editor.getShape(change.id as TLShapeId)
        if (!shape || editor.getAncestorPageId(shape) !== page) return []
        const box = editor.getShapePageBounds(shape)
        return box ? [{ id: change.id, kind: change.kind, x: box.x, y: box.y, w: box.w, h: box.h }] : []
      })
    },
    [editor, since],
  )
  if (spots.length === 0) return null
  return (
    <div className="nws-since-layer" aria-hidden="true">
      {spots.map((spot) => (
        <div
          key={spot.id}
          className={`nws-since-mark nws-since-mark--${spot.kind}`}
          data-unseen={spot.id}
          style={{ transform: `translate(${spot.x}px, ${spot.y}px)`, width: spot.w, height: spot.h }}
        />
      ))}
    </div>
  )
}
