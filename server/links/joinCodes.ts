/**
 * Making and redeeming join codes (`shared/joinCode.ts`). The relay stores a code only as a hash
 * (to find it) and the role's link token sealed with AES-256-GCM under a key derived from the
 * code, so the database alone yields neither the code nor the link.
 */
import { createHash, randomInt } from 'node:crypto'
import { joinCodeAlphabet, joinCodeLength } from '../../shared/joinCode.ts'
import { seal, unseal } from '../base/seal.ts'

export function newJoinCode(): string {
  return Array.from({ length: joinCodeLength }, () => joinCodeAlphabet[randomInt(joinCodeAlphabet.length)]).join('')
}

export const hashJoinCode = (code: string) => createHash('sha256').update(`netzwerkstatt-join:${code}`).digest('hex')

/** The role's link token, sealed so that only the code opens it (salt and info as ever: stored codes stay readable). */
export const sealLink = (code: string, boardId: string, token: string): Uint8Array => seal(code, 'netzwerkstatt-join-seal', boardId, token)

/** The token sealed under this code; throws if the code or the record is not the one sealed. */
export const openLink = (code: string, boardId: string, sealed: Uint8Array): string => unseal(code, 'netzwerkstatt-join-seal', boardId, sealed)
