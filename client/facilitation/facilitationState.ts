/**
 * The facilitation tools' view of one open board: the `facilitation` map of the doc as atoms
 * (timer, current step, the facilitator's own agenda, Planspiel roles), the relay's clock, the peers in the room, and the
 * writes only a facilitator makes.
 *
 * Part of the open board's facilitation model (`facilitationModel.ts`), ended with it.
 */
import { atom, type Atom } from 'tldraw'
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../shared/access.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { readCurrentStep, type CurrentStep } from '../../shared/board/entries/step.ts'
import { readFreeAgenda, type AgendaItem, type FreeAgenda } from '../../shared/board/entries/agenda.ts'
import { readPrivateRound, type PrivateRound } from '../../shared/board/entries/private.ts'
import { summonField, summonLifetimeMs, type Summon } from '../../shared/facilitation/summon.ts'
import { readTimer, type TimerState } from '../../shared/board/entries/timer.ts'
import { readRoleAssignments, type RoleAssignments } from '../../shared/board/entries/roles.ts'
import type { ConnectionState } from '../board/connectionState.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import type { Disposers } from '../sync/disposers.ts'
import { watchRoomPeers, type RoomPeer } from './roomPeers.ts'
import { createServerClock, type ServerClock } from './serverClock.ts'

export interface Facilitation {
  /** Our own access role. */
  role: Role
  isFacilitator: boolean
  clock: ServerClock
  peers: Atom<readonly RoomPeer[]>
  timer: Atom<TimerState | undefined>
  step: Atom<CurrentStep | undefined>
  agenda: Atom<AgendaItem[]>
  privateRound: Atom<PrivateRound | undefined>
  roles: Atom<RoleAssignments>
  setTimer(timer: TimerState | null): void
  setStep(step: CurrentStep | null): void
  /** Whether this browser chose `step` itself (presenting, the agenda): it is already looking there. */
  choseStep(step: CurrentStep): boolean
  setAgenda(agenda: FreeAgenda): void
  /** Opens a round of private writing; only the relay's reveal ends it. */
  openPrivateRound(round: PrivateRound): void
  setRoles(roles: RoleAssignments): void
  /** Publishes an "Alle zu mir" in awareness, withdrawn after its lifetime. */
  summon(summon: Summon): void
}

/** What the facilitation tools need of the open board. */
export interface FacilitationParts {
  role: Role
  doc: Y.Doc
  awareness: Awareness
  state: Atom<ConnectionState>
}

export function createFacilitation(session: FacilitationParts, disposers: Disposers): Facilitation {
  const { doc, awareness, state } = session
  const map = facilitationMap(doc)
  const timer = atom('facilitation timer', readTimer(map.get(facilitationKeys.timer)))
  const step = atom('facilitation step', readCurrentStep(map.get(facilitationKeys.step)))
  const roles = atom('facilitation roles', readRoleAssignments(map.get(facilitationKeys.roles)))
  const agenda = atom('facilitation agenda', readFreeAgenda(map.get(facilitationKeys.agenda)))
  const privateRound = atom('facilitation private round', readPrivateRound(map.get(facilitationKeys.private)))
  const onChange = (event: Y.YMapEvent<unknown>) => {
    const keys = event.keysChanged
    if (keys.has(facilitationKeys.timer)) timer.set(readTimer(map.get(facilitationKeys.timer)))
    if (keys.has(facilitationKeys.step)) step.set(readCurrentStep(map.get(facilitationKeys.step)))
    if (keys.has(facilitationKeys.roles)) roles.set(readRoleAssignments(map.get(facilitationKeys.roles)))
    if (keys.has(facilitationKeys.agenda)) agenda.set(readFreeAgenda(map.get(facilitationKeys.agenda)))
    if (keys.has(facilitationKeys.private)) privateRound.set(readPrivateRound(map.get(facilitationKeys.private)))
  }
  map.observe(onChange)

  const clock = createServerClock(state)
  const room = watchRoomPeers(awareness, session.role)
  let summonTimeout: ReturnType<typeof setTimeout> | undefined
  let chosenStep: CurrentStep | null = null

  // Each value is written whole (see shared/board/facilitation.ts); null removes the key.
  const write = (key: string, value: unknown) =>
    doc.transact(() => (value === null ? map.delete(key) : map.set(key, value)))

  const facilitation: Facilitation = {
    role: session.role,
    isFacilitator: session.role === 'facilitator',
    clock,
    peers: room.peers,
    timer,
    step,
    agenda,
    privateRound,
    roles,
    setTimer: (value) => write(facilitationKeys.timer, value),
    setStep: (value) => {
      chosenStep = value
      write(facilitationKeys.step, value)
    },
    choseStep: (value) => chosenStep !== null && chosenStep.instance === value.instance && chosenStep.key === value.key && chosenStep.setAt === value.setAt,
    setAgenda: (value) => write(facilitationKeys.agenda, value.items.length > 0 ? value : null),
    openPrivateRound: (value) => write(facilitationKeys.private, value),
    setRoles: (value) => write(facilitationKeys.roles, value),
    summon(summon) {
      clearTimeout(summonTimeout)
      awareness.setLocalStateField(summonField, summon)
      summonTimeout = setTimeout(() => {
        if (awareness.getLocalState() !== null) awareness.setLocalStateField(summonField, null)
      }, summonLifetimeMs)
    },
  }
  disposers.add(() => {
    map.unobserve(onChange)
    clock.dispose()
    room.dispose()
    clearTimeout(summonTimeout)
  })
  return facilitation
}

export function useFacilitation(): Facilitation {
  return useOpenBoard().facilitation.tools
}
