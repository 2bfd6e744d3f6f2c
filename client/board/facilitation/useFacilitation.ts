/**
 * The open board's facilitation tools, for components. Apart from the model it reads, so that the
 * model and the open board that makes it do not import each other through the board's context.
 */
import { useOpenBoard } from '../boardContext.ts'
import type { Facilitation } from './facilitationState.ts'

export function useFacilitation(): Facilitation {
  return useOpenBoard().facilitation.tools
}
