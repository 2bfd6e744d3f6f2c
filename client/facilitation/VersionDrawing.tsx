/**
 * A page of a saved version, drawn where it can be read: it opens at the zoom at which the
 * Zettel's letters are about 14 px (or the whole page, where that is larger), around the place
 * the facilitator looks at on the board, and can be moved by dragging, scrolling or the arrow
 * keys, zoomed with buttons, + and − or Ctrl and the mouse wheel, and shown whole with one click.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { TLPageId, VecLike } from 'tldraw'
import { t } from '../locale.ts'
import type { VersionDrawing as Drawing, VersionView } from './versionView.tsx'

/** The size a Zettel's letters open at, in CSS pixels. */
const readablePx = 14
const zoomStep = 1.25
const maxZoom = 4

/** The median size, at the drawing's own scale, that the page's text is drawn at, as laid out. */
function medianLetterPx(svg: SVGSVGElement): number | null {
  const sizes = (selector: string) =>
    [...svg.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.offsetWidth > 0 && el.textContent?.trim())
      .map((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().width / el.offsetWidth))
      .filter((px) => px > 0)
      .sort((a, b) => a - b)
  const text = 'foreignObject.tl-rich-text > div > div'
  const found = sizes(`[data-zettel] ${text}`)
  const all = found.length > 0 ? found : sizes(text)
  return all.length > 0 ? all[Math.floor(all.length / 2)] : null
}

export function VersionDrawing(props: { view: VersionView; pageId: TLPageId; focus: VecLike | null; onFailed(): void }) {
  const { view, pageId, focus, onFailed } = props
  const areaRef = useRef<HTMLDivElement>(null)
  const [drawing, setDrawing] = useState<Drawing | null>(null)
  const [zoom, setZoom] = useState<number | null>(null)
  const [zooms, setZooms] = useState({ fit: 1, readable: 1 })
  /** The drawing's point (page units from its corner) to be in the middle after the next zoom. */
  const anchor = useRef<VecLike | null>(null)

  useEffect(() => {
    let current = true
    setDrawing(null)
    setZoom(null)
    view.draw(pageId).then(
      (drawn) => current && setDrawing(drawn),
      () => current && onFailed(),
    )
    return () => {
      current = false
    }
  }, [view, pageId, onFailed])

  // The drawing in, its zooms measured at scale 1, the first zoom chosen: all before it is painted.
  useLayoutEffect(() => {
    const area = areaRef.current
    if (!area || !drawing) return
    const { svg, bounds, zettelLetterPx } = drawing
    // The area's size before the drawing is in: read after, it would lay the drawing out once
    // more at scale 1 before the zoom is chosen.
    const fit = Math.min(area.clientWidth / bounds.w, area.clientHeight / bounds.h, 1)
    svg.style.width = `${bounds.w}px`
    svg.style.height = `${bounds.h}px`
    // In tldraw's container styles, as where it was drawn: its text follows the same rules.
    const sheet = document.createElement('div')
    sheet.className = 'tl-container tl-theme__light nws-version-preview__sheet'
    sheet.append(svg)
    area.replaceChildren(sheet)
    // Known from the Zettel's records; measured (a layout at scale 1) only for a page without them.
    const letters = zettelLetterPx ?? medianLetterPx(svg)
    const readable = letters ? Math.min(readablePx / letters, maxZoom) : fit
    setZooms({ fit, readable })
    anchor.current = focus && bounds.containsPoint(focus) ? { x: focus.x - bounds.x, y: focus.y - bounds.y } : null
    setZoom(fit >= readable ? fit : readable)
    return () => area.replaceChildren()
  }, [drawing, focus])

  useLayoutEffect(() => {
    const area = areaRef.current
    if (!area || !drawing || zoom === null) return
    drawing.svg.style.width = `${drawing.bounds.w * zoom}px`
    drawing.svg.style.height = `${drawing.bounds.h * zoom}px`
    const at = anchor.current
    anchor.current = null
    // Without an anchor (a page the facilitator is not on), the page's top left corner.
    area.scrollLeft = at ? at.x * zoom - area.clientWidth / 2 : 0
    area.scrollTop = at ? at.y * zoom - area.clientHeight / 2 : 0
  }, [drawing, zoom])

  /** Zooms keeping the point under `screen` (the middle unless told) where it is. */
  const zoomTo = useCallback(
    (next: number, screen?: { x: number; y: number }) => {
      const area = areaRef.current
      if (!area || zoom === null) return
      const z = Math.max(Math.min(zooms.fit, 0.05), Math.min(next, maxZoom))
      const box = area.getBoundingClientRect()
      const sx = screen ? screen.x - box.left : area.clientWidth / 2
      const sy = screen ? screen.y - box.top : area.clientHeight / 2
      const x = (area.scrollLeft + sx) / zoom
      const y = (area.scrollTop + sy) / zoom
      // The anchor is put in the middle; shifted so that the point stays under the pointer.
      anchor.current = { x: x + (area.clientWidth / 2 - sx) / z, y: y + (area.clientHeight / 2 - sy) / z }
      setZoom(z)
    },
    [zoom, zooms.fit],
  )

  // Ctrl and the wheel (a touchpad's pinch too) zoom the drawing, not the browser's page.
  useEffect(() => {
    const area = areaRef.current
    if (!area) return
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey || zoom === null) return
      event.preventDefault()
      zoomTo(zoom * Math.exp(-event.deltaY / 300), { x: event.clientX, y: event.clientY })
    }
    area.addEventListener('wheel', onWheel, { passive: false })
    return () => area.removeEventListener('wheel', onWheel)
  }, [zoom, zoomTo])

  // Dragging with the mouse moves the drawing; touch scrolls it natively.
  const drag = useRef<{ x: number; y: number } | null>(null)
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.pointerType !== 'mouse' || event.button !== 0) return
    drag.current = { x: event.clientX, y: event.clientY }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return
    event.currentTarget.scrollBy(drag.current.x - event.clientX, drag.current.y - event.clientY)
    drag.current = { x: event.clientX, y: event.clientY }
  }
  const endDrag = () => (drag.current = null)

  // The keyboard moves and zooms it too (tldraw's own shortcuts would otherwise take the keys).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const area = event.currentTarget
    const step = 60
    const page = { x: area.clientWidth * 0.9, y: area.clientHeight * 0.9 }
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
      PageUp: [0, -page.y],
      PageDown: [0, page.y],
    }
    const move = moves[event.key]
    if (move) area.scrollBy(move[0], move[1])
    else if ((event.key === '+' || event.key === '=') && zoom !== null) zoomTo(zoom * zoomStep)
    else if (event.key === '-' && zoom !== null) zoomTo(zoom / zoomStep)
    else return
    event.preventDefault()
  }

  const ready = drawing !== null && zoom !== null
  return (
    <>
      <div className="nws-version-preview__zoom" role="toolbar" aria-label={t.versionZoom}>
        <button type="button" className="nws-button nws-button--secondary nws-button--small" disabled={!ready} onClick={() => zoomTo(zooms.fit)}>
          {t.versionWhole}
        </button>
        <button type="button" className="nws-button nws-button--secondary nws-button--small" disabled={!ready} onClick={() => zoomTo(zooms.readable)}>
          {t.versionReadable}
        </button>
        <button
          type="button"
          className="nws-button nws-button--secondary nws-button--small"
          disabled={!ready}
          aria-label={t.versionZoomOut}
          title={t.versionZoomOut}
          onClick={() => zoom !== null && zoomTo(zoom / zoomStep)}
        >
          −
        </button>
        <button
          type="button"
          className="nws-button nws-button--secondary nws-button--small"
          disabled={!ready}
          aria-label={t.versionZoomIn}
          title={t.versionZoomIn}
          onClick={() => zoom !== null && zoomTo(zoom * zoomStep)}
        >
          +
        </button>
      </div>
      <div
        ref={areaRef}
        className="nws-version-preview__drawing"
        data-preview={ready ? 'drawn' : undefined}
        data-zoom={zoom ?? undefined}
        role="group"
        aria-label={t.versionDrawing}
        title={t.versionDrawing}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      />
    </>
  )
}
