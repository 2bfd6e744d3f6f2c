/**
 * A saved version, loaded to be looked at: its document read once into a store of its own
 * (migrated like any board), and an editor without UI on that store that draws a page as SVG.
 * The drawing goes into the page as it is, not as a picture: its text stays text (the browser
 * draws it sharp at any zoom, with the fonts and styles the board already loaded), and no
 * canvas is involved. tldraw's PNG of a whole page took 14–19 s for a Gründungsveranstaltung with 120
 * Zettel, nearly all of it in finding the largest canvas the browser allows and in scanning the
 * picture's pixels for its margins (bench/versionPreview.ts).
 */
import * as Y from 'yjs'
import {
  Box,
  createTLStore,
  defaultAddFontsFromNode,
  defaultBindingUtils,
  defaultShapeUtils,
  Editor,
  getDisplayValues,
  NoteShapeUtil,
  Group2d,
  Rectangle2d,
  tipTapDefaultExtensions,
  type SvgExportContext,
  type TLAssetStore,
  type TLNoteShape,
  type TLPage,
  type TLPageId,
  type TLStore,
  type TLStoreSnapshot,
} from 'tldraw'
import { assetUrls } from '../board/assetUrls.ts'
import { loadStoreFromDoc } from '../sync/loadStore.ts'

/**
 * Marks each Zettel in the drawing with the size its letters are drawn at (page units), so that
 * the preview can choose its zoom by their text without laying the drawing out first.
 */
class MarkedNote extends NoteShapeUtil {
  /**
   * A Zettel's rectangle, its text not measured: nothing in a preview is hit or edited, and the
   * board's editor keeps what the measuring decides (growY, fontSizeAdjustment) in the record.
   * tldraw measured the text of every Zettel for the drawing's bounds (a fifth of the drawing).
   */
  override getGeometry(shape: TLNoteShape) {
    const dv = getDisplayValues(this, shape)
    const { scale, growY } = shape.props
    return new Group2d({ children: [new Rectangle2d({ width: dv.noteWidth * scale, height: (dv.noteHeight + growY) * scale, isFilled: true })] })
  }

  override toSvg(shape: TLNoteShape, ctx: SvgExportContext) {
    const { fontSizeAdjustment, scale } = shape.props
    const letterPx = this.getText(shape)?.trim() ? (fontSizeAdjustment || 1) * getDisplayValues(this, shape).labelFontSize * scale : undefined
    return (
      <g data-zettel="" data-letter-px={letterPx}>
        {super.toSvg(shape, ctx)}
      </g>
    )
  }
}

/** The median size the drawing's Zettel have their letters at; null without a written Zettel. */
function medianZettelLetters(svg: SVGSVGElement): number | null {
  const sizes = [...svg.querySelectorAll('[data-letter-px]')].map((el) => Number(el.getAttribute('data-letter-px'))).filter((px) => px > 0)
  sizes.sort((a, b) => a - b)
  return sizes.length > 0 ? sizes[Math.floor(sizes.length / 2)] : null
}

const shapeUtils = [...defaultShapeUtils.filter((util) => util.type !== 'note'), MarkedNote]
// As tldraw's own TldrawImage sets its editor up: rich text rendered, its fonts found.
const options = { text: { tipTapConfig: { extensions: tipTapDefaultExtensions }, addFontsFromNode: defaultAddFontsFromNode } }
/** Space around the drawing, in page units. */
const padding = 16

export interface VersionDrawing {
  svg: SVGSVGElement
  /** The page area the drawing covers. */
  bounds: Box
  /** The median size of its Zettel's letters at its own scale; null when it has none written. */
  zettelLetterPx: number | null
}

export class VersionView {
  private readonly store: TLStore
  private readonly editor: Editor
  private readonly host: HTMLDivElement
  /** One drawing at a time: the editor's current page is the one being drawn. */
  private queue: Promise<unknown> = Promise.resolve()

  /**
   * Throws when the version cannot be read by this client (a newer format or schema). `assets`:
   * the open board's, which reads its uploaded files with the board's link (`assetReader.ts`).
   */
  constructor(state: Uint8Array, licenseKey: string | undefined, assets: TLAssetStore) {
    const doc = new Y.Doc()
    const store = createTLStore({ shapeUtils, bindingUtils: defaultBindingUtils, assets })
    try {
      Y.applyUpdate(doc, state)
      const load = loadStoreFromDoc(store, doc, Symbol('version'))
      if (!load.ok) throw new Error(`version from a newer client (${load.detail})`)
    } catch (error) {
      store.dispose()
      throw error
    } finally {
      doc.destroy()
    }
    this.store = store
    // The editor draws into a place in the document, where styles are computed; nobody sees it.
    this.host = document.createElement('div')
    this.host.className = 'tl-container tl-theme__light nws-version-host'
    this.host.inert = true
    this.host.setAttribute('aria-hidden', 'true')
    document.body.append(this.host)
    this.editor = new Editor({
      store,
      shapeUtils,
      bindingUtils: defaultBindingUtils,
      tools: [],
      getContainer: () => this.host,
      licenseKey,
      fontAssetUrls: assetUrls.fonts,
      options,
    })
  }

  /** The version's pages in the board's order. */
  pages(): TLPage[] {
    return this.editor.getPages()
  }

  hasShapes(pageId: TLPageId): boolean {
    return this.editor.getSortedChildIdsForParent(pageId).length > 0
  }

  /** The version's records, as a restore puts them back. */
  snapshot(): TLStoreSnapshot {
    return this.store.getStoreSnapshot('document')
  }

  /**
   * The page as SVG, to be put into an element of class `tl-container tl-theme__light` (where
   * tldraw's rules for text apply, as where it was drawn); null for a page without shapes.
   */
  draw(pageId: TLPageId): Promise<VersionDrawing | null> {
    return this.inTurn(async () => {
      this.editor.setCurrentPage(pageId)
      // tldraw copies every computed style of every element of text into the SVG, for a file
      // that must stand alone: seconds for a filled template, and needless for a drawing that
      // stays in this document. It copies them for the text marked so; the mark is taken off as
      // soon as the drawing is in the document (a mutation's callback runs before tldraw's code
      // after the render does), so nothing is copied.
      const unmark = new MutationObserver(() => {
        for (const text of this.host.querySelectorAll('foreignObject.tl-export-embed-styles')) text.classList.remove('tl-export-embed-styles')
      })
      unmark.observe(this.host, { childList: true, subtree: true })
      try {
        const drawn = await this.editor.getSvgElement([], { background: true, padding })
        if (!drawn) return null
        // A copy: tldraw takes its own out of the document once it is done.
        const svg = drawn.svg.cloneNode(true) as SVGSVGElement
        // Its fonts as data (a <style> in an SVG within the page holds for the whole page): the
        // board's editor has them loaded already, and a later PNG export would try to fetch
        // them again, which the Content-Security-Policy refuses.
        for (const style of svg.querySelectorAll('style')) style.remove()
        const { x, y, width, height } = svg.viewBox.baseVal
        return { svg, bounds: new Box(x, y, width, height), zettelLetterPx: medianZettelLetters(svg) }
      } finally {
        unmark.disconnect()
      }
    })
  }

  /**
   * The page as a PNG file, as tldraw exports one, styles copied in; made only when asked for.
   * At the page's own size: at tldraw's default of twice that, encoding the PNG of a filled
   * Gründungsveranstaltung (6424 × 4120 pixels) took 40 s.
   */
  png(pageId: TLPageId): Promise<Blob> {
    return this.inTurn(async () => {
      this.editor.setCurrentPage(pageId)
      return (await this.editor.toImage([], { format: 'png', background: true, padding, pixelRatio: 1 })).blob
    })
  }

  dispose(): void {
    this.editor.dispose()
    this.store.dispose()
    this.host.remove()
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work)
    this.queue = next.catch(() => {})
    return next
  }
}
