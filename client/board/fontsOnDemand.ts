/**
 * When the editor mounts, tldraw asks for all sixteen faces of its four fonts (0.46 MB even as
 * subsets), whether the board uses them or not; each shape asks for its own faces anyway when it
 * is drawn (a Zettel with bold words: the bold face). Dropping the mount's request, still queued
 * when `onMount` runs, leaves the faces to the shapes: a board of plain Zettel loads two.
 * FontManager keeps that queue private; if a tldraw version names it otherwise, nothing changes.
 */
import type { Editor } from 'tldraw'

export function fontsOnDemand(editor: Editor): void {
  const queued = (editor.fonts as unknown as { fontsToLoad?: unknown }).fontsToLoad
  if (queued instanceof Set) queued.clear()
}
