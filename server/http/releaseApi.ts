/**
 * Releasing a board (`POST /api/boards/:id/release`, facilitator): the board as it is now is
 * saved as a named version („Freigabe 12.03.2026“), and the release entry, written by the relay
 * as its own change, points at that version with the content's fingerprint. What the steering
 * group's pack and a released Dokumentation send is that version, not the live board
 * (`releasedState.ts`); a board changed since shows so, and releasing again makes a new version.
 * Withdrawing stays the client's write of the entry (`shared/board/entries/release.ts`).
 */
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { bearerToken } from '../links/access.ts'
import { callerActor } from '../ops/linkRenewal.ts'
import type { AuditTrail } from '../audit/auditTrail.ts'
import type { Logger } from '../base/logger.ts'
import type { Room } from '../room/Room.ts'
import type { BoardDirectory, BoardLinks, Networks, Versions } from '../storage/Storage.ts'
import { OwnedElsewhere } from '../room/Rooms.ts'
import { namedVersionsRefusal } from '../room/versionPolicy.ts'
import { needsBoardLink } from './linkAuthorization.ts'
import { jsonBody } from './jsonBody.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonOnly } from './jsonOnly.ts'
import { smallBody } from './smallBody.ts'
import { perBoard } from './perBoard.ts'
import { Day, formatDate } from '../../shared/dates.ts'
import { maxRuleLength, maxVerteiler, maxVerteilerLength, Publication, released, releaseEntry } from '../../shared/board/entries/release.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'

/** The day, and who receives what is released and under which of the network's rules (both optional). */
export const ReleaseRequest = z.object({ day: Day, locale: z.enum(['de', 'en']).default('de') }).extend(Publication.shape)

export const releaseWords = { de: 'Freigabe {day}', en: 'Release {day}' }

export interface ReleaseApiOptions {
  storage: Versions & BoardDirectory & BoardLinks & Networks
  logger: Logger
  withRoom(boardId: string, work: (room: Room) => Promise<void>): Promise<void>
  maxNamedVersionsPerHour: number
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }
  addressOf(c: Context): string
  /** Where releases are recorded. */
  audit?: Pick<AuditTrail, 'record'>
}

/** A release of the wrong shape is told which field is wrong; anything else needs the day. */
const needsDay = 'a release needs the day (YYYY-MM-DD)'
const releaseRefusal = (error: z.ZodError) => {
  const field = error.issues[0]?.path[0]
  if (field === 'verteiler') return `the Verteiler lists at most ${maxVerteiler} recipients of at most ${maxVerteilerLength} characters each`
  if (field === 'rule') return `the rule a release rests on has 1 to ${maxRuleLength} characters`
  return needsDay
}

export function releaseApi({ storage, logger, withRoom, maxNamedVersionsPerHour, documents, addressOf, audit }: ReleaseApiOptions) {
  const serial = perBoard()
  const api = new Hono()
  // A few KB: the day, and a Verteiler of at most 40 lines and a rule as people write them.
  api.post('/:id/release', jsonOnly(), smallBody(8 * 1024), needsBoardLink(storage, 'facilitator'), jsonBody(ReleaseRequest, releaseRefusal, needsDay), async (c) => {
    const board = c.get('board')
    const { day, locale, verteiler, rule } = c.req.valid('json')
    const entry = await serial(board.id, async () => {
      // A release is a named version: counted with the others, so repeated clicks cannot fill storage.
      const retryAfter = await namedVersionsRefusal(storage, board.id, maxNamedVersionsPerHour)
      if (retryAfter !== null) {
        c.header('Retry-After', String(retryAfter))
        throw new HTTPException(429, { message: `at most ${maxNamedVersionsPerHour} named versions of a board an hour; please wait` })
      }
      try {
        let written: ReturnType<typeof released> | undefined
        await withRoom(board.id, async (room) => {
          const version = await room.saveVersion(releaseWords[locale].replace('{day}', formatDate(day, locale)))
          const state = await storage.versionState(board.id, version.id)
          if (!state) throw new Error('the version just saved is not there')
          // From the version itself, off the relay's thread: what was saved, not what came in since.
          const answer = await documents.run({ kind: 'fingerprint', state }, addressOf(c), [board.id])
          if (answer.kind !== 'json' || typeof answer.value !== 'string') throw new Error('a fingerprint job answers with a string')
          written = released(day, Date.now(), { version: version.id, fingerprint: answer.value }, { ...(verteiler?.length ? { verteiler } : {}), ...(rule ? { rule } : {}) })
          const value = written
          await room.applyOwnChange((doc) => releaseEntry.set(doc, value))
        })
        return written!
      } catch (error) {
        if (error instanceof OwnedElsewhere) throw new HTTPException(503, { message: 'the board is served by another relay process: try again' })
        throw error
      }
    })
    logger.info('board released', { board: board.id })
    await audit?.record('board-released', board.id, callerActor(board.id, bearerToken(c.req.header('authorization'))!, 'facilitator'))
    return c.json(entry, 201)
  })
  return api
}
