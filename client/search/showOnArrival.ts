/**
 * A search result on the Fahrplan opens its board and shows it there: the Fahrplan leaves the
 * result in localStorage under the board's id (the board's link is the network's to make, and is
 * followed as it is), and the board page shows it once its records are there, then forgets it.
 * A note left and never picked up goes stale: a board opened later shows nothing of it.
 */
import { useEffect } from 'react'
import { useEditor, type TLPageId, type TLShapeId } from 'tldraw'
import { useOpenBoard } from '../board/boardContext.ts'
import { showOnArrivalKey } from '../sinceMemory.ts'
import { staleAfterMs, type Target } from './arrivalTarget.ts'

/** How long the page waits for the records of the result to arrive. */
const waitForRecordsMs = 20_000
import { showOnBoard } from './showOnBoard.ts'

function takeTarget(boardId: string): Target | null {
  try {
    const raw = localStorage.getItem(showOnArrivalKey(boardId))
    if (raw === null) return null
    localStorage.removeItem(showOnArrivalKey(boardId))
    const value = JSON.parse(raw) as Partial<Target> & { at?: unknown }
    if (typeof value.at !== 'number' || Date.now() - value.at > staleAfterMs || typeof value.pageId !== 'string') return null
    const point = value.point && typeof value.point.x === 'number' && typeof value.point.y === 'number' ? { x: value.point.x, y: value.point.y } : undefined
    return { pageId: value.pageId, ...(typeof value.shapeId === 'string' ? { shapeId: value.shapeId } : {}), ...(point ? { point } : {}) }
  } catch {
    return null
  }
}

/** On the board page: shows the result the Fahrplan left for this board, once its page (and shape) are there. */
export function ShowOnArrival() {
  const editor = useEditor()
  const { boardId } = useOpenBoard()
  useEffect(() => {
    const target = takeTarget(boardId)
    if (!target) return
    const ready = () => !!editor.getPage(target.pageId as TLPageId) && (!target.shapeId || !!editor.getShape(target.shapeId as TLShapeId))
    if (ready()) {
      showOnBoard(editor, target)
      return
    }
    const stop = editor.store.listen(
      () => {
        if (!ready()) return
        done()
        showOnBoard(editor, target)
      },
      { scope: 'document' },
    )
    const timer = setTimeout(() => done(), waitForRecordsMs)
    const done = () => {
      stop()
      clearTimeout(timer)
    }
    return done
  }, [editor, boardId])
  return null
}
