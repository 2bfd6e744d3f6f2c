/**
 * The board drawn from its records while the editor is still on its way (on a phone's venue
 * Wi-Fi, tldraw takes seconds to arrive and more to start): the page the editor will open, at its
 * camera, with the Zettel's text. Read-only: a tap says that the board is still loading. The
 * editor is laid over it and it goes once the editor has drawn (`BoardPage.tsx`).
 */
import { useEffect, useLayoutEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { readWorkshopPresence, workshopField } from '../../../shared/board/awarenessFields.ts'
import { getRecordsMap, readRecords } from '../../../shared/board/records.ts'
import { t } from '../../firstLoadLocale.ts'
import { readView } from '../../viewMemory.ts'
import { fittedCamera, fontPx, lineHeight, sketchPage, viewOfPresence, zoomedToBounds, type Camera, type OthersView, type SketchShape } from './boardSketch.ts'
import { colorOf, fontFamilyOf, geoFill, strokePx } from './sketchStyle.ts'
import './firstPaint.css'

/** Others' changes while the editor loads are drawn at most this often: a slow phone has better things to do. */
const redrawMs = 500

function useRecords(doc: Y.Doc) {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const map = getRecordsMap(doc)
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = () => {
      if (timer === undefined) timer = setTimeout(() => ((timer = undefined), setVersion((v) => v + 1)), redrawMs)
    }
    map.observeDeep(changed)
    return () => {
      clearTimeout(timer)
      map.unobserveDeep(changed)
    }
  }, [doc])
  return useMemo(() => readRecords(doc).records, [doc, version])
}

/** A facilitator's view from the room's presence (`BoardLanding` lands a newcomer there). */
function facilitatorsView(awareness: Awareness): OthersView | null {
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID || readWorkshopPresence(state[workshopField])?.role !== 'facilitator') continue
    // The presence tldraw derives (`sync/presenceBridge.ts`'s field).
    const view = viewOfPresence(state.presence)
    if (view) return view
  }
  return null
}

function useFacilitatorsView(awareness: Awareness) {
  const [view, setView] = useState(() => facilitatorsView(awareness))
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = () => {
      if (timer === undefined) timer = setTimeout(() => ((timer = undefined), setView(facilitatorsView(awareness))), redrawMs)
    }
    awareness.on('change', changed)
    return () => {
      clearTimeout(timer)
      awareness.off('change', changed)
    }
  }, [awareness])
  return view
}

export function FirstPaint({ doc, awareness, boardId, wall, onPainted }: { doc: Y.Doc; awareness: Awareness; boardId: string; wall: boolean; onPainted(): void }) {
  const records = useRecords(doc)
  const [screen] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }))
  const own = useMemo(() => readView(localStorage, boardId), [boardId])
  const theirs = useFacilitatorsView(awareness)
  // Where the editor will open (BoardLanding): one's own last view, a facilitator's, else the content fitted.
  const place = own ?? (theirs ? { pageId: theirs.pageId } : null)
  const sketch = useMemo(() => sketchPage(records, place?.pageId), [records, place?.pageId])
  const camera: Camera | null = useMemo(() => {
    if (!sketch) return null
    if (own && own.pageId === sketch.pageId) return { x: own.x, y: own.y, z: own.z }
    if (!own && theirs && theirs.pageId === sketch.pageId) return zoomedToBounds(theirs.bounds, screen)
    return sketch.bounds ? fittedCamera(sketch.bounds, screen, wall) : { x: 0, y: 0, z: 1 }
  }, [sketch, own, theirs, screen, wall])
  const [tapped, setTapped] = useState(false)

  // In the frame that paints it: the editor's chunk is only asked for here (the fetch starts, the
  // drawing is painted, the chunk arrives later), so that it does not starve the drawing's data.
  useLayoutEffect(() => {
    const frame = requestAnimationFrame(() => onPainted())
    return () => cancelAnimationFrame(frame)
  }, [onPainted])

  return (
    <div
      className="nws-first-paint"
      data-first-paint="drawn"
      data-page={sketch?.pageId}
      data-camera={camera ? `${camera.x},${camera.y},${camera.z}` : undefined}
      aria-busy="true"
      onPointerDown={() => setTapped(true)}
    >
      {camera && sketch && (
        <div className="nws-first-paint__page" style={{ transform: `scale(${camera.z}) translate(${camera.x}px, ${camera.y}px)` }}>
          {sketch.shapes.map((shape) => (
            <Shape key={shape.id} shape={shape} />
          ))}
        </div>
      )}
      <p className={tapped ? 'nws-first-paint__status nws-first-paint__status--shown' : 'nws-first-paint__status'} role="status">
        {tapped ? t.loadingBoard : ''}
      </p>
    </div>
  )
}

function Shape({ shape }: { shape: SketchShape }) {
  const { kind, props, scale } = shape
  const outer: CSSProperties = {
    transform: `translate(${shape.x}px, ${shape.y}px) rotate(${shape.rotation}rad)`,
    width: shape.w * scale,
    height: shape.h * scale,
    opacity: shape.opacity,
  }
  // The shape's own drawing at its unscaled size, scaled as tldraw scales it.
  const inner: CSSProperties = { width: shape.w, height: shape.h, transform: scale === 1 ? undefined : `scale(${scale})` }
  let body: ReactNode = null
  if (kind === 'note') {
    body = (
      <div className="nws-first-paint__note" style={{ ...inner, background: colorOf(props.color).noteFill }} data-zettel="">
        <Label shape={shape} />
      </div>
    )
  } else if (kind === 'geo') {
    const color = colorOf(props.color)
    const ellipse = props.geo === 'ellipse' || props.geo === 'oval'
    body = (
      <div
        className="nws-first-paint__geo"
        style={{
          ...inner,
          background: geoFill(props.fill, props.color),
          border: `${strokePx(props.size)}px ${props.dash === 'dashed' || props.dash === 'dotted' ? props.dash : 'solid'} ${color.solid}`,
          borderRadius: ellipse ? '50%' : undefined,
        }}
      >
        <Label shape={shape} />
      </div>
    )
  } else if (kind === 'text') {
    body = (
      <div
        className="nws-first-paint__text"
        style={{
          ...inner,
          height: undefined,
          width: props.autoSize === false ? shape.w : 'max-content',
          color: colorOf(props.color).solid,
          fontFamily: fontFamilyOf(props.font),
          fontSize: fontPx('text', props.size),
          lineHeight,
          textAlign: align(props.textAlign),
        }}
      >
        {shape.text}
      </div>
    )
  } else {
    body = (
      <>
        <div className="nws-first-paint__frame-name">{shape.text}</div>
        <div className="nws-first-paint__frame" style={{ width: shape.w, height: shape.h, borderColor: colorOf(props.color).frameStroke, background: colorOf(props.color).frameFill }} />
      </>
    )
  }
  return (
    <div className="nws-first-paint__shape" style={outer} data-shape={shape.id}>
      {body}
      {shape.children.length > 0 && (
        <div className={kind === 'frame' ? 'nws-first-paint__children nws-first-paint__children--clipped' : 'nws-first-paint__children'} style={{ width: shape.w, height: shape.h }}>
          {shape.children.map((child) => (
            <Shape key={child.id} shape={child} />
          ))}
        </div>
      )}
    </div>
  )
}

const align = (value: unknown): CSSProperties['textAlign'] => {
  const base = typeof value === 'string' ? value.replace(/-legacy$/, '') : 'middle'
  return base === 'start' ? 'left' : base === 'end' ? 'right' : 'center'
}
const justify = (value: unknown): CSSProperties['justifyContent'] => (value === 'start' ? 'flex-start' : value === 'end' ? 'flex-end' : 'center')

/** A Zettel's or a box's text, placed as tldraw places its label. */
function Label({ shape }: { shape: SketchShape }) {
  if (!shape.text) return null
  const { props } = shape
  const color = !props.labelColor || props.labelColor === 'black' ? '#000' : colorOf(props.labelColor).solid
  return (
    <div className="nws-first-paint__label" style={{ justifyContent: justify(props.verticalAlign) }}>
      <div
        style={{
          color,
          fontFamily: fontFamilyOf(props.font),
          fontSize: fontPx(shape.kind, props.size),
          lineHeight,
          textAlign: align(props.align),
        }}
      >
        {shape.text}
      </div>
    </div>
  )
}
