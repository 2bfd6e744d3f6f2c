/** Lets the components we hand to tldraw reach the open board's session. */
import { createContext, useContext } from 'react'
import type { OpenBoard } from './openBoard.ts'

export const BoardContext = createContext<OpenBoard | null>(null)

export function useOpenBoard(): OpenBoard {
  const session = useContext(BoardContext)
  if (!session) throw new Error('useOpenBoard outside a board')
  return session
}
