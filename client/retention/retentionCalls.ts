/** Retention from the page (`shared/retentionApi.ts`): the dates a browser's boards and networks go, and „Behalten“. */
import { KeptUntil, RetentionDates, boardKeepPath, networkKeepPath, retentionLookupPath, type RetentionLookup } from '../../shared/retentionApi.ts'
import { call } from '../api.ts'

/** Asking is no use of anything: the server keeps nothing for it. */
export async function lookupRetention(known: RetentionLookup): Promise<RetentionDates> {
  return RetentionDates.parse(
    await call(retentionLookupPath, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(known), cache: 'no-store' }),
  )
}

/** „Behalten“: a use of the board (with any of its links) or the network (with its link); the new date. */
export async function keep(target: { kind: 'board' | 'network'; id: string; token: string }): Promise<KeptUntil> {
  const path = target.kind === 'board' ? boardKeepPath(encodeURIComponent(target.id)) : networkKeepPath(encodeURIComponent(target.id))
  return KeptUntil.parse(await call(path, { method: 'POST', headers: { Authorization: `Bearer ${target.token}` } }))
}
