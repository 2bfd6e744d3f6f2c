import { useEffect, useState } from 'react'
import { DefaultFontFaces, type Editor } from 'tldraw'

/**
 * The board loads a face when a shape asks for it (fontsOnDemand.ts); a wall's table asks for the
 * faces its Zettel and bold headers are drawn in while `shown`, and the number it returns grows once
 * they are in, so that the table measures its type again (WallTableView's `measureAgain`).
 */
export function useTableFaces(editor: Editor, shown: boolean): number {
  const [faces, setFaces] = useState(0)
  useEffect(() => {
    if (!shown) return
    let gone = false
    const sans = DefaultFontFaces.tldraw_sans
    void Promise.all([sans.normal.normal, sans.normal.bold].map((face) => editor.fonts.ensureFontIsLoaded(face)))
      .catch(() => undefined)
      .then(() => !gone && setFaces((n) => n + 1))
    return () => {
      gone = true
    }
  }, [editor, shown])
  return faces
}
