/**
 * Beschlüsse on the canvas: the facilitator marks the selected Zettel as Beschluss (a button in
 * the facilitation dock while Zettel are selected, and the canvas's context menu), saying in a
 * small dialog who decided and what it binds (`BeschlussDialog.tsx`); unmarks them by choosing it
 * again, undone from the toast that follows. Everyone sees a marked Zettel framed and labelled
 * "Beschluss" with its Gremium and Bindewirkung (a word and a frame, not a colour alone). The
 * marks are the board's `facilitation/beschluesse` entry, so the relay takes them from the
 * facilitator only. With one Zettel selected, the facilitator may ask the room „Einverstanden?“
 * on it instead (`ZustimmungPanel.tsx`).
 */
import { EarlierTextMenuItem } from '../board/EarlierTextMenuItem.tsx'
import {
  DefaultContextMenu,
  DefaultContextMenuContent,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  useActions,
  useValue,
  type Editor,
  type TLUiContextMenuProps,
  type TLUiOverrides,
} from 'tldraw'
import { beschluesseEntry, beschlussTerms, toggleBeschluesse, type Beschluesse } from '../../shared/board/entries/beschluesse.ts'
import { bindewirkungWords, gremiumLabel } from '../../shared/results/decisionWords.ts'
import { settled } from '../../shared/results/beschlussLife.ts'
import { beschlussDialog } from './beschlussDialogState.ts'
import { zustimmungEntry } from '../../shared/board/entries/zustimmung.ts'
import type { OpenBoard } from '../board/openBoard.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { locale, t } from '../locale.ts'
import { useEditor } from 'tldraw'
import './beschluss.css'
import { CommentMenuItem } from '../comments/Comments.tsx'

/** The selected Zettel (notes) on the current page. */
const selectedNotes = (editor: Editor): string[] =>
  editor
    .getSelectedShapes()
    .filter((shape) => shape.type === 'note')
    .map((shape) => shape.id)

/**
 * Unmarks the selection when all of it is marked (returns what was stored before, to undo it);
 * otherwise asks for the Beschluss's terms in the dialog, which marks it. Null when nothing was unmarked.
 */
function toggle(session: OpenBoard, ids: readonly string[]): { before: Beschluesse } | null {
  if (ids.length === 0) return null
  const before = session.facilitation.entries.beschluesse.get()
  if (!ids.every((id) => before.notes.includes(id))) {
    beschlussDialog.set({ ids: [...ids], editing: false })
    return null
  }
  beschluesseEntry.set(session.connection.doc, toggleBeschluesse(before, ids))
  return { before }
}

export const beschlussActionId = 'nws-beschluss'

/** The context menu's action (facilitators only); its toast undoes it. */
export function beschlussAction(session: OpenBoard): NonNullable<TLUiOverrides['actions']> {
  return (editor, actions, helpers) => {
    if (!beschluesseEntry.mayWrite(session.role)) return actions
    return {
      ...actions,
      [beschlussActionId]: {
        id: beschlussActionId,
        label: t.beschlussMark,
        readonlyOk: false,
        onSelect() {
          const done = toggle(session, selectedNotes(editor))
          if (!done) return
          helpers.addToast({
            title: t.beschlussUnmarked,
            severity: 'success',
            actions: [{ type: 'normal', label: t.beschlussUndo, onClick: () => beschluesseEntry.set(session.connection.doc, done.before) }],
          })
        },
      },
    }
  }
}

/** The facilitation dock's button while Zettel are selected: mark them, or unmark them when all are marked. */
export function BeschlussButton() {
  const session = useOpenBoard()
  const editor = useEditor()
  const selected = useValue('selected notes', () => selectedNotes(editor), [editor])
  const marked = useValue('beschluesse', () => session.facilitation.entries.beschluesse.get().notes, [session])
  if (!beschluesseEntry.mayWrite(session.role) || selected.length === 0) return null
  const all = selected.every((id) => marked.includes(id))
  return (
    <>
      <button
        type="button"
        className="nws-facilitation-button nws-beschluss-button"
        aria-pressed={all}
        data-beschluss-toggle
        onClick={() => toggle(session, selected)}
      >
        {all ? t.beschlussUnmark : t.beschlussMark}
      </button>
      {all && (
        <button type="button" className="nws-facilitation-button" data-beschluss-edit onClick={() => beschlussDialog.set({ ids: selected, editing: true })}>
          {t.beschlussEdit}
        </button>
      )}
      {/* One proposal at a time: the room answers one question. */}
      {selected.length === 1 && zustimmungEntry.mayWrite(session.role) && (
        <button type="button" className="nws-facilitation-button" data-round-ask onClick={() => beschlussDialog.set({ ids: selected, editing: false, ask: true })}>
          {t.roundAsk}
        </button>
      )}
    </>
  )
}

/** On the canvas above the shapes: each marked Zettel of this page framed, with its label on top. */
export function BeschlussMarks() {
  const session = useOpenBoard()
  const editor = useEditor()
  const spots = useValue(
    'beschluss spots',
    () => {
      const page = editor.getCurrentPageId()
      const marks = session.facilitation.entries.beschluesse.get()
      return marks.notes.flatMap((id) => {
        const shape = editor.getShape(id as Parameters<Editor['getShape']>[0])
        if (!shape || editor.getAncestorPageId(shape) !== page) return []
        const box = editor.getShapePageBounds(shape)
        // Agreed by every Haus it waited for: it applies (`settled`).
        const { gremium, bindewirkung } = settled(beschlussTerms(marks, id))
        // Briefly: the body and the short Bindewirkung; a mark from before terms says none was given.
        const terms = [gremiumLabel(gremium, locale), bindewirkung && bindewirkungWords[bindewirkung].short[locale]].filter(Boolean).join(' · ')
        return box ? [{ id, x: box.x, y: box.y, w: box.w, h: box.h, terms }] : []
      })
    },
    [editor, session],
  )
  if (spots.length === 0) return null
  return (
    <div className="nws-beschluss-layer" aria-hidden="true">
      {spots.map((spot) => (
        <div
          key={spot.id}
          className="nws-beschluss-mark"
          data-beschluss={spot.id}
          style={{ transform: `translate(${spot.x}px, ${spot.y}px)`, width: spot.w, height: spot.h, '--nws-beschluss-size': `${Math.max(16, spot.w * 0.17)}px` } as React.CSSProperties}
        >
          <span className="nws-beschluss-mark__label">
            § {t.beschlussBadge}
            <span className="nws-beschluss-mark__terms">{spot.terms}</span>
          </span>
        </div>
      ))}
    </div>
  )
}

/** tldraw's context menu, with "Als Beschluss markieren" on top while the facilitator has Zettel selected. */
export function BoardContextMenu(props: TLUiContextMenuProps) {
  const actions = useActions()
  const editor = useEditor()
  const session = useOpenBoard()
  const selected = useValue('selected notes', () => selectedNotes(editor), [editor])
  const marked = useValue('beschluesse', () => session.facilitation.entries.beschluesse.get().notes, [session])
  const action = actions[beschlussActionId]
  const all = selected.length > 0 && selected.every((id) => marked.includes(id))
  return (
    <DefaultContextMenu {...props}>
      {action && selected.length > 0 && (
        <TldrawUiMenuGroup id="nws-beschluss">
          <TldrawUiMenuItem id={action.id} readonlyOk={false} onSelect={action.onSelect} label={all ? t.beschlussUnmark : t.beschlussMark} />
        </TldrawUiMenuGroup>
      )}
      <CommentMenuItem />
      <EarlierTextMenuItem />
      <DefaultContextMenuContent />
    </DefaultContextMenu>
  )
}
