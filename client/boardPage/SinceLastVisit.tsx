/**
 * What changed since this browser's last visit (`sinceLastVisit.ts`): a small notice under the
 * main menu with the counts, a list to jump to each change (across pages), and a glow around
 * each changed shape on the canvas until it is seen (selected, jumped to, or all marked).
 */
import { createContext, useContext, useEffect, useState } from 'react'
import { react, useEditor, useValue, type Editor, type TLPageId, type TLShapeId } from 'tldraw'
import type { ShapeChange } from '../../shared/board/changesSince.ts'
import { commentThreads, readComments, type CommentTarget } from '../../shared/board/comments.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { showBounds } from '../templates/showInView.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { trackSinceLastVisit, type SinceLastVisit, type Unseen } from '../board/sinceLastVisit.ts'
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

/**
 * The unseen shapes as a person would name them: each Zettel, card or shape on its own, except
 * that a newly inserted template's parts (title, headers, cells) are one new template.
 */
interface ShapeGroup {
  /** The change's id in the list (the shape's, or the template instance's). */
  id: string
  /** The shapes it stands for, all marked seen together. */
  ids: string[]
  change: ShapeChange
  template: boolean
  /** The shape to show and select: the shape itself, a template's title. */
  anchor: TLShapeId
}

function shapeGroups(editor: Editor, unseen: Unseen): ShapeGroup[] {
  const groups = new Map<string, ShapeGroup>()
  for (const change of unseen.shapes) {
    const shape = editor.getShape(change.id as TLShapeId)
    if (!shape) continue
    const scaffold = change.kind === 'new' ? scaffoldMeta(shape) : undefined
    if (!scaffold) {
      groups.set(change.id, { id: change.id, ids: [change.id], change, template: false, anchor: shape.id })
      continue
    }
    const id = `template:${scaffold.instance}`
    const group = groups.get(id) ?? { id, ids: [], change, template: true, anchor: shape.id }
    group.ids.push(change.id)
    if (scaffold.kind === 'title') group.anchor = shape.id
    groups.set(id, group)
  }
  return [...groups.values()]
}

/** The notice's summary: "2 neue Zettel, 1 geändert, 1 neuer Kommentar". */
export function summary(groups: ShapeGroup[], unseen: Unseen): string {
  const count = (test: (g: ShapeGroup) => boolean) => groups.filter(test).length
  const newNotes = count((g) => g.change.kind === 'new' && g.change.note)
  const newTemplates = count((g) => g.template)
  const newShapes = count((g) => g.change.kind === 'new' && !g.change.note && !g.template)
  const changed = count((g) => g.change.kind === 'changed') + unseen.comments.filter((c) => c.kind === 'changed').length
  const newComments = unseen.comments.filter((c) => c.kind === 'new').length
  const parts = [
    newNotes && plural(locale, newNotes, { one: t.sinceNewNotesOne, other: t.sinceNewNotesOther }),
    newTemplates && plural(locale, newTemplates, { one: t.sinceNewTemplatesOne, other: t.sinceNewTemplatesOther }),
    newShapes && plural(locale, newShapes, { one: t.sinceNewShapesOne, other: t.sinceNewShapesOther }),
    changed && plural(locale, changed, { one: t.sinceChangedOne, other: t.sinceChangedOther }),
    newComments && plural(locale, newComments, { one: t.sinceNewCommentsOne, other: t.sinceNewCommentsOther }),
    unseen.deletedShapes && plural(locale, unseen.deletedShapes, { one: t.sinceDeletedOne, other: t.sinceDeletedOther }),
  ]
  return parts.filter(Boolean).join(', ')
}

interface Item {
  id: string
  /** What is seen with it. */
  ids: string[]
  label: string
  detail: string
  page: TLPageId | null
  /** Where to go: a shape, or a place on the page. */
  shape?: TLShapeId
  point?: { x: number; y: number }
}

function shapeItem(editor: Editor, group: ShapeGroup): Item | null {
  const shape = editor.getShape(group.anchor)
  if (!shape) return null
  const { change } = group
  const text = (editor.getShapeUtil(shape).getText(shape) ?? '').trim().replace(/\s+/g, ' ')
  const label = text ? shorten(text) : group.template ? t.sinceTemplate : change.note ? t.sinceNote : t.sinceShape
  const detail =
    change.kind === 'new'
      ? group.template
        ? t.sinceItemNewTemplate
        : t.sinceItemNew
      : change.moved && change.text
        ? t.sinceItemMovedText
        : change.moved
          ? t.sinceItemMoved
          : change.text
            ? t.sinceItemText
            : t.sinceItemChanged
  return { id: group.id, ids: group.ids, label, detail, page: editor.getAncestorPageId(shape) ?? null, shape: shape.id }
}

const shorten = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text)

/** Shows a change: its page, the shape in view and selected (which makes it seen). */
function jumpTo(editor: Editor, item: Item) {
  if (item.page && item.page !== editor.getCurrentPageId()) editor.setCurrentPage(item.page)
  const bounds = item.shape ? groupBounds(editor, item.ids.length > 1 ? item.ids : [item.shape]) : item.point && { x: item.point.x - 150, y: item.point.y - 100, w: 300, h: 200 }
  if (bounds) showBounds(editor, bounds, undefined, false)
  if (item.shape) editor.select(item.shape)
}

/** The page box around some shapes (those of one page). */
function groupBounds(editor: Editor, ids: string[]): { x: number; y: number; w: number; h: number } | null {
  const boxes = ids.flatMap((id) => editor.getShapePageBounds(id as TLShapeId) ?? [])
  if (boxes.length === 0) return null
  const x = Math.min(...boxes.map((b) => b.x))
  const y = Math.min(...boxes.map((b) => b.y))
  return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y }
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
      const selected = new Set<string>(editor.getSelectedShapeIds())
      const unseen = since.unseen.get()
      if (selected.size === 0 || !unseen) return
      const seen = shapeGroups(editor, unseen).filter((g) => g.ids.some((id) => selected.has(id)))
      if (seen.length > 0) since.markSeen(seen.flatMap((g) => g.ids))
    })
  }, [editor, since])

  const groups = useValue('unseen groups', () => (unseen ? shapeGroups(editor, unseen) : []), [editor, unseen])
  const items = useValue(
    'unseen items',
    () => {
      if (!unseen) return []
      const shapes = groups.flatMap((g) => shapeItem(editor, g) ?? [])
      return [...shapes, ...commentList(editor, session.connection.doc, unseen)]
    },
    [editor, unseen, groups, session],
  )
  // Which page each change is on, where the board has more than one.
  const manyPages = useValue('board has pages', () => editor.getPages().length > 1, [editor])
  // Unseen shapes this page cannot show (left out as broken) leave nothing to say.
  const changes = unseen ? summary(groups, unseen) : ''
  // Nothing to say; marked for the browser tests, which wait for the comparison.
  if (!since || !unseen || !changes) return compared ? <span hidden data-since="nothing-new" /> : null
  return (
    <section className="nws-since" aria-label={t.sinceListLabel} onKeyDown={(e) => e.stopPropagation()}>
      <p className="nws-since__summary" role="status">
        {format(t.sinceTitle, { changes })}
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
                  since.markSeen(item.ids)
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
      ids: [change.id],
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
      return shapeGroups(editor, unseen).flatMap((group) => {
        const here = group.ids.filter((id) => {
          const shape = editor.getShape(id as TLShapeId)
          return shape !== undefined && editor.getAncestorPageId(shape) === page
        })
        const box = groupBounds(editor, here)
        return box ? [{ id: group.id, kind: group.change.kind, ...box }] : []
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
