/** One key of the `facilitation` map as an atom, for components that show it. */
import { atom, type Atom } from 'tldraw'
import type * as Y from 'yjs'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import type { Disposers } from '../sync/disposers.ts'

/** Atoms made on first ask, one per key, all following one observer that `disposers` ends. */
export function createFacilitationValues(doc: Y.Doc, disposers: Disposers): (key: string) => Atom<unknown> {
  const atoms = new Map<string, Atom<unknown>>()
  const map = facilitationMap(doc)
  const onChange = (event: Y.YMapEvent<unknown>) => {
    for (const changed of event.keysChanged) atoms.get(changed)?.set(map.get(changed))
  }
  map.observe(onChange)
  disposers.add(() => map.unobserve(onChange))
  return (key) => {
    let value = atoms.get(key)
    if (!value) {
      value = atom(`facilitation ${key}`, map.get(key))
      atoms.set(key, value)
    }
    return value
  }
}
