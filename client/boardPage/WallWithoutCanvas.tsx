/**
 * The wall (`?beamer=1`) where the canvas cannot run (the tldraw licence): the part the room is in
 * as the wall's table (`facilitation/WallTableView.tsx`), read from the board's records on the
 * list's connection, following the part the room was brought to and the current step, as the phones' list does
 * (`facilitation/wallWithoutCanvas.ts`). Nobody in the room (no presence), as the canvas's wall.
 */
import { useEffect, useMemo, useState } from 'react'
import type { WallItem } from '../../shared/templates/wallSlides.ts'
import { connectForContribution, type ContributionConnection } from '../beitragen/contributionConnection.ts'
import { useBoardReading, useServerOffset } from '../beitragen/ContributionView.tsx'
import { partsInPlay, roomPointers } from '../beitragen/partsInPlay.ts'
import { boardInstances } from '../beitragen/steering.ts'
import { safeArea } from '../facilitation/beamerView.ts'
import { WallClockFace, useWallTime } from '../facilitation/WallClockFace.tsx'
import { wallCornerPlace, wallNamesStep } from '../facilitation/wallClockRules.ts'
import { itemsByCell } from '../facilitation/wallItems.ts'
import { slideWithoutCanvas } from '../facilitation/wallWithoutCanvas.ts'
import { WallTableView } from '../facilitation/WallTableView.tsx'
import { licenceTexts } from '../licenceTexts.ts'
import { locale, t } from '../locale.ts'
import { Notice } from '../Notice.tsx'
import { writerSecret } from '../writerSecret.ts'
import { colorOf } from './firstPaint/sketchStyle.ts'
import './licencePage.css'

const wallReader = { role: 'observer', author: '' } as const

export function WallWithoutCanvas({ boardId, token, title, leave }: { boardId: string; token: string; title: string; leave(): void }) {
  const [connection, setConnection] = useState<ContributionConnection | null>(null)
  useEffect(() => {
    const opened = connectForContribution(boardId, token, writerSecret())
    // The wall is nobody: no name, no cursor, not among those present.
    opened.awareness.setLocalState(null)
    setConnection(opened)
    return () => {
      opened.dispose()
      setConnection(null)
    }
  }, [boardId, token])
  return (
    <div className="nws-wall-without-canvas">
      {connection ? <WallTables connection={connection} title={title} /> : <Notice busy title={t.loadingBoard} />}
      <div className="nws-beamer-bar nws-wall-without-canvas__bar" role="group" aria-label={t.beamerBar}>
        <span>{licenceTexts[locale].wallNote}</span>
        <button type="button" className="nws-chip" onClick={leave}>
          {t.beamerLeave}
        </button>
      </div>
    </div>
  )
}

function WallTables({ connection, title }: { connection: ContributionConnection; title: string }) {
  const reading = useBoardReading(connection, wallReader)
  const screen = useScreen()
  // The room's clock, as the canvas's wall shows it (WallClock.tsx), from the board's records.
  const time = useWallTime(reading.timer, useServerOffset())
  const scaffold = reading.templates.map((p) => p.instance).join()
  // The templates' scaffold, not their Zettel: found again when the templates change.
  const instances = useMemo(() => boardInstances(connection.doc), [connection, scaffold])
  const pointers = roomPointers(reading, undefined)
  const inPlay = partsInPlay(reading.templates, pointers, { round: reading.groups, ownGroupPage: undefined }, false).parts
  const items = new Map(reading.templates.map((p) => [p.instance, itemsByCell(p)]))
  const contents = (instance: string, cell: string): readonly WallItem[] => items.get(instance)?.get(cell) ?? []
  const slide = slideWithoutCanvas(inPlay, instances, contents, reading.templates)
  if (!slide)
    return (
      <>
        <h1 className="nws-wall-without-canvas__title">{title || t.appName}</h1>
        <WallClockFace time={time} corner={wallCornerPlace(screen, safeArea(screen))} />
      </>
    )
  const named = wallNamesStep(reading.currentStep, { slide: { instance: slide.instance, step: slide.step } })
  return (
    <WallTableView
      drawing={{
        slide: slide.key,
        title: slide.title,
        part: slide.part,
        font: slide.font,
        tables: slide.tables,
        items: items.get(slide.instance) ?? new Map(),
        noteColors: (color) => ({ background: colorOf(color ?? 'yellow').noteFill, color: '#1d1d1d' }),
      }}
      area={safeArea(screen)}
      aside={<WallClockFace step={named ? reading.step : undefined} time={time} />}
    />
  )
}

function useScreen() {
  const [screen, setScreen] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }))
  useEffect(() => {
    const resized = () => setScreen({ w: window.innerWidth, h: window.innerHeight })
    window.addEventListener('resize', resized)
    return () => window.removeEventListener('resize', resized)
  }, [])
  return screen
}
