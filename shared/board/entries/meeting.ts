/**
 * The meeting's header for the Dokumentation (`facilitation/meeting`): when, where, who
 * moderated. Short lines the facilitator types; the board's title names the meeting.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

/** A line of the header: a date, a town and a room, two names. */
export const maxMeetingLine = 120

const line = z.string().max(maxMeetingLine)

export const MeetingHeader = z.object({
  /** `YYYY-MM-DD`, or empty while not set. */
  date: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
  place: line,
  moderation: line,
})
export type MeetingHeader = z.infer<typeof MeetingHeader>

export const emptyMeeting: MeetingHeader = { date: '', place: '', moderation: '' }

export const meetingEntry = defineEntry({
  key: 'meeting',
  schema: MeetingHeader,
  default: emptyMeeting,
  mayWrite: isFacilitator,
})

export const readMeeting = meetingEntry.read
