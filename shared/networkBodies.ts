/**
 * A network's bodies (Gremien): who meets on a board. The whole network and its steering group
 * are in every network; its Fachgruppen and Arbeitsgruppen are named by the coordinator, and a
 * board carries such a name as written. The Fahrplan filters by them.
 */
import { z } from 'zod'
import { pick, type Labels, type Locale } from './locale.ts'

/** The two bodies every network has, stored by these keys; any other non-empty body is a group's own name. */
export const standingBodies = ['gesamtnetzwerk', 'steuerungsgruppe'] as const
export type StandingBody = (typeof standingBodies)[number]

const standingLabels: Record<StandingBody, Labels> = {
  gesamtnetzwerk: { de: 'Gesamtnetzwerk', en: 'Whole network' },
  steuerungsgruppe: { de: 'Steuerungsgruppe', en: 'Steering group' },
}

export const maxBodyNameLength = 80

/** '' (not said), a standing body's key or a group's name. */
export const NetworkBodyName = z.string().trim().max(maxBodyNameLength, `a body's name has at most ${maxBodyNameLength} characters`)

export const isStandingBody = (body: string): body is StandingBody => (standingBodies as readonly string[]).includes(body)

/** The body as people read it: a standing body in the reader's language, a group's name as written. */
export const bodyLabel = (body: string, locale: Locale): string => (isStandingBody(body) ? pick(standingLabels[body], locale) : body)
