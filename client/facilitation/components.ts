/**
 * Timer, agenda, "Alle zu mir", follow and roles: their slots in tldraw's UI, spread into the
 * board's `components`: the top panel, a layer in front of the canvas (step frame, summons,
 * "Zeit ist um"), cursors with roles, and the people list (each person's row and our own) with roles.
 */
import type { TLComponents } from 'tldraw'
import './facilitation.css'
import { FacilitationInFront } from './FacilitationRuntime.tsx'
import { FacilitationTopPanel } from './FacilitationTopPanel.tsx'
import { RoleCursor } from './RoleCursor.tsx'
import { WorkshopPeopleMenuItem, WorkshopUserPresenceEditor } from './WorkshopPeople.tsx'

export const facilitationComponents = {
  TopPanel: FacilitationTopPanel,
  InFrontOfTheCanvas: FacilitationInFront,
  CollaboratorCursor: RoleCursor,
  PeopleMenuItem: WorkshopPeopleMenuItem,
  UserPresenceEditor: WorkshopUserPresenceEditor,
} satisfies TLComponents
