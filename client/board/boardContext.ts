/** Lets the components we hand to tldraw reach the open board's session. */
import { createContext, useContext } from 'react'
import type { BoardSession } from './boardSession.ts'

export const BoardContext = createContext<BoardSession | null>(null)

export function useBoardSession(): BoardSession {
  const session = useContext(BoardContext)
  if (!session) throw new Error('useBoardSession outside a board')
  return session
}
