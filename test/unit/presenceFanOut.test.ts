import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { applyPatchEntries } from '../../client/sync/presencePatches.ts'
import { messagePresencePatch, readPatchEntries } from '../../shared/presencePatch.ts'
import { encodeAwareness, messageAwareness } from '../../shared/protocol.ts'
import { PresenceFanOut, type PresenceRecipient } from '../../server/room/presenceFanOut.ts'

const farIntervalMs = 2000

/** A browser behind a socket: keeps what it received in its own awareness, as our client does. */
class Recipient implements PresenceRecipient {
  readonly awarenessClientIds = new Set<number>()
  readonly view = new Awareness(new Y.Doc())
  readonly kinds: string[] = []
  bytes = 0
  constructor(readonly presencePatches: boolean) {
    this.view.setLocalState(null)
  }
  send(message: Uint8Array): void {
    this.bytes += message.byteLength
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === messageAwareness) {
      this.kinds.push('full')
      applyAwarenessUpdate(this.view, decoding.readVarUint8Array(decoder), 'relay')
    } else if (type === messagePresencePatch) {
      this.kinds.push('patch')
      expect(applyPatchEntries(this.view, readPatchEntries(decoder), 'relay')).toBe(true)
    } else throw new Error(`unexpected message ${type}`)
  }
  cursorOf(clientId: number): unknown {
    return (this.view.getStates().get(clientId)?.presence as { cursor?: unknown } | undefined)?.cursor
  }
}

function setup() {
  const relay = new Awareness(new Y.Doc())
  relay.setLocalState(null)
  const people = new Map<number, Awareness>()
  /** Someone's presence reaching the relay: cursor at (x, y) on a page, looking at (0, 0) on 1000 × 800. */
  const publish = (clientId: number, x: number, y: number, pageId = 'page:plenum') => {
    let own = people.get(clientId)
    if (!own) {
      const doc = new Y.Doc()
      doc.clientID = clientId
      own = new Awareness(doc)
      people.set(clientId, own)
    }
    own.setLocalState({
      presence: {
        userName: `Person ${clientId}`,
        cursor: { x, y, type: 'default', rotation: 0 },
        camera: { x: 0, y: 0, z: 1 },
        screenBounds: { x: 0, y: 0, w: 1000, h: 800 },
        currentPageId: pageId,
        lastActivityTimestamp: x * 1000 + y,
        selectedShapeIds: [],
      },
    })
    applyAwarenessUpdate(relay, encodeAwarenessUpdate(own, [clientId]), 'client')
    return clientId
  }
  return { relay, publish, fanOut: new PresenceFanOut(relay, { farIntervalMs }) }
}

describe('presence fan-out', () => {
  it('sends cursors near a recipient’s view as patches at once, and far ones at most every interval', () => {
    const { relay, publish, fanOut } = setup()
    const viewer = new Recipient(true)
    const plain = new Recipient(false)
    viewer.awarenessClientIds.add(publish(1, 500, 400))
    const near = publish(2, 600, 300)
    const far = publish(3, 20_000, 20_000)
    const elsewhere = publish(4, 500, 400, 'page:gruppe')

    expect(fanOut.fanOut([viewer, plain], new Set([1, near, far, elsewhere]), 0)).toBeNull()
    // Everyone once, in full: the people list knows them all.
    expect([...viewer.view.getStates().keys()].sort()).toEqual([near, far, elsewhere])
    expect(viewer.kinds).toEqual(['full'])

    publish(near, 610, 310)
    publish(far, 20_010, 20_010)
    publish(elsewhere, 510, 410, 'page:gruppe')
    const due = fanOut.fanOut([viewer, plain], new Set([near, far, elsewhere]), 40)
    expect(due).toBe(farIntervalMs - 40)
    expect(viewer.kinds).toEqual(['full', 'patch'])
    expect(viewer.cursorOf(near)).toMatchObject({ x: 610, y: 310 })
    expect(viewer.cursorOf(far)).toMatchObject({ x: 20_000 })
    expect(viewer.cursorOf(elsewhere)).toMatchObject({ x: 500 })
    // A plain y-websocket client gets every change whole, at once.
    expect(plain.cursorOf(far)).toMatchObject({ x: 20_010 })
    expect(plain.cursorOf(elsewhere)).toMatchObject({ x: 510 })

    publish(far, 20_020, 20_020)
    fanOut.fanOut([viewer, plain], new Set([far]), 1000)
    expect(viewer.cursorOf(far)).toMatchObject({ x: 20_000 })
    // Due: the far ones arrive with their newest state.
    expect(fanOut.fanOut([viewer, plain], new Set(), farIntervalMs)).toBeNull()
    expect(viewer.cursorOf(far)).toMatchObject({ x: 20_020 })
    expect(viewer.cursorOf(elsewhere)).toMatchObject({ x: 510 })
    for (const id of [near, far, elsewhere]) expect(viewer.view.getStates().get(id)).toEqual(relay.getStates().get(id))
  })

  it('keeps a patched state exactly the relay’s over many moves, and tells a departure at once', () => {
    const { relay, publish, fanOut } = setup()
    const viewer = new Recipient(true)
    viewer.awarenessClientIds.add(publish(1, 500, 400))
    const near = publish(2, 0, 0)
    const far = publish(3, 50_000, 0)
    fanOut.fanOut([viewer], new Set([1, near, far]), 0)
    for (let tick = 1; tick <= 50; tick++) {
      publish(near, tick * 7, tick * 3)
      fanOut.fanOut([viewer], new Set([near]), tick * 40)
      expect(viewer.view.getStates().get(near)).toEqual(relay.getStates().get(near))
    }
    expect(viewer.kinds.filter((k) => k === 'patch')).toHaveLength(50)
    removeAwarenessStates(relay, [far], 'left')
    fanOut.fanOut([viewer], new Set([far]), 2040)
    expect(viewer.view.getStates().has(far)).toBe(false)
  })

  it('sends a whole state where the recipient holds another base than the patch’s', () => {
    const { relay, publish, fanOut } = setup()
    const viewer = new Recipient(true)
    viewer.awarenessClientIds.add(publish(1, 500, 400))
    const near = publish(2, 0, 0)
    fanOut.fanOut([viewer], new Set([1, near]), 0)
    publish(near, 5, 5)
    const latecomer = new Recipient(true)
    latecomer.awarenessClientIds.add(publish(5, 500, 400))
    // The latecomer is sent every state when it connects, the moved one included.
    latecomer.send(encodeAwareness(encodeAwarenessUpdate(relay, [...relay.getStates().keys()])))
    fanOut.sentAll(latecomer, 10)
    fanOut.fanOut([viewer, latecomer], new Set([near, 5]), 40)
    expect(viewer.kinds).toEqual(['full', 'full', 'patch'])
    // It holds the newest clock already: nothing more to send of that one.
    expect(latecomer.kinds).toEqual(['full'])
  })
})
