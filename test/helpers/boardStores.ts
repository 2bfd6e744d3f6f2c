/** Stores, docs and shapes for exercising the Yjs ↔ tldraw bridge in Node. */
import * as Y from 'yjs'
import {
  atom,
  createShapeId,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  toRichText,
  UserRecordType,
  type TLGeoShape,
  type TLShapeId,
  type TLStore,
} from 'tldraw'

export function makeStore(userName = 'Tester'): TLStore {
  const user = UserRecordType.create({ id: createUserId(userName.toLowerCase()), name: userName, color: '#39B178' })
  return createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    users: { currentUser: atom('current user', user) },
  })
}

/** Two docs that exchange every update, like two clients behind one relay. */
export function linkedDocs(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const b = new Y.Doc()
  const relay = Symbol('relay')
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== relay) Y.applyUpdate(b, update, relay)
  })
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== relay) Y.applyUpdate(a, update, relay)
  })
  return [a, b]
}

export function geoShape(
  parentId: TLGeoShape['parentId'],
  overrides: { id?: TLShapeId; x?: number; text?: string; color?: TLGeoShape['props']['color'] } = {},
): TLGeoShape {
  return {
    id: overrides.id ?? createShapeId(),
    typeName: 'shape',
    type: 'geo',
    parentId,
    index: 'a1' as TLGeoShape['index'],
    x: overrides.x ?? 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 100,
      h: 80,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: overrides.color ?? 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: toRichText(overrides.text ?? ''),
    },
  }
}

/** Document records of a store, sorted by id, for equality checks between peers. */
export function documentRecords(store: TLStore): unknown[] {
  return Object.values(store.serialize('document'))
    .filter((r) => r.typeName !== 'user')
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** Two linked docs whose link can drop and return, like a client going offline and back. */
export function interruptibleDocs() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  let online = true
  const relay = Symbol('relay')
  const forward = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (online && origin !== relay) Y.applyUpdate(to, update, relay)
  }
  a.on('update', forward(b))
  b.on('update', forward(a))
  return {
    docs: [a, b] as const,
    goOffline: () => {
      online = false
    },
    /** Reconnects and exchanges what each side missed, as sync steps 1 and 2 would. */
    comeBack: () => {
      online = true
      const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
      const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
      Y.applyUpdate(b, toB, relay)
      Y.applyUpdate(a, toA, relay)
    },
  }
}
