/**
 * One reading of a written date for the Bis wann, review dates and a meeting's date
 * (shared/results/writtenDate.ts): the same text names the same day in each.
 */
import { describe, expect, it } from 'vitest'
import { dueDay } from '../../shared/results/dueDay.ts'
import { writtenDay } from '../../shared/results/meetingHead.ts'
import { reviewDayIn } from '../../shared/results/reviewDay.ts'
import { reviewDayKey } from '../../shared/results/reviewDays.ts'
import { writtenDate } from '../../shared/results/writtenDate.ts'

describe('a date as people write it', () => {
  it.each<[string, ReturnType<typeof writtenDate>]>([
    ['Sitzung am 24.11.2026', { year: '2026', month: 11, day: 24 }],
    ['24.11.26', { year: '2026', month: 11, day: 24 }],
    ['2026-11-24', { year: '2026', month: 11, day: 24 }],
    ['bis 3.12.', { year: null, month: 12, day: 3 }],
    ['bald', null],
  ])('reads „%s“', (text, date) => {
    expect(writtenDate(text)).toEqual(date)
  })

  it('with a year needed, skips a date without one for the next that has it', () => {
    expect(writtenDate('1.3. oder 15.03.2027', { yearNeeded: true })).toEqual({ year: '2027', month: 3, day: 15 })
  })

  it('names the same day for a task, a review and a meeting', () => {
    for (const text of ['24.11.2026', 'am 24.11.26', '2026-11-24']) {
      expect(dueDay(text, '2026-11-01'), text).toBe('2026-11-24')
      expect(reviewDayIn(text), text).toBe('2026-11-24')
      expect(reviewDayKey(text), text).toBe('2026-11-24')
      expect(writtenDay(text), text).toBe('2026-11-24')
    }
    // A meeting on no calendar's day is no meeting day.
    expect(writtenDay('31.13.2026')).toBeNull()
    expect(reviewDayKey('15.3.')).toBe('--03-15')
  })
})
