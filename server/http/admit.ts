/**
 * Who may join a board, decided in one place for every way onto it: a socket's upgrade and its
 * open (the link checked again: it may have been replaced meanwhile), a network's link (its
 * credential stands for a facilitator's link on the boards the network holds), a board that
 * requires sign-in, and a client whose socket is on another relay process (`cluster/Cluster.ts`:
 * admitted by that process, seated here). The answer is who joins with which rights, or a
 * refusal: its close code and reason from the one table (`shared/closeReasons.ts`), and what the
 * upgrade answers instead while there is no socket yet.
 *
 * The per-board cap has one meaning: the connections in the board's room, counted by the relay
 * process that holds the room (clients on other processes are in it too), before the client is
 * added (`room/seats.ts` seatRefusal, asked by `Rooms.join`, the one door into a room).
 */
import { HTTPException } from 'hono/http-exception'
import { Closing, type CloseReason } from '../../shared/closeReasons.ts'
import type { Role } from '../../shared/access.ts'
import { authorFromParam } from '../../shared/author.ts'
import { socketLink } from '../links/access.ts'
import type { ConnectionIdentity } from '../room/Connection.ts'
import type { FoundSession } from '../auth/sessions.ts'

/** What a client asks for when it opens a board's socket. */
export interface AdmissionRequest {
  boardId: string
  /** The link's token, or a network's credential. */
  token: string | undefined
  /** The browser's writer secret (`shared/author.ts`). */
  writer: string | undefined
  /** Asked to be the board's wall (granted to a facilitator's link only). */
  wall: boolean
  presencePatches: boolean
}

/** What admission reads: the link's role, and the sign-in a board that requires one admits with. */
export interface AdmissionGates {
  roleFor(boardId: string, token: string | undefined): Promise<Role | undefined>
  /** Undefined: the board requires none; `missing`: the sign-in it needs is not there (the error is what the upgrade answers). */
  signIn(boardId: string, role: Role): Promise<FoundSession | undefined | { missing: Error }>
}

/** Admitted: the rights the client joins with (its address is the socket's, added by whoever holds it). */
export interface Entrant {
  boardId: string
  identity: Omit<ConnectionIdentity, 'address'>
  /** The token it came with (a network's opens are noted). */
  token: string
  /** On a board that requires sign-in: the sign-in whose end closes the socket. */
  signIn: FoundSession | undefined
}

export interface Refusal {
  refused: CloseReason
  /** What the upgrade answers: before the socket exists, a refusal is an HTTP error. */
  atUpgrade: Error
}

export const isRefusal = (admission: Entrant | Refusal): admission is Refusal => 'refused' in admission

export async function admit(request: AdmissionRequest, gates: AdmissionGates): Promise<Entrant | Refusal> {
  const { boardId, token, writer } = request
  const role = await gates.roleFor(boardId, token)
  if (!role || !token) return { refused: Closing.linkReplaced, atUpgrade: new HTTPException(401, { message: 'a valid board link is needed' }) }
  const signIn = await gates.signIn(boardId, role)
  if (signIn && 'missing' in signIn) return { refused: Closing.signInRequired, atUpgrade: signIn.missing }
  const wall = role === 'facilitator' && request.wall
  return {
    boardId,
    token,
    signIn,
    identity: {
      role,
      link: socketLink(token),
      author: authorFromParam(writer, boardId),
      presencePatches: request.presencePatches,
      ...(signIn?.name ? { signedInName: signIn.name } : {}),
      ...(wall ? { wall } : {}),
    },
  }
}
