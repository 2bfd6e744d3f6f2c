/** tldraw's own validators, for the records the board declaration lets into a board. */
import { createTLSchema } from '@tldraw/tlschema'
import type { StoredRecord } from '../../shared/board/records.ts'

const schema = createTLSchema()

/** Throws unless the record is valid for its type in the tldraw version this relay ships with. */
export function validateRecord(record: StoredRecord): void {
  const type = (schema.types as Record<string, { validate(record: unknown): unknown } | undefined>)[record.typeName]
  if (!type) throw new Error('unknown record type')
  type.validate(record)
}
