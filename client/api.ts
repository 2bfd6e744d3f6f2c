/**
 * Calls to our own server (same origin). Responses are checked against the shared zod shapes.
 * Board calls carry the board's token as `Authorization: Bearer`, never in the URL. The plain call
 * (`apiCall.ts`), the board's lookup (`boardLookup.ts`) and the settings (`clientConfig.ts`) are
 * zod-free modules of their own, for a phone's list and the canvas's first paint; re-exported here.
 */
import type { Publication } from '../shared/board/entries/release.ts'
import { JoinCode, RotatedLink, rotatePath, type Role } from '../shared/access.ts'
import { authPaths, roundClosePath, privateRevealPath, BoardVersion, CreatorStatus, joinRedeemPath, JoinTarget, exportPath, SharedLinks, sharedLinksPath, SignOutAnswer, BoardSignIn, boardSignInPath, reportPath, type ReportFormat, revealPath, UploadedAsset, AssetSpace, assetSpacePath, versionsPath, CreatedBoard, type WrittenUpTo } from '../shared/api.ts'
import type { ExportFormat } from '../shared/results/export.ts'
import { CaseCopies, caseCopiesPath, caseRemovalPath } from '../shared/results/caseCopies.ts'
import type { JoinRole } from '../shared/joinCode.ts'
import type { Locale } from '../shared/locale.ts'
import type { TemplateName } from '../shared/templates/registry.ts'
import { localDay } from '../shared/dates.ts'
import { PrivateRevealOutcome } from '../shared/board/entries/private.ts'
import { bearer, boardApiPath, call, send } from './apiCall.ts'

export { ApiError, call, send } from './apiCall.ts'
export { lookupBoard, type BoardLookup } from './boardLookup.ts'
export { fetchConfig } from './clientConfig.ts'
export { fetchOwnBallot, fetchOwnPrivateNotes, sendOwnBallot, sendOwnPrivateNotes, sendRoundAnswer } from './ownCalls.ts'

/**
 * A new board, empty or started with a workshop template (its options default on the server).
 * The answer is the only moment all three links are readable.
 */
export async function createBoard(
  title: string,
  start?: { template: TemplateName; locale: Locale; options?: Record<string, unknown> },
): Promise<CreatedBoard> {
  return CreatedBoard.parse(
    await call('/api/boards', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, ...start }),
    }),
  )
}

/** Whether this browser may create boards here, and how it could sign in. */
export async function fetchCreatorStatus(): Promise<CreatorStatus> {
  return CreatorStatus.parse(await call(authPaths.status, { cache: 'no-store' }))
}

export async function signInWithPassword(password: string): Promise<void> {
  await send(authPaths.password, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) })
}

/** Signs out here; when the provider signs out too, the browser goes there (and comes back to the start page). */
export async function signOut(): Promise<'left' | 'here'> {
  const response = await send(authPaths.signOut, { method: 'POST' })
  if (response.status !== 200) return 'here'
  const answer = SignOutAnswer.safeParse(await response.json().catch(() => null))
  if (!answer.success) return 'here'
  window.location.assign(answer.data.signOutAt)
  return 'left'
}

/** A join code for a role whose link this browser holds (facilitator only). */
export async function makeJoinCode(boardId: string, facilitatorToken: string, role: JoinRole, roleToken: string): Promise<JoinCode> {
  return JoinCode.parse(
    await call(`${boardApiPath(boardId)}/join-code`, {
      method: 'POST',
      headers: { ...bearer(facilitatorToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ role, token: roleToken }),
    }),
  )
}

/** The links to pass on, their join codes and the address to show (facilitators only). */
export async function fetchSharedLinks(boardId: string, token: string): Promise<SharedLinks> {
  return SharedLinks.parse(await call(sharedLinksPath(encodeURIComponent(boardId)), { headers: bearer(token), cache: 'no-store' }))
}

/** The board and link a join code stands for. */
export async function redeemJoinCode(code: string): Promise<JoinTarget> {
  return JoinTarget.parse(
    await call(joinRedeemPath, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }), cache: 'no-store' }),
  )
}

/** Uploads the file's bytes as they are; the server answers with the asset's URL. */
export async function uploadAsset(boardId: string, token: string, file: Blob, signal?: AbortSignal): Promise<string> {
  const body = await call(`${boardApiPath(boardId)}/assets`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
    signal,
  })
  return UploadedAsset.parse(body).url
}

/**
 * One of the board's uploaded files, read with its link: a file follows the board's links, and an
 * <img> could only carry one in its URL, where proxies log it (`client/board/assetReader.ts`).
 */
export async function fetchAsset(path: string, token: string): Promise<Blob> {
  return (await send(path, { headers: bearer(token) })).blob()
}

/** How much of the board's room for images is taken, and how much there is. */
export async function fetchAssetSpace(boardId: string, token: string, signal?: AbortSignal): Promise<AssetSpace> {
  return AssetSpace.parse(await call(assetSpacePath(encodeURIComponent(boardId)), { headers: bearer(token), cache: 'no-store', signal }))
}

/** The board's export as a file; a plain download link could not send the token. */
export async function fetchExport(
  boardId: string,
  token: string,
  format: ExportFormat,
): Promise<{ blob: Blob; disposition: string | null }> {
  const response = await send(exportPath(encodeURIComponent(boardId), format), { headers: bearer(token), cache: 'no-store' })
  return { blob: await response.blob(), disposition: response.headers.get('Content-Disposition') }
}

/** The workshop report: the Markdown file to save, or the data to print as PDF. */
export async function fetchReport(boardId: string, token: string, format: ReportFormat, locale: Locale, emptyTables = false): Promise<Response> {
  return send(reportPath(encodeURIComponent(boardId), format, locale, localDay(new Date()), emptyTables), { headers: bearer(token), cache: 'no-store' })
}

/** Releases the board (facilitators only): the relay saves it as a version and writes the release pointing at it. */
export async function releaseBoard(boardId: string, token: string, day: string, locale: Locale, publication?: Publication, written?: WrittenUpTo): Promise<void> {
  await send(`${boardApiPath(boardId)}/release`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ day, locale, ...publication, ...(written ? { written } : {}) }),
  })
}

/** A fresh link for a role, the facilitator's own too (facilitators only); the old one stops working. */
export async function rotateLink(boardId: string, token: string, role: Role): Promise<RotatedLink> {
  return RotatedLink.parse(
    await call(rotatePath(encodeURIComponent(boardId), role), { method: 'POST', headers: bearer(token) }),
  )
}

/** Deletes the board for everyone (facilitators only). */
export async function deleteBoard(boardId: string, token: string): Promise<void> {
  await send(boardApiPath(boardId), { method: 'DELETE', headers: bearer(token) })
}

/** Closes the round (facilitators only): the relay writes its outcome, keeps it and marks the Beschluss. `day`: the facilitator's own. */
export async function closeRound(boardId: string, token: string, roundId: string, day: string): Promise<void> {
  await send(roundClosePath(encodeURIComponent(boardId)), {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ roundId, day }),
  })
}

/** Reveals the vote (facilitators only): the relay writes the counts and forgets the ballots. */
export async function revealVote(boardId: string, token: string, voteId: string): Promise<void> {
  await send(revealPath(encodeURIComponent(boardId)), {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ voteId }),
  })
}

/** Ends the round (facilitators only): the relay writes everyone's private notes into the board, and says how many it left out. */
export async function revealPrivateNotes(boardId: string, token: string, roundId: string): Promise<PrivateRevealOutcome> {
  const body = await call(privateRevealPath(encodeURIComponent(boardId)), {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ roundId }),
  })
  return PrivateRevealOutcome.safeParse(body).data ?? { revealed: 0, leftOut: 0, waiting: 0 }
}

/** The board's versions, newest first (facilitators only). */
export async function fetchVersions(boardId: string, token: string): Promise<BoardVersion[]> {
  return BoardVersion.array().parse(await call(versionsPath(encodeURIComponent(boardId)), { headers: bearer(token), cache: 'no-store' }))
}

/** Saves the board as it is now under a name (facilitators only). */
export async function saveNamedVersion(boardId: string, token: string, name: string, written?: WrittenUpTo): Promise<BoardVersion> {
  return BoardVersion.parse(
    await call(versionsPath(encodeURIComponent(boardId)), {
      method: 'POST',
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, ...(written ? { written } : {}) }),
    }),
  )
}

/** A version's whole document, as a Yjs update. */
export async function fetchVersionDocument(boardId: string, token: string, versionId: string): Promise<Uint8Array> {
  const response = await send(`${versionsPath(encodeURIComponent(boardId))}/${encodeURIComponent(versionId)}/document`, {
    headers: bearer(token),
    cache: 'no-store',
  })
  return new Uint8Array(await response.arrayBuffer())
}

/** A version's structured export as a file. */
export async function fetchVersionExport(boardId: string, token: string, versionId: string, format: ExportFormat): Promise<Blob> {
  const url = `${versionsPath(encodeURIComponent(boardId))}/${encodeURIComponent(versionId)}/export?format=${format}`
  return (await send(url, { headers: bearer(token), cache: 'no-store' })).blob()
}

/** Tells the relay that the version was restored into the board, for its audit trail. */
export async function noteVersionRestored(boardId: string, token: string, versionId: string): Promise<void> {
  await send(`${versionsPath(encodeURIComponent(boardId))}/${encodeURIComponent(versionId)}/restored`, { method: 'POST', headers: bearer(token) })
}

/** Puts the version's format and schema back into a board no client can read (facilitators only). */
export async function restoreReadableMeta(boardId: string, token: string, versionId: string): Promise<void> {
  await send(`${versionsPath(encodeURIComponent(boardId))}/${encodeURIComponent(versionId)}/meta`, { method: 'POST', headers: bearer(token) })
}

/** A Fallkonferenz's copies: on its board, in its versions, carried onto the network's boards (facilitators only). */
export async function fetchCaseCopies(boardId: string, token: string, instance: string): Promise<CaseCopies> {
  return CaseCopies.parse(await call(caseCopiesPath(encodeURIComponent(boardId), instance), { headers: bearer(token), cache: 'no-store' }))
}

/** Removes a Fallkonferenz's case with its copies; answers what is left. */
export async function removeCase(boardId: string, token: string, instance: string): Promise<CaseCopies> {
  return CaseCopies.parse(await call(caseRemovalPath(encodeURIComponent(boardId), instance), { method: 'POST', headers: bearer(token) }))
}

/** A new board holding the version, with fresh links. */
export async function boardFromVersion(boardId: string, token: string, versionId: string): Promise<CreatedBoard> {
  return CreatedBoard.parse(
    await call(`${versionsPath(encodeURIComponent(boardId))}/${encodeURIComponent(versionId)}/board`, { method: 'POST', headers: bearer(token) }),
  )
}

/** The board's sign-in setting (facilitator link). */
export async function fetchBoardSignIn(boardId: string, facilitatorToken: string): Promise<BoardSignIn> {
  return BoardSignIn.parse(await call(boardSignInPath(encodeURIComponent(boardId)), { headers: bearer(facilitatorToken), cache: 'no-store' }))
}

export async function setBoardSignIn(boardId: string, facilitatorToken: string, required: boolean): Promise<BoardSignIn> {
  return BoardSignIn.parse(
    await call(boardSignInPath(encodeURIComponent(boardId)), {
      method: 'PUT',
      headers: { ...bearer(facilitatorToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ required }),
    }),
  )
}
