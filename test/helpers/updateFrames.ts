/**
 * Hand-written Yjs updates (format V1) for tests: an honest Y.Doc never produces the hostile ones,
 * so they are spelled out struct by struct.
 */
import * as encoding from 'lib0/encoding'

export type Id = [client: number, clock: number]
export type Content =
  | { any: unknown[] }
  | { deleted: number }
  | { string: string }
  | { type: number }
  | { raw: number[] }
  /** A Y.Text's formatting attribute: its key and its value as the JSON text V1 carries (so it may be hostile). */
  | { format: [key: string, json: string] }
  /** A Y.Text's embed, as the JSON text V1 carries. */
  | { embed: string }
export interface ItemSpec {
  origin?: Id
  rightOrigin?: Id
  root?: string
  parent?: Id
  key?: string
  content: Content
}
export type StructSpec = ItemSpec | { gc: number } | { skip: number }
export interface ClientSpec {
  client: number
  clock: number
  structs: StructSpec[]
}

const contentRef = (content: Content) =>
  'deleted' in content
    ? 1
    : 'string' in content
      ? 4
      : 'embed' in content
        ? 5
        : 'format' in content
          ? 6
          : 'type' in content
            ? 7
            : 'any' in content
              ? 8
              : content.raw[0]

export function encodeV1(clients: ClientSpec[], deletes: Array<[client: number, ranges: Id[]]> = []): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, clients.length)
  for (const { client, clock, structs } of clients) {
    encoding.writeVarUint(e, structs.length)
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, clock)
    for (const struct of structs) {
      if ('gc' in struct) {
        encoding.writeUint8(e, 0)
        encoding.writeVarUint(e, struct.gc)
        continue
      }
      if ('skip' in struct) {
        encoding.writeUint8(e, 10)
        encoding.writeVarUint(e, struct.skip)
        continue
      }
      const ownParent = !struct.origin && !struct.rightOrigin
      const info =
        contentRef(struct.content) | (struct.origin ? 0x80 : 0) | (struct.rightOrigin ? 0x40 : 0) | (ownParent && struct.key ? 0x20 : 0)
      encoding.writeUint8(e, info)
      for (const id of [struct.origin, struct.rightOrigin]) {
        if (!id) continue
        encoding.writeVarUint(e, id[0])
        encoding.writeVarUint(e, id[1])
      }
      if (ownParent) {
        if (struct.parent) {
          encoding.writeVarUint(e, 0)
          encoding.writeVarUint(e, struct.parent[0])
          encoding.writeVarUint(e, struct.parent[1])
        } else {
          encoding.writeVarUint(e, 1)
          encoding.writeVarString(e, struct.root ?? 'tldraw')
        }
        if (struct.key) encoding.writeVarString(e, struct.key)
      }
      const { content } = struct
      if ('any' in content) {
        encoding.writeVarUint(e, content.any.length)
        for (const value of content.any) encoding.writeAny(e, value as encoding.AnyEncodable)
      } else if ('deleted' in content) encoding.writeVarUint(e, content.deleted)
      else if ('string' in content) encoding.writeVarString(e, content.string)
      else if ('type' in content) encoding.writeVarUint(e, content.type)
      else if ('embed' in content) encoding.writeVarString(e, content.embed)
      else if ('format' in content) {
        encoding.writeVarString(e, content.format[0])
        encoding.writeVarString(e, content.format[1])
      }
      else encoding.writeUint8Array(e, Uint8Array.from(content.raw.slice(1)))
    }
  }
  encoding.writeVarUint(e, deletes.length)
  for (const [client, ranges] of deletes) {
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, ranges.length)
    for (const [clock, len] of ranges) {
      encoding.writeVarUint(e, clock)
      encoding.writeVarUint(e, len)
    }
  }
  return encoding.toUint8Array(e)
}

/** A JSON value nested `depth` arrays deep, as item content bytes (too deep for lib0 to write). */
export const deepAnyContent = (depth: number): Content => ({
  raw: [8, 1, ...Array.from({ length: depth }, () => [117, 1]).flat(), 126],
})
