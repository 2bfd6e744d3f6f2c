/** `sign-in-required <boardId> off`: for a server that lost its OIDC_* settings. */
import { boardIdPattern } from '../../shared/access.ts'
import { adminActor } from '../audit/auditTrail.ts'
import { floorNote, refusalToOpen, signInPolicyFromEnv } from '../auth/signInPolicy.ts'
import { adminAudit, withBoardStorage } from './adminStorage.ts'
import { parseCommand, UsageError } from './cli.ts'

export const signInRequiredUsage = `  sign-in-required <boardId> off
                                opens a board that requires sign-in to its links alone again
                                (for a server that lost its OIDC_* settings; refused while
                                SIGN_IN_POLICY=required covers every link)`

export async function signInRequiredCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'sign-in-required', positionals: ['boardId', 'off'] })
  const { boardId, off } = positionals as { boardId: string; off: string }
  if (!boardIdPattern.test(boardId)) throw new UsageError(`sign-in-required needs a board id, not ${JSON.stringify(boardId)}`)
  // On is the facilitator's, signed in with facilitate rights, so that someone can still get in.
  if (off !== 'off') throw new UsageError('sign-in-required can only switch off: sign-in-required <boardId> off')
  // The server's rule stays above every board (`auth/signInPolicy.ts`): refused or told, never silently kept.
  const policy = signInPolicyFromEnv(process.env)
  const refused = refusalToOpen(policy, boardId)
  if (refused) throw new Error(refused)
  await withBoardStorage(async (storage) => {
    const board = await storage.getBoard(boardId)
    if (!board) throw new Error(`no board ${boardId}`)
    if (!board.signInRequired) {
      console.log(`board ${boardId} requires no sign-in of its own; nothing changed`)
    } else {
      await storage.setSignInRequired(boardId, false)
      await adminAudit(storage).record('sign-in-required-changed', boardId, adminActor)
      console.log(`board ${boardId} opens to its links alone again`)
    }
    const note = floorNote(policy)
    if (note) console.log(`${note} (this board too)`)
  })
  return 0
}
