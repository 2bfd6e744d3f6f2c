/** The relay's digest round, started where SMTP_URL is set (`main.ts`): boards read within MAX_BOARD_BYTES, as every other reader. */
import { loadWithinBudget } from '../judge/boardBudget.ts'
import type { DigestSettings } from '../ops/config.ts'
import type { SignInPolicy } from '../auth/signInPolicy.ts'
import type { Logger } from '../base/logger.ts'
import type { BoardDirectory, DocumentLog, NetworkDigests, Networks } from '../storage/Storage.ts'
import { DigestRounds, type DigestRoundOptions } from './digestRounds.ts'

export function startDigests(settings: DigestSettings, options: { storage: NetworkDigests & Networks & BoardDirectory & DocumentLog; logger: Logger; documents: DigestRoundOptions['documents']; maxBoardBytes: number; signInPolicy: SignInPolicy }): DigestRounds {
  const rounds = new DigestRounds({
    settings,
    storage: options.storage,
    logger: options.logger,
    signInPolicy: options.signInPolicy,
    documents: options.documents,
    loadStored: (boardId) => loadWithinBudget(options.storage, boardId, options.maxBoardBytes),
  })
  rounds.start()
  options.logger.info('digests by e-mail on', { everyDays: Math.round((settings.everyMs / 86_400_000) * 1000) / 1000 })
  return rounds
}
