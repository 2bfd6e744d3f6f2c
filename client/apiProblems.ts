/**
 * What a failed call to our server means, in the page's language: the server's own messages are
 * English and meant for operators and logs, never shown as they are.
 */
import { ApiError } from './api.ts'
import { format } from './i18n.ts'
import { t } from './locale.ts'
import { linkReasonText } from './linkReasons.ts'

export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) {
    // fetch rejects with a TypeError when the server cannot be reached; anything else is an answer we could not read.
    return error instanceof TypeError ? t.problemUnreachable : t.problemServer
  }
  // The server's reason where it gave one: a status alone leaves it open (409 is any of three).
  const problem = error.problem
  if (problem?.code === 'network-full') return format(t.problemNetworkFull, { limit: problem.limit ?? '' })
  if (problem?.code === 'board-in-this-network') return t.problemBoardInThisNetwork
  if (problem?.code === 'board-in-another-network') return t.problemBoardInAnotherNetwork
  if (problem?.code === 'facilitator-link-needed') return t.addBoardLinkHint
  const reason = linkReasonText(error.message)
  if (reason) return reason
  if (error.status === 401) return t.problemLinkInvalid
  if (error.status === 403) return t.problemNotAllowed
  if (error.status === 404) return t.problemNotFound
  if (error.status === 413) return t.problemTooLarge
  if (error.status === 429) return t.problemTooMany
  if (error.status >= 500) return t.problemServer
  return t.problemRefused
}
