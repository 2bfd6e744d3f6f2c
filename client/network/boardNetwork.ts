/**
 * Which network this browser coordinates holds a board: asked of the known networks' views once
 * per page, and only when first wanted (the board's main menu). A browser that knows no network
 * (a participant's, an observer's) asks nothing.
 */
import { fetchNetwork } from './networkCalls.ts'
import { readKnownNetworks, type KnownNetwork } from './knownNetworks.ts'

const asked = new Map<string, Promise<KnownNetwork | null>>()

export function networkHolding(boardId: string): Promise<KnownNetwork | null> {
  let answer = asked.get(boardId)
  if (!answer) {
    answer = find(boardId)
    asked.set(boardId, answer)
  }
  return answer
}

async function find(boardId: string): Promise<KnownNetwork | null> {
  for (const network of readKnownNetworks(localStorage)) {
    try {
      const view = await fetchNetwork(network.id, network.token)
      if (view.boards.some((b) => b.id === boardId)) return network
    } catch {
      // Unreachable or refused: the Fahrplan page itself says so when opened.
    }
  }
  return null
}
