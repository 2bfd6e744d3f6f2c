/** Whether this link may export the board (`shared/facilitation/exportRights.ts`), live. */
import { useValue } from 'tldraw'
import { facilitationKeys, facilitationMap } from '../../shared/facilitation/doc.ts'
import { mayExport, readExportRights } from '../../shared/facilitation/exportRights.ts'
import { facilitationValue } from '../facilitation/facilitationValue.ts'
import { useBoardSession } from './boardContext.ts'

export function useMayExport(): boolean {
  const { role, connection } = useBoardSession()
  return useValue('may export', () => mayExport(role, facilitationValue(connection.doc, facilitationKeys.exports).get()), [
    role,
    connection,
  ])
}

/** The facilitator's switch: whether the read-only link may export. */
export function useObserverExports(): [allowed: boolean, set: (allowed: boolean) => void] {
  const { connection } = useBoardSession()
  const doc = connection.doc
  const allowed = useValue('observers may export', () => readExportRights(facilitationValue(doc, facilitationKeys.exports).get()).observers, [doc])
  return [allowed, (observers) => facilitationMap(doc).set(facilitationKeys.exports, { observers })]
}
