/** Awareness states shaped like our client's presence (~480 bytes), for raw sockets in tests and benches. */
import { encodeAwareness, encodeAwarenessEntries } from '../../shared/protocol.ts'

export interface FakePerson {
  clientId: number
  clock: number
  name: string
  cursor: { x: number; y: number }
  /** Top-left of what the person looks at, and the size of their screen. */
  view: { x: number; y: number; w: number; h: number }
  /** The access role the person's client publishes; a participant unless told. */
  role?: 'facilitator' | 'participant' | 'observer'
}

const colors = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#9c36b5', '#0c8599', '#e8590c', '#6741d9']

/** `extra` goes beside `presence`, e.g. a bench's send stamp. */
export function presenceJson(person: FakePerson, now = Date.now(), extra: Record<string, unknown> = {}): string {
  const { view, cursor } = person
  return JSON.stringify({
    presence: {
      id: `instance_presence:${person.clientId}`,
      typeName: 'instance_presence',
      userId: `user:${person.clientId}`,
      userName: person.name,
      lastActivityTimestamp: now,
      color: colors[person.clientId % colors.length],
      camera: { x: -view.x, y: -view.y, z: 1 },
      screenBounds: { x: 0, y: 0, w: view.w, h: view.h },
      followingUserId: null,
      cursor: { x: cursor.x, y: cursor.y, type: 'default', rotation: 0 },
      chatMessage: '',
      brush: null,
      scribbles: [],
      selectedShapeIds: [],
      currentPageId: 'page:page',
      meta: {},
    },
    workshop: { role: person.role ?? 'participant' },
    ...extra,
  })
}

/** The person's next awareness message (its clock advanced). */
export function presenceFrame(person: FakePerson, now = Date.now()): Uint8Array {
  return encodeAwareness(encodeAwarenessEntries([{ clientId: person.clientId, clock: ++person.clock, state: presenceJson(person, now) }]))
}
