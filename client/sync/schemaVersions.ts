/** Comparing tldraw SerializedSchemas, to tell an old board from one written by a newer client. */
import type { SerializedSchema } from 'tldraw'

/** Sequence id → version, for both serialized schema formats tldraw has used. */
export function schemaSequenceVersions(schema: SerializedSchema): Map<string, number> {
  const versions = new Map<string, number>()
  if (schema.schemaVersion === 2) {
    for (const [sequenceId, version] of Object.entries(schema.sequences)) {
      versions.set(sequenceId, version)
    }
  }
  // Version 1 schemas predate sequences; any current client migrates them up, never down.
  return versions
}

/** Sequences in `stored` that are ahead of `current`: data this client cannot understand. */
export function sequencesAhead(stored: SerializedSchema, current: SerializedSchema): string[] {
  const ours = schemaSequenceVersions(current)
  const ahead: string[] = []
  for (const [sequenceId, version] of schemaSequenceVersions(stored)) {
    const ourVersion = ours.get(sequenceId)
    // A sequence we do not know at all comes from a custom shape or a newer tldraw.
    if (ourVersion === undefined ? version > 0 : version > ourVersion) ahead.push(sequenceId)
  }
  return ahead
}
