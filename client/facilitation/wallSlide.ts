/** The slide the wall shows while presenting (WallTable.tsx), set by the presenter bar and by a summon. */
import { atom } from 'tldraw'
import type { Slide } from './presentation.ts'

export const wallSlide = atom<Slide | undefined>('wall slide', undefined)
