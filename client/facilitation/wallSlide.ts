/** The slide the wall shows while presenting (WallTable.tsx), set by the presenter bar and by a summon. */
import { atom } from 'tldraw'
import type { Slide } from './presentation.ts'

export const wallSlide = atom<Slide | undefined>('wall slide', undefined)

/** On a presenter's own screen (not the Beamer): whether the slide is shown as the table, or the canvas beneath (a vote's dots, the laser pointer). */
export const presenterTable = atom<boolean>('presenter shows the table', true)
