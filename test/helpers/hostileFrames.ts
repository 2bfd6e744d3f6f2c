/**
 * The fuzz corpus: fast-check arbitraries for frames a hostile client with a board link could send.
 * They look valid (well-formed Yjs updates and awareness messages) but break one rule each, so
 * they reach the relay's checks instead of dying in the decoder. Keys of hostile records start
 * with `shape:evil-`: none of them may ever reach an honest client or storage.
 */
import fc from 'fast-check'
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from '../../shared/protocol.ts'
import { awarenessFrame } from './rawClients.ts'
import { deepAnyContent, encodeV1, type Content, type Id, type ItemSpec } from './updateFrames.ts'

/** What the corpus knows of the board: items that exist, to aim references at. */
export interface BoardFacts {
  /** Ids of existing items (client, clock). */
  items: Id[]
  /** Each known client's next clock. */
  clocks: Map<number, number>
}

/** Client ids no honest y-websocket client will have (theirs are random 32-bit numbers). */
const strangerClient = fc.integer({ min: 1, max: 1000 })
const evilKey = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `shape:evil-${s}`)
const value = fc.jsonValue({ maxDepth: 3 })

function existingId(facts: BoardFacts): fc.Arbitrary<Id> {
  return fc.constantFrom(...facts.items)
}

const item = (spec: ItemSpec, client: number, clock = 0) => encodeV1([{ client, clock, structs: [spec] }])

/** Well-formed updates that each break one rule of `server/judge/updateRules.ts`. */
export function hostileUpdate(facts: BoardFacts): fc.Arbitrary<{ name: string; update: Uint8Array }> {
  const named = (name: string, arb: fc.Arbitrary<Uint8Array>) => arb.map((update) => ({ name, update }))
  const known = [...facts.clocks.entries()]
  return fc.oneof(
    named(
      'zero-length item next to an existing one',
      fc.tuple(strangerClient, existingId(facts), fc.boolean()).map(([client, id, right]) =>
        item(right ? { rightOrigin: id, content: { any: [] } } : { origin: id, content: { any: [] } }, client),
      ),
    ),
    named(
      'dangling origin',
      fc.tuple(strangerClient, strangerClient, fc.nat(50)).map(([client, other, clock]) =>
        item({ origin: [other + 2000, clock], content: { any: [1] } }, client),
      ),
    ),
    named(
      'dangling parent',
      fc.tuple(strangerClient, fc.nat(50), evilKey).map(([client, clock, key]) =>
        item({ parent: [client + 3000, clock], key, content: { any: [1] } }, client),
      ),
    ),
    named(
      'clock gap',
      // Far beyond: the honest clients go on writing while the corpus runs.
      fc.tuple(fc.constantFrom(...known), fc.integer({ min: 100_000, max: 1_000_000 }), evilKey).map(([[client, next], gap, key]) =>
        item({ key, content: { any: [1] } }, client, next + gap),
      ),
    ),
    named(
      'skip over unknown clocks',
      // A client the board has never seen (a known one's clocks would be there already, and Yjs skips what it has).
      fc.tuple(strangerClient, fc.integer({ min: 1, max: 100 }), evilKey).map(([client, skip, key]) =>
        encodeV1([{ client: client + 5000, clock: 0, structs: [{ skip }, { key, content: { any: [1] } }] }]),
      ),
    ),
    named(
      'deletions for unknown clients',
      fc.array(fc.tuple(strangerClient, fc.nat(1000), fc.integer({ min: 1, max: 10_000 })), { minLength: 1, maxLength: 200 })
        .map((ranges) => encodeV1([], ranges.map(([client, clock, len]) => [client + 4000, [[clock, len]]]))),
    ),
    named(
      'deletions beyond known clocks',
      fc.tuple(fc.constantFrom(...known), fc.integer({ min: 100_000, max: 1_000_000 })).map(([[client, next], extra]) =>
        encodeV1([], [[client, [[0, next + extra]]]]),
      ),
    ),
    named(
      'deep JSON',
      fc.tuple(strangerClient, fc.integer({ min: 65, max: 3000 }), evilKey).map(([client, depth, key]) =>
        item({ key, content: deepAnyContent(depth) }, client),
      ),
    ),
    named(
      'huge JSON',
      fc.tuple(strangerClient, evilKey).map(([client, key]) => item({ key, content: { any: ['x'.repeat(1100 * 1024)] } }, client)),
    ),
    named(
      'unsupported content',
      fc.tuple(
        strangerClient,
        evilKey,
        // Text content (a Y.Text, characters, formats, embeds) has a place only in a shape's props.richText.
        fc.constantFrom<Content>(
          { string: 'text' },
          { type: 0 },
          { type: 2 },
          { type: 4 },
          { raw: [3, 1, 7] },
          { raw: [2, 1, 1, 0x31] },
          { format: ['bold', 'true'] },
          { embed: '{"hardBreak":{}}' },
        ),
      ).map(([client, key, content]) => item({ key, content }, client)),
    ),
    named(
      'unknown root',
      fc.tuple(strangerClient, fc.string({ minLength: 1, maxLength: 10 }).filter((r) => !['tldraw', 'meta', 'facilitation'].includes(r)), evilKey)
        .map(([client, root, key]) => item({ root, key, content: { any: [1] } }, client)),
    ),
    named(
      'client listed twice',
      fc.tuple(strangerClient, evilKey).map(([client, key]) => {
        const run = { client, clock: 0, structs: [{ key, content: { any: [1] } }] }
        return encodeV1([run, { ...run, clock: 1 }])
      }),
    ),
    named(
      'garbage after valid structs',
      fc.tuple(strangerClient, evilKey, fc.uint8Array({ minLength: 1, maxLength: 40 })).map(([client, key, garbage]) => {
        // A complete update (its empty delete set included), then more.
        return Uint8Array.from([...item({ key, content: { any: [1] } }, client), ...garbage])
      }),
    ),
    named(
      'truncated',
      fc.tuple(strangerClient, evilKey, fc.integer({ min: 1, max: 8 })).map(([client, key, cut]) => {
        const valid = item({ key, content: { any: [{ text: 'abcdef' }] } }, client)
        return valid.subarray(0, Math.max(1, valid.length - cut))
      }),
    ),
  )
}

/**
 * A well-formed entry from a stranger client: it passes the update rules (`checkUpdate`); whether
 * its value and the sender's role are acceptable is the board declaration's call, not tested here.
 */
export function validRecordUpdate(): fc.Arbitrary<{ name: string; update: Uint8Array; key: string }> {
  return fc.tuple(fc.integer({ min: 2_000_000, max: 3_000_000 }), fc.string({ maxLength: 8 }), value).map(([client, suffix, v]) => {
    const key = `shape:fuzz-${client}-${suffix}`
    return { name: 'valid record', key, update: encodeV1([{ client, clock: 0, structs: [{ key, content: { any: [v] } }] }]) }
  })
}

/** Awareness messages that break a limit, are not objects, or speak for someone else. */
export function hostileAwareness(foreignIds: number[]): fc.Arbitrary<{ name: string; frame: Uint8Array }> {
  const named = (name: string, arb: fc.Arbitrary<Uint8Array>) => arb.map((frame) => ({ name, frame }))
  const id = fc.integer({ min: 1, max: 2 ** 32 - 1 })
  return fc.oneof(
    named('array state', fc.tuple(id, fc.array(fc.nat())).map(([i, a]) => awarenessFrame([[i, 1, JSON.stringify(a)]]))),
    named(
      'deeply nested state',
      fc.tuple(id, fc.integer({ min: 20, max: 6000 }), fc.boolean()).map(([i, depth, array]) =>
        awarenessFrame([[i, 1, array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)]]),
      ),
    ),
    named(
      'thousands of entries',
      fc.integer({ min: 5, max: 5000 }).map((count) =>
        awarenessFrame(Array.from({ length: count }, (_, i) => [10_000 + i, 1, '{}'] as [number, number, string])),
      ),
    ),
    named('huge state', id.map((i) => awarenessFrame([[i, 1, JSON.stringify({ name: 'x'.repeat(40 * 1024) })]]))),
    named(
      'foreign id',
      fc.tuple(fc.constantFrom(...foreignIds), fc.integer({ min: 1, max: 1_000_000 })).map(([i, clock]) =>
        awarenessFrame([[i, clock, '{"presence":null,"name":"evil"}']]),
      ),
    ),
    named('not JSON', id.map((i) => awarenessFrame([[i, 1, '{evil']]))),
  )
}

/** Any of the above, as the frame a socket sends. */
export function hostileFrame(facts: BoardFacts, foreignIds: number[]): fc.Arbitrary<{ name: string; frame: Uint8Array }> {
  return fc.oneof(
    { arbitrary: hostileUpdate(facts).map(({ name, update }) => ({ name, frame: encodeUpdate(update) })), weight: 6 },
    { arbitrary: hostileAwareness(foreignIds), weight: 3 },
    {
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ name: 'random bytes', frame: bytes })),
      weight: 1,
    },
    {
      arbitrary: fc.uint8Array({ maxLength: 16 }).map((bytes) => ({ name: 'garbage state vector', frame: encodeSyncStep1(bytes) })),
      weight: 1,
    },
    {
      arbitrary: fc.uint8Array({ maxLength: 32 }).map((bytes) => ({ name: 'garbage awareness', frame: encodeAwareness(bytes) })),
      weight: 1,
    },
  )
}
