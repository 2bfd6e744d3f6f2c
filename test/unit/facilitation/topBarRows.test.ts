/**
 * The top bar's one row (client/facilitation/topBarRows.ts): its controls as wide as they are at
 * their narrowest, with the gaps between them, against the room between the menu and the share zone.
 */
import { describe, expect, it } from 'vitest'
import { fitsOneRow } from '../../../client/facilitation/topBarRows.ts'

describe("the top bar's one row", () => {
  it('holds controls and gaps that fill the room exactly, or a sub-pixel over', () => {
    expect(fitsOneRow([100, 90, 130, 150], 6, 488)).toBe(true)
    expect(fitsOneRow([100.3, 90.2, 130, 150], 6, 488)).toBe(true)
  })

  it('takes a second row when they need a pixel more: „Moderation folgen“ would run under „Vorlagen“', () => {
    expect(fitsOneRow([100, 90, 130, 150], 6, 487)).toBe(false)
  })

  it('holds one control without a gap, and nothing at all', () => {
    expect(fitsOneRow([200], 6, 200)).toBe(true)
    expect(fitsOneRow([], 6, 0)).toBe(true)
  })
})
