/**
 * The Netzwerk API (`shared/networkApi.ts`) from the page: every call but creating a network
 * carries the network's token as `Authorization: Bearer`, never in the URL. Answers are checked
 * against the shared shapes.
 */
import { CreatedBoard } from '../../shared/api.ts'
import type { Locale } from '../../shared/locale.ts'
import {
  CreatedNetwork,
  NetworkBoard,
  NetworkView,
  networkApiPath,
  networkBoardPath,
  networkBoardsPath,
  type AddNetworkBoard,
  type NetworkBoardsOnDelete,
  type UpdateNetworkBoard,
} from '../../shared/networkApi.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'
import { call, send } from '../api.ts'

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const json = { 'Content-Type': 'application/json' }

export async function createNetwork(name: string, targetGroup: string): Promise<CreatedNetwork> {
  return CreatedNetwork.parse(await call('/api/networks', { method: 'POST', headers: json, body: JSON.stringify({ name, targetGroup }) }))
}

export async function fetchNetwork(id: string, token: string): Promise<NetworkView> {
  return NetworkView.parse(await call(networkApiPath(encodeURIComponent(id)), { headers: bearer(token), cache: 'no-store' }))
}

/** A new board started with several templates at once (a phase's methods). */
export async function createBoardWithTemplates(title: string, templates: readonly TemplateName[], locale: Locale): Promise<CreatedBoard> {
  return CreatedBoard.parse(
    await call('/api/boards', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title, locale, templates: templates.map((template) => ({ template })) }),
    }),
  )
}

export async function addNetworkBoard(id: string, token: string, board: AddNetworkBoard): Promise<NetworkBoard> {
  return NetworkBoard.parse(
    await call(networkBoardsPath(encodeURIComponent(id)), { method: 'POST', headers: { ...bearer(token), ...json }, body: JSON.stringify(board) }),
  )
}

export async function updateNetworkBoard(id: string, token: string, boardId: string, change: UpdateNetworkBoard): Promise<NetworkBoard> {
  return NetworkBoard.parse(
    await call(networkBoardPath(encodeURIComponent(id), encodeURIComponent(boardId)), {
      method: 'PATCH',
      headers: { ...bearer(token), ...json },
      body: JSON.stringify(change),
    }),
  )
}

/** The board leaves the network and stays as it is. */
export async function removeNetworkBoard(id: string, token: string, boardId: string): Promise<void> {
  await send(networkBoardPath(encodeURIComponent(id), encodeURIComponent(boardId)), { method: 'DELETE', headers: bearer(token) })
}

export async function deleteNetwork(id: string, token: string, boards: NetworkBoardsOnDelete): Promise<void> {
  await send(`${networkApiPath(encodeURIComponent(id))}?boards=${boards}`, { method: 'DELETE', headers: bearer(token) })
}
