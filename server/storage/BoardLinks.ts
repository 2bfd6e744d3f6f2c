/**
 * Who may enter a board: the hashes of its three links' tokens, the links kept sealed for
 * facilitators (`keptLinks.ts`), and join codes that hand a link out (`joinCodes.ts`).
 */
import type { Role } from '../../shared/access.ts'

/** A join code for one role of a board: its hash, and that role's link sealed with the code. */
export interface JoinCodeRecord {
  boardId: string
  role: Role
  codeHash: string
  sealedLink: Uint8Array
  expiresAt: string
}

export interface BoardLinks {
  /** The role whose token has this hash on this board. */
  roleForTokenHash(boardId: string, hash: string): Promise<Role | undefined>
  /**
   * Replaces a role's token (the old one stops working, and the link kept for it is dropped). The
   * facilitator's also empties the copy a network keeps of it (`network_boards.sealed_token`): the
   * network's hold on the board ends with the old link (`access.ts`), and this says so without the
   * network's token, for what runs without it (retention keeps no archive of such a board for the
   * network). A network renewing the link seals the new one afterwards (`linkRenewal.ts`).
   */
  replaceTokenHash(boardId: string, role: Role, hash: string): Promise<void>
  /**
   * Keeps the role's link sealed for facilitators (`keptLinks.ts`), if `hash` is still the role's
   * token hash; false if the link was replaced meanwhile.
   */
  keepSealedLink(boardId: string, role: Role, hash: string, sealed: Uint8Array): Promise<boolean>
  sealedLink(boardId: string, role: Role): Promise<Uint8Array | undefined>
  /** Sets the role's join code, replacing the one before. */
  putJoinCode(code: JoinCodeRecord): Promise<void>
  findJoinCode(codeHash: string): Promise<JoinCodeRecord | undefined>
  /** Removes join codes that expired before `now`; returns how many. */
  dropExpiredJoinCodes(now: string): Promise<number>
}
