/**
 * The list following the room (`partsInPlay.ts`): the pointers the facilitator set in the doc (the
 * current step, the part everyone was brought to, the own group of an open round),
 * the parts they lead to, and „Alle Teile zeigen“. When the room moves on, the list shows the new
 * part again, says so politely and, if the focus was lost with the old part (or the facilitator
 * brought everyone there), puts it on the part's heading.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { format } from '../i18n.ts'
import { t } from '../firstLoadLocale.ts'
import type { BoardReading } from './boardReading.ts'
import { ownGroup } from './ownGroup.ts'
import { partsInPlay, pointerKey, roomPointers, type InPlay, type Pointer } from './partsInPlay.ts'

export interface Following extends InPlay {
  /** What the list shows while following, in words; undefined when nothing is pointed at. */
  label: string | undefined
  all: boolean
  setAll(all: boolean): void
}

/** `synced`: the board has been read; what it pointed at then is where the list starts, not news. */
/** `relayOffset`: the relay's clock minus ours, which the room's pointers are dated by. */
export function useFollowing(reading: BoardReading, synced: boolean, boardId: string, announce: (text: string) => void, relayOffset = 0): Following {
  // The reading of the synced board comes a frame after the sync (`useBoardReading`): news only after it.
  const [settled, setSettled] = useState(false)
  const settledAt = useRef(0)
  useEffect(() => {
    if (!synced) return
    const frame = requestAnimationFrame(() => {
      settledAt.current = Date.now()
      setSettled(true)
    })
    return () => cancelAnimationFrame(frame)
  }, [synced])
  const [all, setAll] = useState(false)
  const group = ownGroup(reading.groups, boardId)
  const pointers = roomPointers(reading, group)
  const room = { round: reading.groups, ownGroupPage: group?.pageId }
  const inPlay = partsInPlay(reading.templates, pointers, room, all)
  const shown = all ? partsInPlay(reading.templates, pointers, room, false).parts : inPlay.parts
  const label = labelOf(inPlay.followed, shown, reading.templates, reading.step)

  // The room moved on: its part is shown again (also to those who chose all) and said.
  const key = pointerKey(inPlay.followed)
  const lastKey = useRef<string | null>(null)
  const moved = useRef<Pointer | undefined>(undefined)
  useEffect(() => {
    if (!settled) return
    const before = lastKey.current
    lastKey.current = key
    if (before === null || before === key || !inPlay.followed) return
    // Nothing followed at first, then a part the room pointed at before the list was read (its
    // entries can come a frame after the sync): where the list starts, not news.
    if (before === '' && inPlay.followed.at <= settledAt.current + relayOffset) return
    setAll(false)
    moved.current = inPlay.followed
    const followed = inPlay.followed
    announce(followed.kind === 'focus' ? format(t.contributeSummoned, { title: label ?? '' }) : format(t.contributeNowInPlay, { part: label ?? '' }))
  }, [settled, key, inPlay.followed, label, announce, relayOffset])

  // Where the focus was last: when it went with the old part, the new part's heading takes it.
  const lastFocused = useRef<Element | null>(null)
  useEffect(() => {
    const onFocus = (event: FocusEvent) => (lastFocused.current = event.target instanceof Element ? event.target : null)
    document.addEventListener('focusin', onFocus)
    return () => document.removeEventListener('focusin', onFocus)
  }, [])
  useLayoutEffect(() => {
    const pointer = moved.current
    if (!pointer) return
    moved.current = undefined
    // From the top: the step and what is shown come before the part, on a phone too.
    window.scrollTo({ top: 0 })
    const lost = lastFocused.current !== null && !lastFocused.current.isConnected
    if (pointer.kind === 'focus' || lost) document.querySelector<HTMLElement>('.nws-contribute__main h2')?.focus({ preventScroll: true })
  })

  return { ...inPlay, label, all, setAll }
}

function labelOf(pointer: Pointer | undefined, parts: InPlay['parts'], whole: InPlay['parts'], stepWords: string | undefined): string | undefined {
  if (!pointer) return undefined
  if (pointer.kind === 'group') return format(t.contributeOwnGroup, { name: pointer.name })
  if (pointer.kind === 'step' && stepWords) return stepWords
  // A template shown in part is named with the sections shown: „Planspiel …: Rollen“.
  return parts
    .map((part) => {
      const all = whole.find((w) => w.instance === part.instance)
      const sections = [...new Set(part.cells.flatMap((cell) => cell.section ?? []))]
      return all && part.cells.length < all.cells.length && sections.length > 0 ? `${part.title}: ${sections.join(', ')}` : part.title
    })
    .join(' · ')
}
