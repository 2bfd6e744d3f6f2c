/**
 * The people of `fanOut.ts`, in a process of their own (fork) so that hundreds of sockets do not
 * share an event loop with the measuring. Every client speaks y-websocket over a raw `ws` socket
 * in its server's framing (`dialects.ts`): sync step 1 with an empty state vector, step 2 in
 * answer to the server's step 1, then a presence shaped like tldraw's (~500 bytes) with a moving
 * cursor at `hz`. Editors also write a sticky note every `noteEveryMs`. Observers (`observe`) keep
 * a Y.Doc and an Awareness and note when each note and cursor state arrives; everyone else reads
 * its socket and throws the data away, as a laptop that is not being measured would cost the
 * server the same.
 *
 * Send times are stamped into what is sent (`sentAt`, wall clock with sub-ms resolution), so the
 * observers in the other fleet process can compute latencies against the same clock.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { pathToFileURL } from 'node:url'
import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { authorId, writerQueryParam } from '../shared/author.ts'
import { getRecordsMap, readRecord, writeRecord, type StoredRecord } from '../shared/board/records.ts'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate, messageAwareness, messageSync, syncStep1, syncStep2 } from '../shared/protocol.ts'
import { noteRecord, noteText, putRecord, recordUpdates } from './board.ts'
import { dialectFor, type Dialect, type ServerKind } from './dialects.ts'
import { wallNow } from './servers/launch.ts'
import { presenceJson as fakePresenceJson } from '../test/helpers/presence.ts'
import { awarenessFrame } from '../test/helpers/rawClients.ts'

export interface FleetOrders {
  kind: ServerKind
  url: string
  docName: string
  clients: number
  /** Awareness client ids are firstId, firstId + 1, …: distinct across the fleet processes. */
  firstId: number
  editors: number
  observe: boolean
  /** Cursor moves per second per client; 0: none. */
  hz: number
  noteEveryMs: number
  /**
   * Editors drag one note each (a small update: its position and stamp) instead of writing new
   * ones. The note is signed by its editor (a `writer` secret, `meta.author`): the stamp is in its
   * meta, which only its author may change while others' Zettel are protected (the default).
   */
  moves?: boolean
  /** Notes pre-generated per editor: enough for the whole run. */
  notesPerEditor: number
  connectTimeoutMs: number
  /** Offer permessage-deflate as browsers do (ws's default offer); else plain frames only. */
  deflate?: boolean
}

export interface FleetReport {
  connected: number
  failed: number
  /** Sockets that closed after connecting, before the end, by close code. */
  closeCodes: Record<string, number>
  /** This process' CPU within the window, in percent of one core. */
  cpuPercent: number
  /** Bytes its sockets read from the wire within the window (frames as sent, compressed or not). */
  wireBytesInWindow: number
  notesSent: number
  /** Notes (or moves) sent from the start to the stop, in and outside the window. */
  notesSentInAll: number
  /** Cursor states sent within the window, flat: clientId, clock, sentAt, … */
  cursorsSent: number[]
  observerIds: number[]
  updateLatencies: number[]
  /** Notes sent within the window that observers received, summed over observers. */
  notesReceived: number
  cursorLatencies: number[]
  /** Per observer, flat: senderId, clock, receivedAt, … of states sent from the window's start on. */
  cursorsReceived: number[][]
}

export type FleetCommand = { type: 'connect'; orders: FleetOrders } | { type: 'start'; windowStart: number; windowEnd: number } | { type: 'stop' }
export type FleetMessage = { type: 'connected'; connected: number; failed: number } | { type: 'report'; report: FleetReport }

export interface Note {
  update: Uint8Array
  /** Where the sentinel's float64 sits in the update, to be overwritten with the send time. */
  stampAt: number
}

interface Client {
  id: number
  socket: WebSocket
  clock: number
  synced: boolean
  nextCursorAt: number
  cursor: { x: number; y: number }
  camera: { x: number; y: number }
  notes?: Note[]
  nextNote: number
  nextNoteAt: number
  observer?: Observer
}

interface Observer {
  doc: Y.Doc
  awareness: awarenessProtocol.Awareness
  received: number[]
}

const emptyStateVector = new Uint8Array([0])
const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc())
const notePrefix = 'shape:fan-'

/**
 * Not representable as float32, so Yjs writes it as a float64 (type 123 + 8 bytes): a fixed
 * place in a pre-generated update where the send time fits without re-encoding anything.
 */
const sentinel = 0.123456789012345
/** Moves alternate between the two: a field written with the value it has is not written at all. */
const sentinels = [sentinel, 0.223456789012345]

function sentinelOffset(update: Uint8Array, value = sentinel): number {
  const pattern = new Uint8Array(9)
  pattern[0] = 123
  new DataView(pattern.buffer).setFloat64(1, value)
  const at = Buffer.from(update).indexOf(pattern)
  if (at < 0) throw new Error('sentinel not found in note update')
  return at + 1
}

/**
 * One editor's notes, each as the update its own transaction makes, ready to be stamped; with
 * `moves`, one note and then moves of it (its x and its stamp: about 60 bytes each).
 */
export function editorNotes(editor: number, count: number, moves = false, author?: string): Note[] {
  const doc = new Y.Doc()
  const updates = recordUpdates(doc)
  for (let k = 0; k < count; k++) {
    const sentAt = moves ? sentinels[k % 2] : sentinel
    const meta: Record<string, number | string> = author ? { sentAt, author } : { sentAt }
    const note = noteRecord(`${notePrefix}${editor}-${moves ? 0 : k}`, noteText(k), editor * 220 + (moves ? k % 2 : 0), moves ? 0 : k * 220, meta)
    if (moves && k > 0) writeRecord(getRecordsMap(doc), note as unknown as StoredRecord, [['x'], ['meta', 'sentAt']])
    else putRecord(doc, note)
  }
  doc.destroy()
  return updates.map((update, k) => ({ update, stampAt: sentinelOffset(update, moves ? sentinels[k % 2] : sentinel) }))
}

/** The note's update with `sentAt` in its meta, written in place. */
export function stamp(note: Note, sentAt: number): Uint8Array {
  new DataView(note.update.buffer, note.update.byteOffset).setFloat64(note.stampAt, sentAt)
  return note.update
}

/** A presence as tldraw publishes it (~500 bytes), stamped with its send time. */
export function presenceJson(id: number, cursor: { x: number; y: number }, camera: { x: number; y: number }, sentAt: number): string {
  const person = { clientId: id, clock: 0, name: `Teilnehmende ${id % 1000}`, cursor, view: { x: -camera.x, y: -camera.y, w: 1440, h: 900 } }
  return fakePresenceJson(person, Math.round(sentAt), { sentAt })
}

/** A y-websocket awareness message holding one client's state. */
export const awarenessMessage = (id: number, clock: number, state: string): Uint8Array => awarenessFrame([[id, clock, state]])

export class Fleet {
  private readonly clients: Client[] = []
  private readonly dialect: Dialect
  private window = { start: Infinity, end: Infinity }
  private readonly report: FleetReport = {
    connected: 0,
    failed: 0,
    closeCodes: {},
    cpuPercent: 0,
    wireBytesInWindow: 0,
    notesSent: 0,
    notesSentInAll: 0,
    cursorsSent: [],
    observerIds: [],
    updateLatencies: [],
    notesReceived: 0,
    cursorLatencies: [],
    cursorsReceived: [],
  }
  private ticker: NodeJS.Timeout | null = null
  private stopped = false

  constructor(private readonly orders: FleetOrders) {
    this.dialect = dialectFor(orders.kind, orders.docName)
  }

  /** Opens every socket, a few at a time, and resolves once each has synced or given up. */
  async connect(): Promise<{ connected: number; failed: number }> {
    const { orders } = this
    const deadline = performance.now() + orders.connectTimeoutMs
    let next = 0
    const worker = async () => {
      while (next < orders.clients) {
        const index = next++
        const ok = await this.open(index, deadline - performance.now())
        if (ok) this.report.connected++
        else this.report.failed++
      }
    }
    // Bounded parallelism: a burst of 500 upgrades at once measures the accept queue, not the server.
    await Promise.all(Array.from({ length: 20 }, worker))
    return { connected: this.report.connected, failed: this.report.failed }
  }

  private open(index: number, timeoutMs: number): Promise<boolean> {
    const { orders, dialect } = this
    const url = new URL(orders.url)
    // A dragging editor signs its note, as a browser does: its own Zettel's meta is its to change.
    const writer = orders.moves && index < orders.editors ? `w${String(orders.firstId + index).padStart(31, '0')}` : undefined
    if (writer) url.searchParams.set(writerQueryParam, writer)
    const socket = new WebSocket(url, { perMessageDeflate: orders.deflate ?? false })
    const client: Client = {
      id: orders.firstId + index,
      socket,
      clock: 0,
      synced: false,
      nextCursorAt: 0,
      cursor: { x: 400 + Math.random() * 600, y: 300 + Math.random() * 400 },
      camera: { x: -Math.round(Math.random() * 2000), y: -Math.round(Math.random() * 1000) },
      nextNote: 0,
      nextNoteAt: 0,
    }
    if (index < orders.editors) client.notes = editorNotes(index, orders.notesPerEditor, orders.moves, writer && authorId(writer, orders.docName))
    if (orders.observe) client.observer = this.observer(client)
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(false), Math.max(0, timeoutMs))
      const finish = (ok: boolean) => {
        clearTimeout(timer)
        if (!ok) socket.terminate()
        else this.joined(client)
        resolve(ok)
      }
      socket.on('error', () => finish(false))
      socket.on('close', (code) => {
        if (!client.synced) return finish(false)
        if (!this.stopped) this.report.closeCodes[code] = (this.report.closeCodes[code] ?? 0) + 1
      })
      socket.on('open', () => {
        for (const frame of dialect.hello) socket.send(frame)
        socket.send(dialect.frame(encodeSyncStep1(client.observer ? Y.encodeStateVector(client.observer.doc) : emptyStateVector)))
      })
      socket.on('message', (data: Buffer) => {
        // Once synced, only observers look at what arrives; the rest is read and dropped.
        if (client.synced && !client.observer) return
        const message = dialect.unframe(data)
        if (!message) return
        const wasSynced = client.synced
        if (client.observer) this.observe(client, message)
        else this.handshake(client, message)
        if (client.synced && !wasSynced) finish(true)
      })
    })
  }

  /** Only clients that synced count, as observers too: one that never joined saw nothing. */
  private joined(client: Client): void {
    this.clients.push(client)
    if (!client.observer) return
    this.report.observerIds.push(client.id)
    this.report.cursorsReceived.push(client.observer.received)
  }

  /** A drainer's side of the sync handshake: only the message headers are read. */
  private handshake(client: Client, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageSync) return
    const step = decoding.readVarUint(decoder)
    if (step === syncStep1) client.socket.send(this.dialect.frame(encodeSyncStep2(emptyUpdate)))
    else if (step === syncStep2) client.synced = true
  }

  private observer(client: Client): Observer {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    const received: number[] = []
    const records = getRecordsMap(doc)
    // Deep: a move changes fields inside the note's map, not the map of records.
    records.observeDeep((events) => {
      const now = wallNow()
      const keys = new Set<string>()
      for (const event of events) {
        if (event.target === records) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) keys.add(key)
        else keys.add(String(event.path[0]))
      }
      for (const key of keys) {
        if (!key.startsWith(notePrefix)) continue
        const sentAt = (readRecord(doc, key)?.meta as { sentAt?: number } | undefined)?.sentAt
        if (typeof sentAt !== 'number' || sentAt < this.window.start || sentAt > this.window.end) continue
        this.report.notesReceived++
        this.report.updateLatencies.push(now - sentAt)
      }
    })
    awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      const now = wallNow()
      for (const id of [...added, ...updated]) {
        if (id === client.id) continue
        const sentAt = (awareness.getStates().get(id) as { sentAt?: number } | undefined)?.sentAt
        if (typeof sentAt !== 'number' || sentAt < this.window.start) continue
        received.push(id, awareness.meta.get(id)!.clock, now)
        if (sentAt <= this.window.end) this.report.cursorLatencies.push(now - sentAt)
      }
    })
    return { doc, awareness, received }
  }

  /** An observer decodes everything: sync into its doc, awareness into its Awareness. */
  private observe(client: Client, message: Uint8Array): void {
    const { doc, awareness } = client.observer!
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === messageSync) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, messageSync)
      const step = syncProtocol.readSyncMessage(decoder, reply, doc, 'server')
      if (encoding.length(reply) > 1) client.socket.send(this.dialect.frame(encoding.toUint8Array(reply)))
      if (step === syncStep2) client.synced = true
    } else if (type === messageAwareness) {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server')
    }
  }

  /** Starts everyone's cursor and the editors' notes; counts what is sent within the window. */
  start(windowStart: number, windowEnd: number): void {
    this.window = { start: windowStart, end: windowEnd }
    const period = 1000 / this.orders.hz
    const now = wallNow()
    // Spread over the period, as people's moves are: not all in the same millisecond.
    for (const client of this.clients) {
      client.nextCursorAt = now + Math.random() * period
      client.nextNoteAt = now + Math.random() * this.orders.noteEveryMs
    }
    let cpuAtStart: NodeJS.CpuUsage | null = null
    let wireAtStart = 0
    setTimeout(() => {
      cpuAtStart = process.cpuUsage()
      wireAtStart = this.wireBytes()
    }, windowStart - now)
    setTimeout(() => {
      const used = process.cpuUsage(cpuAtStart ?? undefined)
      this.report.cpuPercent = Math.round(((used.user + used.system) / 1000 / (windowEnd - windowStart)) * 100)
      this.report.wireBytesInWindow = this.wireBytes() - wireAtStart
    }, windowEnd - now)
    this.ticker = setInterval(() => this.tick(period), 5)
  }

  /** What the sockets have read from TCP so far (ws keeps the net.Socket as `_socket`). */
  private wireBytes(): number {
    let sum = 0
    for (const client of this.clients) sum += (client.socket as unknown as { _socket?: { bytesRead: number } })._socket?.bytesRead ?? 0
    return sum
  }

  private tick(period: number): void {
    const now = wallNow()
    const inWindow = now >= this.window.start && now <= this.window.end
    for (const client of this.clients) {
      if (client.socket.readyState !== WebSocket.OPEN) continue
      if (this.orders.hz > 0 && now >= client.nextCursorAt) {
        // A late timer sends once and goes on from now, rather than catching up in a burst.
        client.nextCursorAt = Math.max(client.nextCursorAt + period, now)
        client.cursor.x += (Math.random() - 0.5) * 40
        client.cursor.y += (Math.random() - 0.5) * 40
        const sentAt = wallNow()
        client.socket.send(this.dialect.frame(awarenessMessage(client.id, ++client.clock, presenceJson(client.id, client.cursor, client.camera, sentAt))))
        if (inWindow) this.report.cursorsSent.push(client.id, client.clock, sentAt)
      }
      if (client.notes && now >= client.nextNoteAt && client.nextNote < client.notes.length) {
        client.nextNoteAt = Math.max(client.nextNoteAt + this.orders.noteEveryMs, now)
        const note = client.notes[client.nextNote++]
        const sentAt = wallNow()
        client.socket.send(this.dialect.frame(encodeUpdate(stamp(note, sentAt))))
        this.report.notesSentInAll++
        if (inWindow) this.report.notesSent++
      }
    }
  }

  stop(): FleetReport {
    this.stopped = true
    if (this.ticker) clearInterval(this.ticker)
    for (const client of this.clients) {
      client.socket.terminate()
      client.observer?.awareness.destroy()
    }
    return this.report
  }
}

// As a forked child (`fanOut.ts`): orders and reports over IPC.
if (process.send && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let fleet: Fleet | null = null
  const send = (message: FleetMessage) => process.send!(message)
  process.on('message', async (command: FleetCommand) => {
    if (command.type === 'connect') {
      fleet = new Fleet(command.orders)
      send({ type: 'connected', ...(await fleet.connect()) })
    } else if (command.type === 'start') {
      fleet!.start(command.windowStart, command.windowEnd)
    } else {
      const report = fleet!.stop()
      process.send!({ type: 'report', report } satisfies FleetMessage, () => process.exit(0))
    }
  })
  // Gone with the bench, however it ends.
  process.on('disconnect', () => process.exit(0))
}
