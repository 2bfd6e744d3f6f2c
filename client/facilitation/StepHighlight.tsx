/**
 * The current step, drawn over the canvas: a strong frame around the step's header and a light
 * one around where the step is worked on. It sits in front of the canvas in a layer of its own
 * that follows the camera (tldraw's `OnTheCanvas` slot is the vote's), so the frames are in page
 * coordinates and pans do not re-render React.
 */
import { useRef } from 'react'
import { useEditor, useQuickReactor, useValue } from 'tldraw'
import type { Box } from '../../shared/templates/geometry.ts'
import { findStepInstance, stepPlace } from './agenda.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { wallSlide } from './wallSlide.ts'

/** Page units around the framed shapes, so the frame does not hide their edges. */
const outset = 10

export function StepHighlight() {
  const editor = useEditor()
  const f = useFacilitation()
  const layer = useRef<HTMLDivElement>(null)
  const place = useValue(
    'current step place',
    () => {
      // A slide on the wall is a table of its part (WallTable.tsx): no frame around the step.
      if (wallSlide.get()) return undefined
      const step = f.step.get()
      const found = step && findStepInstance(editor, step)
      if (!step || !found || found.pageId !== editor.getCurrentPageId()) return null
      const { header, area } = stepPlace(editor, found, step.key)
      return header || area ? { key: `${step.instance}/${step.key}`, header, area } : null
    },
    [editor, f],
  )
  useQuickReactor(
    'step layer follows camera',
    () => {
      const { x, y, z } = editor.getCamera()
      layer.current?.style.setProperty('transform', `scale(${z}) translate(${x}px, ${y}px)`)
    },
    [editor, place !== null],
  )
  if (!place) return null
  return (
    <div ref={layer} className="nws-step-layer" aria-hidden="true">
      {place.area && <Frame box={place.area} kind="area" step={place.key} />}
      {place.header && <Frame box={place.header} kind="header" step={place.key} />}
    </div>
  )
}

function Frame({ box, kind, step }: { box: Box; kind: 'header' | 'area'; step: string }) {
  return (
    <div
      className={`nws-step-frame nws-step-frame--${kind}`}
      data-step={step}
      style={{
        transform: `translate(${box.x - outset}px, ${box.y - outset}px)`,
        width: box.w + 2 * outset,
        height: box.h + 2 * outset,
      }}
    />
  )
}
