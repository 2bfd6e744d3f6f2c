/**
 * What the Fahrplan's dialogs say when the server refuses a board: in the page's language, with
 * the server's reason where it gave one (a full network, a board of another network), never its
 * English message. Pure, so that each refusal's words are checked without a page
 * (`test/unit/network/fahrplanRefusals.test.ts`).
 */
import { ApiError } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'

/** „Neues Board in dieser Phase“ refused: the board was not made (a full network leaves none behind). */
export function newBoardRefusal(error: unknown): string {
  const reason = error instanceof ApiError && error.status === 429 ? t.tooManyNewBoards : problemText(error)
  return format(t.newBoardFailed, { error: reason })
}

/** „Vorhandenes Board aufnehmen“ refused. */
export function addBoardRefusal(error: unknown): string {
  // A participant's or observer's link opens the board but may not file it anywhere (401 for a link of no board).
  const refused = error instanceof ApiError && (error.status === 401 || error.status === 403) && !error.problem
  return refused ? t.addBoardLinkHint : format(t.fahrplanChangeFailed, { error: problemText(error) })
}
