/**
 * The board's editor on the wall (the Beamer, `client/beamerMemory.ts`): tldraw's UI is not
 * mounted at all (`hideUi`: no toolbar, menus, style panel, people or toasts), and of the others
 * on the board the wall shows what they point at with the laser, not their cursors, name tags,
 * selections or the arrows to those out of view: the room reads the slide, not who is where.
 */
import {
  CollaboratorBrushOverlayUtil,
  CollaboratorHintOverlayUtil,
  CollaboratorShapeIndicatorOverlayUtil,
  type TLComponents,
} from 'tldraw'
import { VotingOverlay } from '../facilitation/VotingOverlay.tsx'
import { FallmatrixCounts } from '../templates/FallmatrixCounts.tsx'
import { BeschlussMarks } from '../dokumentation/beschluss.tsx'
import { CarriedMarks } from '../templates/CarriedMarks.tsx'

/** On the canvas, what the room reads: the vote's counts, live counts, decisions; no marks for one person. (A template's slide is drawn over it: WallTable.tsx.) */
function WallCanvasLayer() {
  return (
    <>
      <VotingOverlay />
      <FallmatrixCounts />
      <BeschlussMarks />
      <CarriedMarks />
    </>
  )
}

/** The board's components with the wall's canvas layer, no cursors and no context menu. */
export const wallComponents = (components: TLComponents): TLComponents => ({
  ...components,
  OnTheCanvas: WallCanvasLayer,
  CollaboratorCursor: null,
  ContextMenu: null,
})

// Same types as tldraw's own, so they take their places.
class NoCollaboratorHints extends CollaboratorHintOverlayUtil {
  override isActive() {
    return false
  }
}
class NoCollaboratorBrushes extends CollaboratorBrushOverlayUtil {
  override isActive() {
    return false
  }
}
class NoCollaboratorSelections extends CollaboratorShapeIndicatorOverlayUtil {
  override isActive() {
    return false
  }
}

export const wallOverlayUtils = [NoCollaboratorHints, NoCollaboratorBrushes, NoCollaboratorSelections]
