/**
 * The answer a joining client gets: the whole board, encoded once and kept. Encoding a big board
 * takes the relay's thread for long (40 ms for 5,000 notes, 160 ms for 15,000); a plenary
 * joining at once, or sockets reconnecting in a loop, would each pay that. So the encoding is
 * kept across changes too: a client that holds nothing gets the encoding as its sync step 2,
 * preceded by every update the doc took since, merged into one (Yjs holds it until the step 2 it
 * builds on arrives, and integrates it with it). Once those updates outweigh an eighth of the encoding,
 * the next asker has the board encoded afresh. A board restored in a worker comes with its
 * encoding already (`offThreadRestore.ts`).
 *
 * A client that already holds part of the board (a reconnect) gets what it misses: the structs
 * after its clocks, which is cheap in proportion to what is missing, and the board's deletions,
 * which Yjs finds by walking every struct of the board (`createDeleteSetFromStructStore`). So the
 * deletions are encoded once per change of the doc, and shared by every answer until the next
 * change: a state vector naming all but the newest change no longer walks the whole board for an
 * answer of a few bytes, asker after asker. Diffing the cached copy (`Y.diffUpdate`) instead
 * would read the whole board every time (5,000 notes: 0.5 ms against 180 ms).
 *
 * Each answer says what it cost (`workBytes`): its bytes, plus the board's stored bytes when it
 * had to walk the board, so the sync budget (`syncBudget.ts`) counts work, not only what is sent.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { encodeSyncStep2, encodeUpdate } from '../../shared/protocol.ts'

export interface SyncAnswer {
  /** To send in this order: updates the client holds until the sync step 2, which comes last. */
  messages: Uint8Array[]
  /** What building it cost, in bytes of the board: charged to the asker's address. */
  workBytes: number
}

/** Updates since the encoding are sent along until they pass this, or an eighth of the encoding, or their number passes `maxTailUpdates`. */
const minTailBytes = 256 * 1024
/** Merging them costs per update too (a dragged note writes one per frame). */
const maxTailUpdates = 2_000

export class FullStateCache {
  /** The whole board as a sync step 2 message, as it was at some change; null: encode afresh. */
  private base: Uint8Array | null = null
  /** Every update the doc took since `base`. */
  private tail: Uint8Array[] = []
  private tailBytes = 0
  /** The tail merged into one update message, until the next change. */
  private tailMessage: Uint8Array | null = null
  /** The doc's deletions as the tail of a V1 update; walked once per change. */
  private deletions: Uint8Array | null = null
  /** `since`'s last answer by the board it was asked for, until the next change: an early crowd was sent the same. */
  private caughtUp: { sent: Uint8Array; messages: Uint8Array[] } | null = null
  private readonly changed = (update: Uint8Array) => {
    this.deletions = null
    this.caughtUp = null
    if (!this.base) return
    this.tail.push(update)
    this.tailBytes += update.byteLength
    this.tailMessage = null
    if (this.tailBytes > Math.max(minTailBytes, this.base.byteLength / 8) || this.tail.length > maxTailUpdates) this.dropBase()
  }

  /**
   * `boardBytes`: the board's stored size, the cost of one walk over it. `full`: the doc's whole
   * state as a sync step 2 message, if it is at hand already (encoded in the worker that restored
   * the board, and maybe sent to joiners while the room opened: `earlyAnswers.ts`).
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly boardBytes: () => number = () => 0,
    full: Uint8Array | null = null,
  ) {
    if (full) this.base = full
    doc.on('update', this.changed)
    doc.on('afterTransaction', this.removed)
  }

  /**
   * Deleted means gone: words a change takes away (a Zettel, its text, a comment rewritten, a case
   * board's names) are still in the kept encoding and the updates since it, so the next asker gets
   * the board encoded afresh; the doc itself keeps no deleted content. Read here, before Yjs drops
   * that content; a moved Zettel's old numbers and typing that only adds keep the encoding.
   */
  private readonly removed = (transaction: Y.Transaction) => {
    if (this.base && removesWords(transaction)) this.dropBase()
  }

  /** The sync step 2 message for a client with this (decoded) state vector, and its cost. */
  answer(stateVector: Map<number, number>): SyncAnswer {
    if (!coversAnything(this.doc, stateVector)) {
      const walked = this.base === null
      const messages = this.full()
      const bytes = messages.reduce((sum, message) => sum + message.byteLength, 0)
      return { messages, workBytes: walked ? Math.max(bytes, this.boardBytes()) : bytes }
    }
    const { store } = this.doc
    // Parts not yet integrated would need Yjs's own merge: rare (the room drops them), so walked.
    if (store.pendingStructs || store.pendingDs) {
      const message = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(stateVector)))
      return { messages: [message], workBytes: message.byteLength + this.boardBytes() }
    }
    const walked = this.deletions === null
    // Only the structs section is counted up to here; an empty state vector's section is one 0 byte.
    this.deletions ??= Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.doc)).subarray(1)
    const structs = encodeStructsAfter(this.doc, stateVector)
    const update = new Uint8Array(structs.byteLength + this.deletions.byteLength)
    update.set(structs)
    update.set(this.deletions, structs.byteLength)
    const message = encodeSyncStep2(update)
    return { messages: [message], workBytes: message.byteLength + (walked ? this.boardBytes() : 0) }
  }

  /**
   * What a client that was sent `sent`, a sync step 2 message this cache started from, misses of
   * the board: the updates since, if `sent` is still the encoding kept; else the difference from
   * its state, as `answer` finds it for a reconnect: one walk of the board per change, shared by
   * every early joiner (the updates since outgrew it, or the board was restored here: rare, and charged).
   */
  since(sent: Uint8Array): SyncAnswer {
    if (sent === this.base) {
      if (this.tail.length === 0) return { messages: [], workBytes: 0 }
      this.tailMessage ??= encodeUpdate(Y.mergeUpdates(this.tail))
      return { messages: [this.tailMessage], workBytes: this.tailMessage.byteLength }
    }
    // The crowd was sent the same board: one decode of it and one message for all, charged to the first.
    if (this.caughtUp?.sent === sent) return { messages: this.caughtUp.messages, workBytes: 0 }
    const decoder = decoding.createDecoder(sent)
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    const held = Y.encodeStateVectorFromUpdate(decoding.readVarUint8Array(decoder))
    const answer = this.answer(Y.decodeStateVector(held))
    const caughtUp = { sent, messages: answer.messages }
    this.caughtUp = caughtUp
    // The crowd is seated in one burst: kept past it, the memo would hold a second copy of the board.
    setImmediate(() => this.caughtUp === caughtUp && (this.caughtUp = null))
    return { ...answer, workBytes: answer.workBytes + sent.byteLength }
  }

  /** The whole board: the updates since the encoding merged into one message, then the encoding as a sync step 2 message. */
  full(): Uint8Array[] {
    if (!this.base) {
      this.base = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc))
      this.tail = []
      this.tailBytes = 0
      this.tailMessage = null
    }
    if (this.tail.length === 0) return [this.base]
    this.tailMessage ??= encodeUpdate(Y.mergeUpdates(this.tail))
    return [this.tailMessage, this.base]
  }

  private dropBase(): void {
    this.base = null
    this.tail = []
    this.tailBytes = 0
    this.tailMessage = null
  }

  dispose(): void {
    this.doc.off('update', this.changed)
    this.doc.off('afterTransaction', this.removed)
    this.dropBase()
    this.deletions = null
  }
}

/**
 * The structs section of a V1 update with every struct the state vector lacks, as
 * `Y.encodeStateAsUpdate` writes it (yjs `writeClientsStructs`), without its deletions: in
 * proportion to the clients of the doc and what is missing, not to the board.
 */
function encodeStructsAfter(doc: Y.Doc, stateVector: Map<number, number>): Uint8Array {
  const { clients } = doc.store
  const missing = new Map<number, number>()
  for (const [client, structs] of clients) {
    const last = structs[structs.length - 1]
    const state = last.id.clock + last.length
    const known = stateVector.get(client) ?? 0
    if (state > known) missing.set(client, known)
  }
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, missing.size)
  // Higher client ids first, as Yjs writes them.
  for (const [client, from] of [...missing].sort((a, b) => b[0] - a[0])) {
    const structs = clients.get(client)!
    const clock = Math.max(from, structs[0].id.clock)
    const start = Y.findIndexSS(structs, clock)
    encoding.writeVarUint(encoder.restEncoder, structs.length - start)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, clock)
    structs[start].write(encoder, clock - structs[start].id.clock)
    for (let i = start + 1; i < structs.length; i++) structs[i].write(encoder, 0)
  }
  return encoder.toUint8Array()
}

/**
 * Whether the client holds anything of the doc's structs. If not, the answer is the whole board,
 * whatever else its state vector names (a state vector of unknown clients must not make the relay
 * encode the board afresh).
 */
function coversAnything(doc: Y.Doc, stateVector: Map<number, number>): boolean {
  for (const [client, clock] of stateVector) {
    if (clock > 0 && doc.store.clients.has(client)) return true
  }
  return false
}

/** Whether the transaction deleted content with words in it: text, a JSON value holding more than numbers, booleans and null, a whole map or text. */
function removesWords(transaction: Y.Transaction): boolean {
  let found = false
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (found || !(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted || struct.content instanceof Y.ContentFormat) return
    const { content } = struct
    found = content instanceof Y.ContentAny || content instanceof Y.ContentJSON ? content.getContent().some((value) => value !== null && typeof value !== 'number' && typeof value !== 'boolean') : true
  })
  return found
}
