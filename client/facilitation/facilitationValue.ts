/** One key of the `facilitation` map as an atom, for components that show it. */
import { atom, type Atom } from 'tldraw'
import type * as Y from 'yjs'
import { facilitationMap } from '../../shared/facilitation/doc.ts'

const byDoc = new WeakMap<Y.Doc, Map<string, Atom<unknown>>>()

export function facilitationValue(doc: Y.Doc, key: string): Atom<unknown> {
  let atoms = byDoc.get(doc)
  if (!atoms) {
    const created = new Map<string, Atom<unknown>>()
    atoms = created
    byDoc.set(doc, created)
    const map = facilitationMap(doc)
    const onChange = (event: Y.YMapEvent<unknown>) => {
      for (const changed of event.keysChanged) created.get(changed)?.set(map.get(changed))
    }
    map.observe(onChange)
    doc.once('destroy', () => map.unobserve(onChange))
  }
  let value = atoms.get(key)
  if (!value) {
    value = atom(`facilitation ${key}`, facilitationMap(doc).get(key))
    atoms.set(key, value)
  }
  return value
}
