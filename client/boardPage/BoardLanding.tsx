/**
 * Where a board opens. After a reload: one's own last view. A newcomer: the current step, else
 * the facilitator's view, else the board's content zoomed to fit. A step or facilitator that
 * becomes known in the first seconds still brings a newcomer there, unless they have moved.
 */
import { useEffect } from 'react'
import { react, unsafe__withoutCapture, useEditor, type Editor, type TLCamera, type TLPageId } from 'tldraw'
import type { Box } from '../../shared/templates/geometry.ts'
import { findStepInstance, showStep } from '../facilitation/agenda.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { showBounds } from '../templates/showInView.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { readView, rememberView } from '../viewMemory.ts'

/** How long a newcomer's view still follows a step or facilitator that turns up late. */
const joiningWindowMs = 5000
/** Camera moves are saved this long after the last one, not on every frame of a pan. */
const saveDelayMs = 400

interface Place {
  pageId: TLPageId
  camera: TLCamera
}

const placeOf = (editor: Editor): Place => ({ pageId: editor.getCurrentPageId(), camera: editor.getCamera() })
const samePlace = (a: Place, b: Place) =>
  a.pageId === b.pageId && a.camera.x === b.camera.x && a.camera.y === b.camera.y && a.camera.z === b.camera.z

/** What a facilitator on the board is looking at (page and viewport), from their presence. */
function facilitatorView(editor: Editor, f: Facilitation): { pageId: TLPageId; bounds: Box } | null {
  const ids = new Set(f.peers.get().flatMap((p) => (p.role === 'facilitator' && p.userId ? [p.userId] : [])))
  ids.delete(editor.user.getId())
  const presence = editor.getCollaborators().find((c) => ids.has(c.userId))
  if (!presence) return null
  const { camera, screenBounds, currentPageId } = presence
  if (!camera || !screenBounds || camera.z <= 0 || !editor.getPage(currentPageId)) return null
  return { pageId: currentPageId, bounds: { x: -camera.x, y: -camera.y, w: screenBounds.w / camera.z, h: screenBounds.h / camera.z } }
}

/** Moves a newcomer's view; false when there is nothing on the board to show yet. */
function landNewcomer(editor: Editor, f: Facilitation): 'step' | 'facilitator' | 'content' | null {
  const step = f.step.get()
  const stepInstance = step && findStepInstance(editor, step)
  if (step && stepInstance) {
    showStep(editor, stepInstance, step.key, false)
    return 'step'
  }
  const theirs = facilitatorView(editor, f)
  if (theirs) {
    if (theirs.pageId !== editor.getCurrentPageId()) editor.setCurrentPage(theirs.pageId)
    editor.zoomToBounds(theirs.bounds, { inset: 0 })
    return 'facilitator'
  }
  const content = editor.getCurrentPageBounds()
  if (!content) return null
  showBounds(editor, content, undefined, false)
  return 'content'
}

export function BoardLanding() {
  const editor = useEditor()
  const session = useOpenBoard()
  const f = useFacilitation()

  useEffect(() => {
    const { boardId } = session
    const own = readView(localStorage, boardId)
    let landedAt: Place | null = null
    let landedBy: ReturnType<typeof landNewcomer> = null
    if (own && editor.getPage(own.pageId as TLPageId)) {
      editor.setCurrentPage(own.pageId as TLPageId)
      editor.setCamera({ x: own.x, y: own.y, z: own.z })
    } else {
      landedBy = landNewcomer(editor, f)
      landedAt = placeOf(editor)
    }

    // A newcomer who has not moved yet goes to a step or facilitator that shows up late.
    const stopJoining =
      landedAt && landedBy !== 'step'
        ? react('newcomer joins', () => {
            const step = f.step.get()
            // A step this browser chose (presenting) is where it is looking already.
            const stepKnown = step !== undefined && !f.choseStep(step)
            const facilitatorKnown = facilitatorView(editor, f) !== null
            unsafe__withoutCapture(() => {
              if (!landedAt || !samePlace(landedAt, placeOf(editor))) return
              if (!stepKnown && (landedBy === 'facilitator' || !facilitatorKnown)) return
              landedBy = landNewcomer(editor, f)
              landedAt = placeOf(editor)
            })
          })
        : () => {}
    const joining = setTimeout(stopJoining, joiningWindowMs)

    let pending: ReturnType<typeof setTimeout> | undefined
    const stopSaving = react('remember view', () => {
      const { pageId, camera } = placeOf(editor)
      clearTimeout(pending)
      pending = setTimeout(() => rememberView(localStorage, boardId, { pageId, x: camera.x, y: camera.y, z: camera.z }), saveDelayMs)
    })
    return () => {
      clearTimeout(joining)
      stopJoining()
      stopSaving()
      clearTimeout(pending)
    }
  }, [editor, session, f])

  return null
}
