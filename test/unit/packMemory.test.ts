/**
 * What a network keeps of its packs (server/documents/packMemory.ts): a pack compares with the last pack made
 * on an earlier day, so the Markdown, PDF and CSV downloaded on one day say the same.
 */
import { describe, expect, it } from 'vitest'
import { nearToday, previousPack, rememberPack } from '../../server/documents/packMemory.ts'

describe('the pack memory', () => {
  it('has nothing to compare with before the first pack, or when what is kept does not read', () => {
    expect(previousPack(undefined, '2026-10-08')).toBeUndefined()
    expect(previousPack('{"last":', '2026-10-08')).toBeUndefined()
    expect(previousPack(JSON.stringify({ last: { day: 'gestern', open: [] } }), '2026-10-08')).toBeUndefined()
  })

  it('compares every pack of one day with the last pack of an earlier day', () => {
    const october = rememberPack(undefined, '2026-10-08', ['a', 'b'])
    expect(previousPack(october, '2026-10-08')).toBeUndefined()
    // The Markdown of 26.11., then its PDF: both compare with 8.10.
    const md = rememberPack(october, '2026-11-26', ['b'])
    expect(previousPack(md, '2026-11-26')).toEqual({ day: '2026-10-08', open: ['a', 'b'] })
    const pdf = rememberPack(md, '2026-11-26', ['b'])
    expect(previousPack(pdf, '2026-11-26')).toEqual({ day: '2026-10-08', open: ['a', 'b'] })
    // The next month's pack compares with 26.11.
    expect(previousPack(pdf, '2026-12-17')).toEqual({ day: '2026-11-26', open: ['b'] })
  })

  it('remembers only a pack of about today: a day chosen far off would push the real last pack out', () => {
    const noon = Date.parse('2026-11-26T12:00:00Z')
    expect(nearToday('2026-11-26', noon)).toBe(true)
    // A reader east or west of the server sees another date.
    expect(nearToday('2026-11-27', noon)).toBe(true)
    expect(nearToday('2026-11-25', noon)).toBe(true)
    expect(nearToday('2099-01-01', noon)).toBe(false)
    expect(nearToday('2026-10-08', noon)).toBe(false)
  })
})
