/**
 * Following in a small window (a half-screen beside a video call): where the canvas would show
 * the followed area's Zettel below 14 px (`followedTable.ts`), the part is shown as the wall's
 * table (`WallTableView.tsx`) at this window's own size, beneath the top bar, with the current
 * step, the cell the leader's laser points at and „Zur Tafel“ back to the canvas. Followed is the
 * latest „Alle zu mir“ (a presented slide's, „Alle zu …“) this window acted on, or, while it
 * follows someone („Moderation folgen“), that person's view as it moves. Moving oneself stops a
 * follow as before; „Zur Tafel“ shows the canvas until the facilitator brings everyone on.
 */
import { useEffect, useLayoutEffect, type RefObject } from 'react'
import { atom, react, useEditor, useValue, type Editor, type TLEventInfo } from 'tldraw'
import type { Box } from '../../shared/templates/geometry.ts'
import { findKnownInstances } from '../../shared/templates/knownTemplates.ts'
import { instanceLayout } from '../../shared/templates/steps.ts'
import { wallTables, type WallItem } from '../../shared/templates/wallSlides.ts'
import { boardSections } from '../board/boardSections.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { useCurrentStep } from './AgendaControl.tsx'
import { followAsTable, followedArea, followedPart, followedZettelPagePx, leaderView, pointedCell, zettelInView, type ZettelType } from './followedTable.ts'
import { currentPageTemplates, wallContents } from './presentation.ts'
import { useTableFaces } from './tableFaces.ts'
import { WallTableView } from './WallTableView.tsx'

/** What this window was brought to last („Alle zu mir“ and the like), set where summons are followed (FacilitationRuntime.tsx). */
export interface FollowedView {
  /** The summon's id; `follow:<user>` while following someone. */
  key: string
  pageId: string
  bounds: Box
  /** Whose view it is: their laser is shown. */
  userId: string | null
}

export const followedSummon = atom<FollowedView | undefined>('followed summon', undefined)
/** A panel of the dock that stays open over the canvas (the „Einverstanden?“ round), in px from the editor's corner: the table leaves it room. */
const panelOverTable = atom<Box | undefined>('panel over the followed table', undefined)

/**
 * For such a panel: tells the followed table where the panel lies, as long as it is drawn (its size
 * changes as answers come in or it is folded; the window's size moves the dock).
 */
export function useRoomForPanel(panel: RefObject<HTMLElement | null>, shown: boolean) {
  const editor = useEditor()
  useLayoutEffect(() => {
    const el = panel.current
    if (!el) return
    const tell = () => {
      const box = el.getBoundingClientRect()
      const origin = editor.getContainer().getBoundingClientRect()
      const next = { x: box.x - origin.x, y: box.y - origin.y, w: box.width, h: box.height }
      const was = panelOverTable.get()
      if (!was || JSON.stringify(was) !== JSON.stringify(next)) panelOverTable.set(next)
    }
    tell()
    const observer = new ResizeObserver(tell)
    observer.observe(el)
    window.addEventListener('resize', tell)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', tell)
      panelOverTable.set(undefined)
    }
  }, [editor, panel, shown])
}
/** The followed view („key“) this window went back to the canvas from. */
const toBoard = atom<string | undefined>('followed back to the board', undefined)

/** What this window follows now: the person it follows, else the latest summon. */
function followedNow(editor: Editor, f: Facilitation): FollowedView | undefined {
  if (f.isFacilitator) return undefined
  const following = editor.getInstanceState().followingUserId
  if (!following) return followedSummon.get()
  const leader = editor.getCollaborators().find((c) => c.userId === following)
  const view = leader && leaderView(leader)
  return view && leader ? { key: `follow:${following}`, pageId: leader.currentPageId, bounds: view, userId: following } : undefined
}

/** The followed part as a table, if the canvas would show its Zettel too small here. */
function tableNow(editor: Editor, f: Facilitation) {
  const followed = followedNow(editor, f)
  if (!followed || followed.key === toBoard.get() || followed.pageId !== editor.getCurrentPageId()) return undefined
  const notes = editor
    .getCurrentPageShapes()
    .flatMap((shape) => {
      if (shape.type !== 'note') return []
      const box = editor.getShapePageBounds(shape)
      return box ? [{ box: { x: box.x, y: box.y, w: box.w, h: box.h }, type: shape.props as ZettelType }] : []
    })
  const pagePx = followedZettelPagePx(zettelInView(notes, followed.bounds).map((n) => n.type))
  if (!followAsTable(followed.bounds, editor.getViewportScreenBounds(), pagePx)) return undefined
  const part = followedPart(boardSections(editor), currentPageTemplates(editor), followed.pageId, followed.bounds)
  return part && { ...part, key: followed.key, userId: followed.userId }
}

export function FollowedTable() {
  const editor = useEditor()
  const f = useFacilitation()
  // Following someone anew shows the table again.
  useEffect(() => {
    let was = editor.getInstanceState().followingUserId
    return react('follow starts or stops', () => {
      const now = editor.getInstanceState().followingUserId
      if (now === was) return
      was = now
      // A follow begun replaces what a summon showed (stopping it must not bring that back).
      if (now) followedSummon.set(undefined)
      toBoard.set(undefined)
    })
  }, [editor])
  // Moving oneself (a wheel, a pinch, a press on the canvas) ends following a summon, as it ends following a person.
  useEffect(() => {
    const moved = (info: TLEventInfo) => {
      if (info.type === 'wheel' || info.type === 'pinch' || (info.type === 'pointer' && info.name === 'pointer_down')) followedSummon.set(undefined)
    }
    editor.on('event', moved)
    return () => void editor.off('event', moved)
  }, [editor])
  // As text: drawn again only when what it shows changes, not on every step of the leader's camera.
  const shown = useValue(
    'followed table',
    () => {
      const found = tableNow(editor, f)
      return found && JSON.stringify(found)
    },
    [editor, f],
  )
  const part = shown ? (JSON.parse(shown) as NonNullable<ReturnType<typeof tableNow>>) : undefined
  const drawn = useValue(
    'followed table drawn',
    () => {
      if (!part) return undefined
      const instance = findKnownInstances(editor.getCurrentPageShapes()).find((i) => i.instance === part.instance)
      if (!instance) return undefined
      const items = wallContents(editor).get(part.instance) ?? new Map<string, WallItem[]>()
      const colors = editor.getCurrentTheme().colors.light as unknown as Record<string, { noteFill?: string; noteText?: string }>
      return { tables: wallTables(instanceLayout(instance), part.cells), items, colors, lang: instance.locale }
    },
    [editor, shown],
  )
  // The leader's laser (a scribble in their presence): the cell under it.
  const pointed = useValue(
    'followed laser',
    () => {
      if (!part?.userId) return undefined
      const leader = editor.getCollaborators().find((c) => c.userId === part.userId)
      if (!leader?.cursor || leader.scribbles.length === 0 || leader.currentPageId !== editor.getCurrentPageId()) return undefined
      const template = currentPageTemplates(editor).find((tp) => tp.instance === part.instance)
      return template && pointedCell(template, part.cells, leader.cursor)
    },
    [editor, shown],
  )
  const step = useCurrentStep(editor, f)
  const screen = useValue('followed screen', () => editor.getViewportScreenBounds(), [editor])
  const faces = useTableFaces(editor, part !== undefined)
  const panel = useValue(panelOverTable)
  const on = !!part && !!drawn
  useEffect(() => {
    if (!on) return
    const container = editor.getContainer()
    container.dataset.followed = 'table'
    return () => {
      delete container.dataset.followed
    }
  }, [editor, on])
  if (!part || !drawn) return null
  // Beneath the top bar (its step, timer and „Nicht mehr folgen“ stay in reach) and the dock's first
  // row (search, comments; what opens from it lies over the table), the window's whole width.
  const container = editor.getContainer()
  const below = ['.nws-facilitation', '.nws-facilitation-dock__row'].map((s) => container.querySelector(s)?.getBoundingClientRect().bottom ?? 0)
  const top = Math.max(52, ...below.map((bottom) => bottom - screen.y + 8))
  // A panel that stays open (the round a participant answers) is not laid over the table: it gets room.
  const area = followedArea(screen, top, panel)
  const noteColors = (color: string | undefined) => {
    const tone = drawn.colors[color ?? 'yellow'] ?? drawn.colors.yellow
    return { background: tone?.noteFill ?? '#fed49a', color: tone?.noteText ?? '#000' }
  }
  const section = boardSections(editor).find((s) => s.key === part.instance)
  return (
    <WallTableView
      drawing={{ slide: `followed:${part.instance}`, title: section?.label ?? part.title, part: section?.label ?? part.title, font: 20, tables: drawn.tables, items: drawn.items, noteColors, lang: drawn.lang }}
      area={area}
      reader
      pointed={pointed}
      measureAgain={faces}
      aside={
        <div className="nws-followed" data-followed-table>
          {step && <span className="nws-followed__step">{step.n > 0 ? format(t.followedStepOf, { n: step.n, total: step.total, step: step.label }) : format(t.followedStep, { step: step.label })}</span>}
          <span>{t.followedTableNote}</span>
          <button type="button" className="nws-chip nws-chip--action" data-action="followed-to-board" title={t.followedToBoardHint} onClick={() => toBoard.set(part.key)}>
            {t.followedToBoard}
          </button>
        </div>
      }
    />
  )
}
