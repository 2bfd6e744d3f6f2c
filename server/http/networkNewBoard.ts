/**
 * `POST /api/networks/:id/boards/new`: a board made inside the network in one step. It happens
 * whole or not at all: a full network refuses before anything is made, and a board whose place
 * in the network is lost meanwhile (the last place taken by another request, the network
 * deleted) is deleted again before the answer, so no board is left behind that nobody has a
 * link to.
 */
import type { Context } from 'hono'
import type { CreatedBoard } from '../../shared/api.ts'
import type { z } from 'zod'
import { maxNetworkBoards, NewNetworkBoard, type CreatedNetworkBoard, type NetworkBoard } from '../../shared/networkApi.ts'
import { boardDocument, templatesDocument } from '../documents/templateBoard.ts'
import type { AddNetworkBoardResult, BoardDirectory, BoardLinks, NetworkBoardRecord, Networks } from '../storage/Storage.ts'
import type { Logger } from '../base/logger.ts'
import { checkFirstState, type BoardCreation } from './boardCreation.ts'
import { createBoardRecord } from './boardsApi.ts'
import { HTTPException } from 'hono/http-exception'
import { problem } from '../base/httpError.ts'
import { mustBeInternal } from '../../shared/templates/caseBoards.ts'

/** Why a board could not be added, as the page can say it (`shared/problemCodes.ts`); nothing for 'added'. */
export function addRefusal(result: AddNetworkBoardResult): HTTPException | null {
  switch (result) {
    case 'added':
      return null
    case 'no-network':
      return new HTTPException(404, { message: 'network not found' })
    case 'in-this-network':
      return new HTTPException(409, { message: 'the board is in this network already', cause: problem('board-in-this-network') })
    case 'in-another-network':
      return new HTTPException(409, { message: 'the board belongs to another network', cause: problem('board-in-another-network') })
    case 'full':
      return networkFull()
  }
}

const networkFull = () => new HTTPException(409, { message: `a network holds at most ${maxNetworkBoards} boards`, cause: problem('network-full', maxNetworkBoards) })

export interface NewNetworkBoardOptions {
  storage: Networks & BoardDirectory & BoardLinks
  logger: Logger
  admitCreation: BoardCreation
  /** The network's board row for a board, its facilitator token sealed under the network's token. */
  recordFor(board: CreatedBoard, added: { phase: NetworkBoard['phase']; internal: boolean; body: string }): NetworkBoardRecord
  /** The board as the network's view shows it. */
  view(record: NetworkBoardRecord): Promise<NetworkBoard | null>
  /** Deletes a board nobody has seen yet (its sockets, if any, closed). */
  deleteBoard(boardId: string): Promise<void>
}

export async function newBoardInNetwork(c: Context, networkId: string, request: z.output<typeof NewNetworkBoard>, options: NewNetworkBoardOptions): Promise<CreatedNetworkBoard> {
  const { storage, logger, admitCreation, recordFor, view, deleteBoard } = options
  const { title, templates, locale, phase, internal, body, date } = request
  // Refused before a board is made (and before it counts against the address's new boards).
  if ((await storage.networkBoards(networkId)).length >= maxNetworkBoards) throw networkFull()
  const admitted = await admitCreation(c)
  // The meeting's day goes to each template that names one; the others' options take no date (dropped).
  const state = templates.length > 0 ? templatesDocument(templates.map((template) => ({ template, ...(date ? { options: { date } } : {}) })), locale) : boardDocument(locale)
  const board = await createBoardRecord(storage, admitted, title, checkFirstState(state, admitted))
  try {
    // A board holding a case is internal whatever was sent (`caseBoards.ts`).
    const record = recordFor(board, { phase, internal: internal || mustBeInternal(templates), body })
    const refusal = addRefusal(await storage.addNetworkBoard(record, maxNetworkBoards))
    if (refusal) throw refusal
    const entry = await view(record)
    if (!entry) throw new HTTPException(404, { message: 'board not found' })
    logger.info('network board created', { network: networkId, board: board.id, template: templates.join(',') || null })
    return { board, entry }
  } catch (error) {
    // Whatever failed after the board was made, it goes again: the network holds it or nobody does.
    await storage.removeNetworkBoard(networkId, board.id).catch(() => false)
    await deleteBoard(board.id)
    logger.info('new network board undone', { network: networkId, board: board.id })
    throw error
  }
}
