/**
 * Whether this browser was asked for a name on joining a board: 'chosen' once a name was given
 * (there, in the list's prompt or in the people list), 'skipped' when the question was put off.
 * Asked once per browser, so that a projector laptop is not asked on every board; the canvas and
 * the list („Beitragen“) read the same key, so a name given in one counts for the other.
 * Without tldraw, for the list's chunk.
 */
const nameChoiceKey = 'netzwerkstatt:name'
export type NameChoice = 'chosen' | 'skipped'

export function nameChoice(): NameChoice | null {
  try {
    const stored = localStorage.getItem(nameChoiceKey)
    return stored === 'chosen' || stored === 'skipped' ? stored : null
  } catch {
    return null
  }
}

export function rememberNameChoice(choice: NameChoice): void {
  try {
    localStorage.setItem(nameChoiceKey, choice)
  } catch {
    // Storage refused (private mode): asked again next time, no harm.
  }
}

/** The organisation a name as others see it carries in its last brackets („Anna Krüger (Jobcenter)“); '' when none. */
export function organisationIn(name: string): string {
  return /\(([^()]*)\)\s*$/.exec(name)?.[1].trim() ?? ''
}

/** The name without its organisation: „Anna Krüger“. */
export const nameWithoutOrganisation = (name: string): string => name.replace(/\s*\([^()]*\)\s*$/, '').trim()

/** The name as others see it: "Anna Krüger (Jobcenter)", as the Protokoll's attendance writes it. */
export function nameWithOrganisation(name: string, organisation: string): string {
  const org = organisation.trim()
  return org ? `${name.trim()} (${org})` : name.trim()
}
