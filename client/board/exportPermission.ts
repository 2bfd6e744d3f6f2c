/** Whether this link may export the board (`shared/board/entries/exports.ts`), live. */
import { useValue } from 'tldraw'
import { exportsEntry, mayExport } from '../../shared/board/entries/exports.ts'
import { useOpenBoard } from './boardContext.ts'

export function useMayExport(): boolean {
  const { role, facilitation } = useOpenBoard()
  return useValue('may export', () => mayExport(role, facilitation.entries.exports.get()), [
    role,
    facilitation,
  ])
}

/** The facilitator's switch: whether the read-only link may export. */
export function useObserverExports(): [allowed: boolean, set: (allowed: boolean) => void] {
  const { connection, facilitation } = useOpenBoard()
  const doc = connection.doc
  const allowed = useValue('observers may export', () => facilitation.entries.exports.get().observers, [facilitation])
  return [allowed, (observers) => exportsEntry.set(doc, { observers })]
}
