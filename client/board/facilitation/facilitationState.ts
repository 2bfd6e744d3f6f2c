/**
 * The facilitation tools' view of one open board: every declared entry as an atom, by its key
 * (`f.timer`, `f.agenda`…; made from the board's declaration, `facilitationValue.ts`), the
 * relay's clock, the peers in the room, and the writes only a facilitator makes, each through its
 * entry's writer.
 *
 * Part of the open board's facilitation model (`facilitationModel.ts`), ended with it.
 */
import type { Atom } from '@tldraw/state'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../../shared/access.ts'
import { stepEntry, type CurrentStep } from '../../../shared/board/entries/step.ts'
import { agendaEntry, type FreeAgenda } from '../../../shared/board/entries/agenda.ts'
import { focusEntry, type Focus } from '../../../shared/board/entries/focus.ts'
import { privateEntry, type PrivateRound } from '../../../shared/board/entries/private.ts'
import { summonField, summonLifetimeMs, type Summon } from '../../../shared/facilitation/summon.ts'
import { timerEntry, type TimerState } from '../../../shared/board/entries/timer.ts'
import { rolesEntry, workshopField, type RoleAssignments } from '../../../shared/board/entries/roles.ts'
import { isFacilitator } from '../../../shared/board/rights.ts'
import type { ConnectionState } from '../connectionState.ts'
import type { Disposers } from '../../sync/disposers.ts'
import type { EntryAtoms } from './facilitationValue.ts'
import { watchRoomPeers, type RoomPeer } from './roomPeers.ts'
import { createServerClock, type ServerClock } from './serverClock.ts'

export interface Facilitation extends EntryAtoms {
  /** Our own access role. */
  role: Role
  isFacilitator: boolean
  clock: ServerClock
  peers: Atom<readonly RoomPeer[]>
  setTimer(timer: TimerState | null): void
  setStep(step: CurrentStep | null): void
  /** Whether this browser chose `step` itself (presenting, the agenda): it is already looking there. */
  choseStep(step: CurrentStep): boolean
  /**
   * Brings everyone's list to a part (`focus`), with the part's step as the current step where it
   * is one: one update, so that no phone shows the step alone in between.
   */
  bring(focus: Focus, step?: CurrentStep): void
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
  /** The board's wall (`beamerMemory.ts`): it holds no awareness state but for its own summons. */
  beamer?: boolean
}

export function createFacilitation(session: FacilitationParts, entries: EntryAtoms, disposers: Disposers): Facilitation {
  const { doc, awareness, state } = session
  const clock = createServerClock(state)
  const room = watchRoomPeers(awareness, session.role)
  let summonTimeout: ReturnType<typeof setTimeout> | undefined
  let chosenStep: CurrentStep | null = null

  const facilitation: Facilitation = {
    role: session.role,
    isFacilitator: isFacilitator(session.role),
    clock,
    peers: room.peers,
    ...entries,
    setTimer: (value) => timerEntry.set(doc, value),
    setStep: (value) => {
      chosenStep = value
      stepEntry.set(doc, value)
    },
    choseStep: (value) => chosenStep !== null && chosenStep.instance === value.instance && chosenStep.key === value.key && chosenStep.setAt === value.setAt,
    bring: (focus, step) =>
      doc.transact(() => {
        if (step) facilitation.setStep(step)
        focusEntry.set(doc, focus)
      }),
    setAgenda: (value) => agendaEntry.set(doc, value),
    openPrivateRound: (value) => privateEntry.set(doc, value),
    setRoles: (value) => rolesEntry.set(doc, value),
    summon(summon) {
      clearTimeout(summonTimeout)
      // The wall presenting is nobody but for its summons: a state with the role that makes
      // them followed and no presence (no cursor, no name), gone again with the summon.
      if (session.beamer) awareness.setLocalState({ [workshopField]: { role: session.role }, [summonField]: summon })
      else awareness.setLocalStateField(summonField, summon)
      summonTimeout = setTimeout(() => {
        if (awareness.getLocalState() === null) return
        if (session.beamer) awareness.setLocalState(null)
        else awareness.setLocalStateField(summonField, null)
      }, summonLifetimeMs)
    },
  }
  disposers.add(() => {
    clock.dispose()
    room.dispose()
    clearTimeout(summonTimeout)
  })
  return facilitation
}
