/**
 * Releasing a board (`POST /api/boards/:id/release`, facilitator): the board as it is now is
 * saved as a named version („Freigabe 12.03.2026“), and the release entry, written by the relay
 * as its own change, points at that version with the content's fingerprint. What the steering
 * group's pack and a released Dokumentation send is that version, not the live board
 * (`releasedState.ts`); a board changed since shows so, and releasing again makes a new version.
 * Withdrawing stays the client's write of the entry (`shared/board/entries/release.ts`).
 */
import { Hono, type Context } from 'hono'
import * as Y from 'yjs'
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
import { maxRuleLength, maxVerteiler, maxVerteilerLength, Publication, readRelease, released, releaseEntry, type Release } from '../../shared/board/entries/release.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { WrittenUpTo, writtenRefusal } from '../../shared/api.ts'
import { untilWritten } from '../room/untilWritten.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'

/** The day, and who receives what is released and under which of the network's rules (both optional). */
export const ReleaseRequest = z.object({ day: Day, locale: z.enum(['de', 'en']).default('de'), written: WrittenUpTo.optional() }).extend(Publication.shape)

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
  if (field === 'written') return writtenRefusal
  return needsDay
}

/** What a release came to: the entry written; or nothing, as the board is released as it stands (`unchanged`) or its facilitator kept the old release (`kept`); or the seconds to wait for another named version. */
export type ReleaseOutcome = { kind: 'released'; entry: Release } | { kind: 'unchanged' } | { kind: 'kept' } | { kind: 'wait'; retryAfter: number }

export interface ReleaseOrder {
  day: string
  locale: 'de' | 'en'
  /** Who receives it and the rule; `'as-before'`: the board's last release's (a bulk release asks no one). */
  publication: Publication | 'as-before'
  /** A release that would change nothing is left as it is: no second version of the same content. */
  onlyIfChanged: boolean
  address: string
  /** How far the asking client had written: waited for before the version is saved. */
  written?: WrittenUpTo
}

/**
 * Releasing one board, the one way both routes go (a board's own, `POST /api/boards/:id/release`,
 * and the Fahrplan's for several, `networksApi.ts`): one release at a time per board, counted with
 * the named versions, the board's current state saved as the version the entry points at.
 * Throws `OwnedElsewhere` where another relay process serves the board.
 */
export function boardReleaser({ storage, withRoom, maxNamedVersionsPerHour, documents }: Pick<ReleaseApiOptions, 'storage' | 'withRoom' | 'maxNamedVersionsPerHour' | 'documents'>) {
  const serial = perBoard()
  const fingerprintOf = async (state: Uint8Array, address: string, boardId: string): Promise<string> => {
    // Off the relay's thread, as every fingerprint of a whole board.
    const answer = await documents.run({ kind: 'fingerprint', state }, address, [boardId])
    if (answer.kind !== 'json' || typeof answer.value !== 'string') throw new Error('a fingerprint job answers with a string')
    return answer.value
  }
  return async (boardId: string, order: ReleaseOrder): Promise<ReleaseOutcome> => {
    if (order.written) {
      // The budget first, then the wait outside the board's queue: a request naming writing that
      // never comes holds no other release (nor the Fahrplan's, which goes through the same queue).
      const retryAfter = await namedVersionsRefusal(storage, boardId, maxNamedVersionsPerHour)
      if (retryAfter !== null) return { kind: 'wait', retryAfter }
      const written = order.written
      await withRoom(boardId, async (room) => void (await untilWritten(room.doc, written)))
    }
    return serial(boardId, async () => {
      let outcome: ReleaseOutcome | undefined
      await withRoom(boardId, async (room) => {
        const before = readRelease(facilitationMap(room.doc).get(facilitationKeys.release))
        if (order.onlyIfChanged && before.released && before.fingerprint) {
          const now = await fingerprintOf(Y.encodeStateAsUpdate(room.doc), order.address, boardId)
          if (now === before.fingerprint) return void (outcome = { kind: 'unchanged' })
          // Its facilitator saw the change and chose to keep the old release: that stands.
          if (now === before.kept) return void (outcome = { kind: 'kept' })
        }
        // A release is a named version: counted with the others, so repeated clicks cannot fill storage.
        const retryAfter = await namedVersionsRefusal(storage, boardId, maxNamedVersionsPerHour)
        if (retryAfter !== null) return void (outcome = { kind: 'wait', retryAfter })
        const version = await room.saveVersion(releaseWords[order.locale].replace('{day}', formatDate(order.day, order.locale)))
        const state = await storage.versionState(boardId, version.id)
        if (!state) throw new Error('the version just saved is not there')
        // From the version itself: what was saved, not what came in since.
        const fingerprint = await fingerprintOf(state, order.address, boardId)
        const { verteiler, rule } = order.publication === 'as-before' ? before : order.publication
        const entry = released(order.day, Date.now(), { version: version.id, fingerprint }, { ...(verteiler?.length ? { verteiler } : {}), ...(rule ? { rule } : {}) })
        await room.applyOwnChange((doc) => releaseEntry.set(doc, entry))
        outcome = { kind: 'released', entry }
      })
      return outcome!
    })
  }
}

export type BoardRelease = ReturnType<typeof boardReleaser>

/** `release`: the releaser the Fahrplan's route shares, so that both take one board's releases one at a time. */
export function releaseApi({ logger, audit, addressOf, storage, release: shared, ...rest }: ReleaseApiOptions & { release?: BoardRelease }) {
  const release = shared ?? boardReleaser({ storage, ...rest })
  const api = new Hono()
  // A few KB: the day, and a Verteiler of at most 40 lines and a rule as people write them.
  api.post('/:id/release', jsonOnly(), smallBody(8 * 1024), needsBoardLink(storage, 'facilitator'), jsonBody(ReleaseRequest, releaseRefusal, needsDay), async (c) => {
    const board = c.get('board')
    const { day, locale, verteiler, rule, written } = c.req.valid('json')
    let outcome: ReleaseOutcome
    try {
      outcome = await release(board.id, { day, locale, publication: { verteiler, rule }, onlyIfChanged: false, address: addressOf(c), ...(written ? { written } : {}) })
    } catch (error) {
      if (error instanceof OwnedElsewhere) throw new HTTPException(503, { message: 'the board is served by another relay process: try again' })
      throw error
    }
    if (outcome.kind === 'wait') {
      c.header('Retry-After', String(outcome.retryAfter))
      throw new HTTPException(429, { message: `at most ${rest.maxNamedVersionsPerHour} named versions of a board an hour; please wait` })
    }
    if (outcome.kind !== 'released') throw new Error('a release asked for regardless of change is made')
    logger.info('board released', { board: board.id })
    await audit?.record('board-released', board.id, callerActor(board.id, bearerToken(c.req.header('authorization'))!, 'facilitator'))
    return c.json(outcome.entry, 201)
  })
  return api
}
