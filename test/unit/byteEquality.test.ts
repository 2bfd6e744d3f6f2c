/**
 * The unit project's quick comparison of byte arrays (`test/setup/byteEquality.ts`) answers as
 * vitest's own: same class, same length, same bytes; one differing byte anywhere is a difference.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bytesEqual } from '../setup/byteEquality.ts'

describe('toEqual of byte arrays', () => {
  it('is equal for the same bytes and unequal for one byte, one more byte or another class', () => {
    const doc = new Y.Doc()
    doc.getMap('records').set('shape:a', 'Anna')
    const encoded = Y.encodeStateAsUpdate(doc)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(encoded)
    expect({ state: Y.encodeStateAsUpdate(doc) }).toStrictEqual({ state: encoded })
    for (let i = 0; i < encoded.length; i++) {
      const changed = encoded.slice()
      changed[i] ^= 1
      expect(changed, `byte ${i}`).not.toEqual(encoded)
    }
    expect(Uint8Array.of(...encoded, 0)).not.toEqual(encoded)
    expect(encoded.subarray(1)).not.toEqual(encoded)
    // A Buffer with the same bytes is another class: vitest's own walk says so too.
    expect(Buffer.from(encoded)).not.toEqual(encoded)
    expect(bytesEqual(Buffer.from(encoded), encoded)).toBe(false)
    expect(Uint8Array.of(1, 2)).toEqual(Uint8Array.of(1, 2))
    expect(new Uint16Array([1, 2])).not.toEqual(Uint8Array.of(1, 2))
  })

  it('is the comparison the unit project uses', () => {
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1))).toBe(true)
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(2))).toBe(false)
    expect(bytesEqual([1], [1])).toBeUndefined()
  })
})
