/**
 * The Netzwerk API (`shared/networkApi.ts`) from the page: every call but creating a network
 * carries the network's token as `Authorization: Bearer`, never in the URL. Answers are checked
 * against the shared shapes.
 */
import {
  CreatedNetwork,
  CreatedNetworkBoard,
  newNetworkBoardPath,
  NetworkBoard,
  NetworkReleaseAnswer,
  networkReleasePath,
  NetworkView,
  networkApiPath,
  networkBoardPath,
  networkBoardsPath,
  type AddNetworkBoard,
  type NewNetworkBoard,
  type NetworkBoardsOnDelete,
  type NetworkReleaseRequest,
  type UpdateNetworkBoard,
} from '../../shared/networkApi.ts'
import { call, send } from '../api.ts'

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const json = { 'Content-Type': 'application/json' }

export async function createNetwork(name: string, targetGroup: string): Promise<CreatedNetwork> {
  return CreatedNetwork.parse(await call('/api/networks', { method: 'POST', headers: json, body: JSON.stringify({ name, targetGroup }) }))
}

export async function fetchNetwork(id: string, token: string): Promise<NetworkView> {
  return NetworkView.parse(await call(networkApiPath(encodeURIComponent(id)), { headers: bearer(token), cache: 'no-store' }))
}

export async function addNetworkBoard(id: string, token: string, board: AddNetworkBoard): Promise<NetworkBoard> {
  return NetworkBoard.parse(
    await call(networkBoardsPath(encodeURIComponent(id)), { method: 'POST', headers: { ...bearer(token), ...json }, body: JSON.stringify(board) }),
  )
}

/** A new board made inside the network in one step: both happen, or neither (`server/http/networkNewBoard.ts`). */
export async function createNetworkBoard(id: string, token: string, board: NewNetworkBoard): Promise<CreatedNetworkBoard> {
  return CreatedNetworkBoard.parse(
    await call(newNetworkBoardPath(encodeURIComponent(id)), { method: 'POST', headers: { ...bearer(token), ...json }, body: JSON.stringify(board) }),
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

/** Several boards released at once, each as its own release would be; internal and case boards are left to their board. */
export async function releaseNetworkBoards(id: string, token: string, request: NetworkReleaseRequest): Promise<NetworkReleaseAnswer> {
  return NetworkReleaseAnswer.parse(
    await call(networkReleasePath(encodeURIComponent(id)), { method: 'POST', headers: { ...bearer(token), ...json }, body: JSON.stringify(request) }),
  )
}
