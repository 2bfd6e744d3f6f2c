/** Calls on a network of boards (`server/http/networksApi.ts`), against a relay process or the relay's app in this process. */
import type { BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { knownNetworksKey } from '../../client/network/knownNetworks.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { CreatedNetwork, NetworkBoard, NetworkView, networkApiPath, networkBoardsPath } from '../../shared/networkApi.ts'
import { networkBoardHref } from '../../shared/networkCredential.ts'
import { apiFetch, createBoard, type HttpRelay } from './clients.ts'

/** `relayOf`: the relay, asked at each call (a suite's relay is made in `beforeAll`). */
export function networkCalls(relayOf: () => HttpRelay) {
  const api = (path: string, init?: RequestInit) => apiFetch(relayOf(), path, init)
  const json = (method: string, body: unknown, token?: string): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

  const createNetwork = async (name = 'Netzwerk Alleinerziehende') => {
    const response = await api('/api/networks', json('POST', { name, targetGroup: 'Alleinerziehende im Landkreis' }))
    expect(response.status).toBe(201)
    return CreatedNetwork.parse(await response.json())
  }
  const addBoard = (network: CreatedNetwork, board: CreatedBoard, phase: string, internal = false, token = board.access.facilitator) =>
    api(networkBoardsPath(network.id), json('POST', { boardId: board.id, token, phase, internal }, network.token))
  const view = async (network: CreatedNetwork) => {
    const response = await api(networkApiPath(network.id), bearer(network.token))
    expect(response.status).toBe(200)
    return NetworkView.parse(await response.json())
  }
  /** The board answers its facilitator link (200) or is gone (404). */
  const boardStatus = async (board: CreatedBoard) => (await api(`/api/boards/${board.id}`)).status

  /** A network with four boards, one of them internal. */
  const fourBoards = async () => {
    const network = await createNetwork()
    const boards = [
      await createBoard(relayOf(), 'Auftaktworkshop', { templates: [{ template: 'netzwerkkarte' }, { template: 'protokoll' }] }),
      await createBoard(relayOf(), 'Beteiligtenanalyse', { template: 'beteiligtenanalyse' }),
      await createBoard(relayOf(), 'Zielworkshop', { template: 'zielsystem' }),
      await createBoard(relayOf(), 'Leeres Board'),
    ]
    const phases = ['gruendung', 'vorStart', 'zieleArchitektur', 'verstetigung']
    for (const [i, board] of boards.entries()) {
      const response = await addBoard(network, board, phases[i]!, i === 1)
      expect(response.status).toBe(201)
      expect(NetworkBoard.parse(await response.json())).toMatchObject({ id: board.id, phase: phases[i], internal: i === 1, token: null, link: networkBoardHref(board.id, network.id) })
    }
    return { network, boards, phases }
  }

  return { api, json, bearer, createNetwork, addBoard, view, boardStatus, fourBoards }
}

/** The network in the browser's list of networks it coordinates, as the Fahrplan leaves it there. */
export const coordinates = (context: BrowserContext, network: Pick<CreatedNetwork, 'id' | 'name' | 'token'>) =>
  context.addInitScript(
    ({ key, entry }) => {
      try {
        localStorage.setItem(key, JSON.stringify([entry]))
      } catch {
        // about:blank has no storage.
      }
    },
    { key: knownNetworksKey, entry: { id: network.id, name: network.name, token: network.token, lastOpened: new Date().toISOString() } },
  )

/**
 * The network link as the Fahrplan's „Netzwerk-Link kopieren“ copies it: the address bar no longer
 * shows its key (`client/linkKey.ts`).
 */
export async function copiedNetworkLink(page: Page): Promise<string> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin })
  await page.getByRole('button', { name: 'Netzwerk-Link kopieren' }).click()
  await page.getByRole('button', { name: 'Link kopiert' }).waitFor()
  return page.evaluate(() => navigator.clipboard.readText())
}
