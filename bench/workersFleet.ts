/**
 * The workshop groups of `workers.ts`, in processes of their own (fork): many boards, each with
 * six people moving their cursor at `hz` with a presence of ~480 bytes, two of them writing a
 * sticky note every `noteEveryMs`. One process, the crowd, holds everyone who is not measured;
 * another, the probe, holds the observers (one on each board the bench chooses), which move their
 * cursor like the others and note when each note and cursor state arrives. On a board without an
 * observer, its sixth person is in the crowd as well: the relay gets the same load either way.
 * Send times are stamped into what is sent (wall clock with sub-ms resolution), so latencies are
 * end to end: from the sender's stamp in the crowd to the observer's receipt in the probe.
 *
 * The load generator shares the machine's two cores with the relay it loads, so the crowd is
 * made as cheap as the protocol allows: its clients speak websocket on bare TCP sockets (one
 * write per message, frames masked with a zero key, which the relay unmasks as it would any
 * other), read into one shared buffer (`onread`), and once synced read only every
 * `drainEveryMs` (what arrived meanwhile waits in the kernel; the relay's writes are the same),
 * skipping every frame's payload and answering only pings. Messages are stamped in the finished
 * frame just before the write, so the sender's own encoding is not counted as latency. The
 * observers keep a Y.Doc each (notes are read from the document, as a client would) and read the
 * sender's stamp from each awareness entry's JSON.
 */
import * as decoding from 'lib0/decoding'
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { pathToFileURL } from 'node:url'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { getRecordsMap, readRecord } from '../shared/board/records.ts'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate, messageAwareness, messageSync, syncStep1, syncStep2 } from '../shared/protocol.ts'
import { presenceJson } from '../test/helpers/presence.ts'
import { awarenessMessage, editorNotes, type Note } from './fanOutFleet.ts'
import { wallNow } from './servers/launch.ts'

/** Awareness client ids: board b's people are b * idsPerBoard + 1 … + 6; the observer is the first. */
export const idsPerBoard = 8
export const clientId = (board: number, slot: number) => board * idsPerBoard + slot + 1
export const boardOfClient = (id: number) => Math.floor((id - 1) / idsPerBoard)

export interface BoardOrder {
  index: number
  /** The board's websocket URL with its participant token. */
  url: string
  /** An observer is on it (in the probe); otherwise its sixth person is in the crowd as well. */
  observed: boolean
}

export interface FleetSetup {
  role: 'crowd' | 'probe'
  /** People per board, the observer included where there is one (slot 0, in the probe). */
  peoplePerBoard: number
  /** How many of the crowd's people on a board write notes (the first ones). */
  editorsPerBoard: number
  /** The crowd reads its sockets at most this often (each read takes what has arrived). */
  drainEveryMs: number
  hz: number
  noteEveryMs: number
  /** Notes pre-generated per editor: enough for the whole run. */
  notesPerEditor: number
  connectTimeoutMs: number
}

export interface WindowReport {
  /** This process' CPU within the window, in percent of one core. */
  cpuPercent: number
  /** Cursor states sent within the window by this process' people. */
  cursorStatesSent: number
  /** What the window should have held at `hz` for everyone connected. */
  cursorStatesIntended: number
  notesSent: number
  notesIntended: number
  /** Notes sent in the window on boards with an observer. */
  notesSentObserved: number
  /** Crowd: cursor states sent in the window on boards with an observer, flat: clientId, clock, sentAt, … */
  cursorsSent: number[]
  /** Probe: notes sent in the window that reached the observers, flat: sentAt, latency, … */
  notesReceived: number[]
  /** Probe: cursor states sent from the window's start on that reached the observers, flat: senderId, clock, sentAt, receivedAt, … */
  cursorsReceived: number[]
  /** Sockets that closed after connecting so far, by close code. */
  closeCodes: Record<string, number>
}

export type FleetCommand =
  | { type: 'setup'; setup: FleetSetup }
  | { type: 'add'; boards: BoardOrder[] }
  | { type: 'window'; start: number; end: number; reportAt: number }
  | { type: 'stop' }
export type FleetMessage =
  | { type: 'added'; connected: number; failed: number; failures: Record<string, number> }
  | { type: 'window'; report: WindowReport }
  | { type: 'stopped' }

/** What every person has: a cursor moving at `hz`, and maybe notes to write. */
interface Person {
  id: number
  observed: boolean
  clock: number
  cursor: { x: number; y: number }
  camera: { x: number; y: number }
  nextCursorAt: number
  notes?: Note[]
  nextNote: number
  nextNoteAt: number
  isOpen(): boolean
  /** Sends one y-websocket message, stamped by `stamp` as late as possible; returns the stamp. */
  send(message: Uint8Array, stamp: Stamp): number
}

/** Writes the send time into a message's frame just before it is written to the socket; returns it. */
type Stamp = (frame: Buffer) => number

/**
 * A presence holds its stamp as JSON text: made with this placeholder (17 characters, like every
 * wall-clock time in ms with three decimals until the year 2286), which is overwritten in the
 * finished frame. Stamping last keeps the sender's own encoding out of the latency.
 */
const stampPlaceholder = 1_000_000_000_000.125
const stampText = String(stampPlaceholder)
const stampCursor: Stamp = (frame) => {
  const at = frame.lastIndexOf(stampText, undefined, 'latin1')
  const text = wallNow().toFixed(3)
  if (at < 0 || text.length !== stampText.length) throw new Error('cannot stamp the presence')
  frame.write(text, at, 'latin1')
  return Number(text)
}

/** A note's stamp is a float64 in its update (`editorNotes`), which ends its frame. */
const stampNote =
  (update: Uint8Array, stampAt: number): Stamp =>
  (frame) => {
    const sentAt = wallNow()
    new DataView(frame.buffer, frame.byteOffset, frame.length).setFloat64(frame.length - update.length + stampAt, sentAt)
    return sentAt
  }

/** A presence shaped like our client's (~480 bytes) with the stamp placeholder. */
function presence(id: number, cursor: { x: number; y: number }, camera: { x: number; y: number }): string {
  const person = { clientId: id, clock: 0, name: `Teilnehmende ${id % 1000}`, cursor, view: { x: -camera.x, y: -camera.y, w: 1440, h: 900 } }
  return presenceJson(person, Date.now(), { sentAt: stampPlaceholder })
}

const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc())
const notePrefix = 'shape:fan-'

// ---------------------------------------------------------------------------------------------
// The crowd's websocket client on a bare TCP socket.

/** A client frame: binary (or `opcode`), FIN, masked with a zero key (the payload unchanged). */
function clientFrame(payload: Uint8Array, opcode = 2): Buffer {
  const length = payload.length
  const header = length < 126 ? 6 : length < 65_536 ? 8 : 14
  const frame = Buffer.allocUnsafe(header + length)
  frame[0] = 0x80 | opcode
  if (length < 126) frame[1] = 0x80 | length
  else if (length < 65_536) {
    frame[1] = 0x80 | 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 0x80 | 127
    frame.writeUInt32BE(0, 2)
    frame.writeUInt32BE(length, 6)
  }
  frame.writeUInt32BE(0, header - 4)
  frame.set(payload, header)
  return frame
}

/** Every crowd socket reads into this one buffer (`onread`): nothing is allocated per read. */
const readBuffer = Buffer.allocUnsafe(256 * 1024)

/** Synced crowd sockets stop reading after each read; all are started again every `drainEveryMs`. */
const resting = new Set<RawClient>()
let drainer: NodeJS.Timeout | null = null
function drainEvery(ms: number): void {
  drainer ??= setInterval(() => {
    for (const client of resting) client.resume()
    resting.clear()
  }, ms)
}

class RawClient {
  private readonly socket: Socket
  private upgraded = false
  private head = ''
  /** Bytes of an incomplete frame (header, or a payload that must be read whole). */
  private pending: Buffer | null = null
  /** Payload bytes still to skip of the frame being drained. */
  private skip = 0
  synced = false
  open = false
  closeCode: number | null = null

  constructor(
    url: URL,
    private readonly events: { synced(): void; failed(why: string): void; closed(code: number): void },
  ) {
    this.socket = connect({
      port: Number(url.port),
      host: url.hostname,
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (bytes: number, buffer: Uint8Array) => {
          this.data(Buffer.from(buffer.buffer, buffer.byteOffset, bytes))
          // Once synced, what arrives is only counted by the relay's sends: read it in batches.
          if (!this.synced || !this.open) return true
          resting.add(this)
          return false
        },
      },
    })
    this.socket.on('connect', () => {
      this.socket.write(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
    })
    this.socket.on('error', (error) => {
      if (!this.synced) this.events.failed(`socket: ${(error as NodeJS.ErrnoException).code ?? error.message}`)
    })
    this.socket.on('close', () => {
      const wasOpen = this.open
      this.open = false
      if (!this.synced) this.events.failed(this.closeCode === null ? 'closed before sync' : `closed ${this.closeCode} before sync`)
      else if (wasOpen) this.events.closed(this.closeCode ?? 1006)
    })
  }

  send(message: Uint8Array, stamp: Stamp): number {
    const frame = clientFrame(message)
    const sentAt = stamp(frame)
    if (this.open) this.socket.write(frame)
    return sentAt
  }

  destroy(): void {
    this.open = false
    resting.delete(this)
    this.socket.destroy()
  }

  resume(): void {
    if (this.open) this.socket.resume()
  }

  private data(chunk: Buffer): void {
    if (!this.upgraded) {
      this.head += chunk.toString('latin1')
      const end = this.head.indexOf('\r\n\r\n')
      if (end < 0) return
      const status = this.head.slice(0, this.head.indexOf('\r\n'))
      if (!status.startsWith('HTTP/1.1 101')) {
        this.events.failed(status)
        return void this.socket.destroy()
      }
      this.upgraded = true
      this.open = true
      const rest = Buffer.from(this.head.slice(end + 4), 'latin1')
      this.head = ''
      this.socket.write(clientFrame(encodeSyncStep1(new Uint8Array([0]))))
      if (rest.length === 0) return
      chunk = rest
    }
    this.frames(chunk)
  }

  /** Walks the frames in `chunk`: pings and closes always, whole messages until synced, then only headers. */
  private frames(chunk: Buffer): void {
    let buffer = chunk
    let at = 0
    if (this.pending) {
      buffer = Buffer.concat([this.pending, chunk])
      this.pending = null
    } else if (this.skip > 0) {
      at = Math.min(this.skip, buffer.length)
      this.skip -= at
    }
    while (at < buffer.length) {
      if (buffer.length - at < 2) break
      const first = buffer[at]
      const second = buffer[at + 1]
      let length = second & 0x7f
      let header = 2
      if (length === 126) {
        if (buffer.length - at < 4) break
        length = buffer.readUInt16BE(at + 2)
        header = 4
      } else if (length === 127) {
        if (buffer.length - at < 10) break
        length = buffer.readUInt32BE(at + 2) * 2 ** 32 + buffer.readUInt32BE(at + 6)
        header = 10
      }
      if (second & 0x80) header += 4 // the server does not mask, but a masked frame is still a frame
      const opcode = first & 0x0f
      const start = at + header
      if (opcode >= 8 || !this.synced) {
        if (buffer.length < start + length) break
        this.frame(opcode, buffer.subarray(start, start + length))
        at = start + length
      } else if (buffer.length - start >= length) {
        at = start + length
      } else {
        this.skip = length - (buffer.length - start)
        at = buffer.length
      }
    }
    if (at < buffer.length) this.pending = Buffer.from(buffer.subarray(at))
  }

  private frame(opcode: number, payload: Buffer): void {
    if (opcode === 9) return void this.socket.write(clientFrame(payload, 0xa))
    if (opcode === 8) {
      this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
      this.open = false
      return void this.socket.end()
    }
    if (opcode !== 2 || this.synced) return
    // The sync handshake: answer the relay's step 1 with an empty step 2; its step 2 means synced.
    const decoder = decoding.createDecoder(payload)
    if (decoding.readVarUint(decoder) !== messageSync) return
    const step = decoding.readVarUint(decoder)
    if (step === syncStep1) this.socket.write(clientFrame(encodeSyncStep2(emptyUpdate)))
    else if (step === syncStep2) {
      this.synced = true
      this.events.synced()
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The probe's observers: a Y.Doc for the notes, the awareness entries read for their stamps.

/** The `sentAt` a presence state carries (the bench's stamp), without parsing the whole JSON. */
function sentAtOf(state: string): number | undefined {
  const at = state.lastIndexOf('"sentAt":')
  if (at >= 0) {
    const value = Number.parseFloat(state.slice(at + 9))
    if (Number.isFinite(value)) return value
  }
  if (state === 'null') return undefined
  try {
    const parsed = JSON.parse(state) as { sentAt?: unknown } | null
    return typeof parsed?.sentAt === 'number' ? parsed.sentAt : undefined
  } catch {
    return undefined
  }
}

class Fleet {
  private readonly people: Person[] = []
  private setup!: FleetSetup
  private notes: Note[][] = []
  private ticker: NodeJS.Timeout | null = null
  private lastTick = 0
  private nextPerson = 0
  private editors = 0
  private stopped = false
  private readonly closeCodes: Record<string, number> = {}
  /** Sends in the current window (crowd) and arrivals since the window began (probe). */
  private window = { start: Infinity, end: Infinity }
  private cursorsSent: number[] = []
  private cursorStatesSent = 0
  private notesSent = 0
  private notesSentObserved = 0
  private noteArrivals: number[] = [] // sentAt, latency, …
  private cursorsReceived: number[] = []

  configure(setup: FleetSetup): void {
    this.setup = setup
    this.notes = Array.from({ length: setup.editorsPerBoard }, (_, editor) => editorNotes(editor, setup.notesPerEditor))
    this.ticker = setInterval(() => this.tick(), 5)
    if (setup.role === 'crowd') drainEvery(setup.drainEveryMs)
  }

  /** Connects everyone of these boards, a few at a time; they start moving once synced. */
  async add(boards: BoardOrder[]): Promise<{ connected: number; failed: number; failures: Record<string, number> }> {
    const jobs: Array<() => Promise<string | null>> = []
    for (const board of boards) {
      if (this.setup.role === 'probe') {
        if (board.observed) jobs.push(() => this.openObserver(board))
        continue
      }
      // Slot 0 is the observer's where there is one.
      for (let slot = board.observed ? 1 : 0; slot < this.setup.peoplePerBoard; slot++) {
        const editor = slot - (board.observed ? 1 : 0)
        jobs.push(() => this.openRaw(board, slot, editor < this.setup.editorsPerBoard ? editor : null))
      }
    }
    let next = 0
    let connected = 0
    const failures: Record<string, number> = {}
    // Bounded parallelism: a burst of hundreds of upgrades at once would measure the accept queue.
    const worker = async () => {
      while (next < jobs.length) {
        const failure = await jobs[next++]()
        if (failure === null) connected++
        else failures[failure] = (failures[failure] ?? 0) + 1
      }
    }
    await Promise.all(Array.from({ length: 16 }, worker))
    return { connected, failed: jobs.length - connected, failures }
  }

  private person(board: BoardOrder, slot: number, editor: number | null, send: Person['send'], isOpen: () => boolean): Person {
    const period = 1000 / this.setup.hz
    const now = wallNow()
    const person: Person = {
      id: clientId(board.index, slot),
      observed: board.observed,
      clock: 0,
      cursor: { x: 400 + Math.random() * 600, y: 300 + Math.random() * 400 },
      camera: { x: -Math.round(Math.random() * 2000), y: -Math.round(Math.random() * 1000) },
      // Spread over the period, as people's moves are: not all in the same millisecond.
      nextCursorAt: now + Math.random() * period,
      nextNote: 0,
      nextNoteAt: now + Math.random() * this.setup.noteEveryMs,
      isOpen,
      send,
    }
    if (editor !== null) {
      person.notes = this.notes[editor]
      this.editors++
    }
    return person
  }

  private openRaw(board: BoardOrder, slot: number, editor: number | null): Promise<string | null> {
    return new Promise((resolve) => {
      const finish = firstOutcome(this.setup.connectTimeoutMs, (failure) => {
        if (failure !== null) client.destroy()
        else this.people.push(this.person(board, slot, editor, (m, stamp) => client.send(m, stamp), () => client.open))
        resolve(failure)
      })
      const client: RawClient = new RawClient(new URL(board.url), {
        synced: () => finish(null),
        failed: (why) => finish(why),
        closed: (code) => this.closed(code),
      })
    })
  }

  private openObserver(board: BoardOrder): Promise<string | null> {
    const socket = new WebSocket(board.url, { perMessageDeflate: false })
    const doc = new Y.Doc()
    const id = clientId(board.index, 0)
    getRecordsMap(doc).observe((event) => {
      const now = wallNow()
      for (const key of event.keysChanged) {
        if (!key.startsWith(notePrefix)) continue
        const sentAt = (readRecord(doc, key)?.meta as { sentAt?: number } | undefined)?.sentAt
        if (typeof sentAt === 'number' && sentAt >= this.window.start) this.noteArrivals.push(sentAt, now - sentAt)
      }
    })
    const awareness = (payload: Uint8Array, now: number) => {
      const decoder = decoding.createDecoder(payload)
      const entries = decoding.readVarUint(decoder)
      for (let i = 0; i < entries; i++) {
        const sender = decoding.readVarUint(decoder)
        const clock = decoding.readVarUint(decoder)
        const state = decoding.readVarString(decoder)
        if (sender === id) continue
        const sentAt = sentAtOf(state)
        if (sentAt !== undefined && sentAt >= this.window.start) this.cursorsReceived.push(sender, clock, sentAt, now)
      }
    }
    let synced = false
    return new Promise((resolve) => {
      const finish = firstOutcome(this.setup.connectTimeoutMs, (failure) => {
        if (failure !== null) socket.terminate()
        else {
          // Nobody measures the observers' own cursors: stamped in the message, framed by `ws` after.
          const send = (message: Uint8Array, stamp: Stamp) => {
            const sentAt = stamp(Buffer.from(message.buffer, message.byteOffset, message.length))
            socket.send(message)
            return sentAt
          }
          this.people.push(this.person(board, 0, null, send, () => socket.readyState === WebSocket.OPEN))
        }
        resolve(failure)
      })
      socket.on('error', (error) => finish(`socket: ${error.message}`))
      socket.on('unexpected-response', (_request, response) => finish(`HTTP ${response.statusCode}`))
      socket.on('close', (code) => {
        if (!synced) return finish(`closed ${code} before sync`)
        this.closed(code)
      })
      socket.on('open', () => socket.send(encodeSyncStep1(Y.encodeStateVector(doc))))
      socket.on('message', (data: Buffer) => {
        const now = wallNow()
        const decoder = decoding.createDecoder(data)
        const type = decoding.readVarUint(decoder)
        if (type === messageAwareness) return awareness(decoding.readVarUint8Array(decoder), now)
        if (type !== messageSync) return
        const reply = encoding.createEncoder()
        encoding.writeVarUint(reply, messageSync)
        const step = syncProtocol.readSyncMessage(decoder, reply, doc, 'relay')
        if (encoding.length(reply) > 1) socket.send(encoding.toUint8Array(reply))
        if (step === syncStep2 && !synced) {
          synced = true
          finish(null)
        }
      })
    })
  }

  private closed(code: number): void {
    if (!this.stopped) this.closeCodes[code] = (this.closeCodes[code] ?? 0) + 1
  }

  /**
   * Sends what is due, as independent people would: spread out. A process that gets its core late
   * (the crowd runs at the lowest priority) sends at most twice the usual rate per tick and
   * catches up over the next ticks, rather than in one burst that no group of people makes.
   */
  private tick(): void {
    const now = wallNow()
    const elapsed = this.lastTick === 0 ? 5 : Math.min(now - this.lastTick, 10)
    this.lastTick = now
    const { start, end } = this.window
    const period = 1000 / this.setup.hz
    const count = this.people.length
    const perMs = (count * this.setup.hz) / 1000 + this.editors / this.setup.noteEveryMs
    let budget = Math.ceil(2 * perMs * elapsed)
    let k = 0
    for (; k < count && budget > 0; k++) {
      const person = this.people[(this.nextPerson + k) % count]
      if (!person.isOpen()) continue
      if (now >= person.nextCursorAt) {
        budget--
        // A late timer sends once and goes on from now, rather than catching up in a burst.
        person.nextCursorAt = Math.max(person.nextCursorAt + period, now)
        person.cursor.x += (Math.random() - 0.5) * 40
        person.cursor.y += (Math.random() - 0.5) * 40
        const sentAt = person.send(awarenessMessage(person.id, ++person.clock, presence(person.id, person.cursor, person.camera)), stampCursor)
        if (sentAt >= start && sentAt <= end) {
          this.cursorStatesSent++
          if (person.observed) this.cursorsSent.push(person.id, person.clock, sentAt)
        }
      }
      if (person.notes && now >= person.nextNoteAt && person.nextNote < person.notes.length) {
        budget--
        person.nextNoteAt = Math.max(person.nextNoteAt + this.setup.noteEveryMs, now)
        // The same updates go to every board, each stamped in its own frame.
        const note = person.notes[person.nextNote++]
        const sentAt = person.send(encodeUpdate(note.update), stampNote(note.update, note.stampAt))
        if (sentAt >= start && sentAt <= end) {
          this.notesSent++
          if (person.observed) this.notesSentObserved++
        }
      }
    }
    // Next time from where the budget ran out, so that everyone gets a turn.
    if (count > 0 && k < count) this.nextPerson = (this.nextPerson + k) % count
  }

  /** Counts what is sent within [start, end] and reports at `reportAt` (after a grace for late arrivals). */
  async measure(start: number, end: number, reportAt: number): Promise<WindowReport> {
    this.window = { start, end }
    this.cursorsSent = []
    this.cursorStatesSent = 0
    this.notesSent = 0
    this.notesSentObserved = 0
    this.noteArrivals = []
    this.cursorsReceived = []
    await sleepUntil(start)
    const cpuAtStart = process.cpuUsage()
    const people = this.people.filter((p) => p.isOpen())
    await sleepUntil(end)
    const used = process.cpuUsage(cpuAtStart)
    const seconds = (end - start) / 1000
    await sleepUntil(reportAt)
    const notesReceived: number[] = []
    for (let i = 0; i < this.noteArrivals.length; i += 2) if (this.noteArrivals[i] <= end) notesReceived.push(this.noteArrivals[i], this.noteArrivals[i + 1])
    const report: WindowReport = {
      cpuPercent: Math.round(((used.user + used.system) / 1000 / (end - start)) * 100),
      cursorStatesSent: this.cursorStatesSent,
      cursorStatesIntended: Math.round(people.length * this.setup.hz * seconds),
      notesSent: this.notesSent,
      notesIntended: Math.round(people.filter((p) => p.notes).length * (1000 / this.setup.noteEveryMs) * seconds),
      notesSentObserved: this.notesSentObserved,
      cursorsSent: this.cursorsSent,
      notesReceived,
      cursorsReceived: this.cursorsReceived,
      closeCodes: { ...this.closeCodes },
    }
    this.window = { start: Infinity, end: Infinity }
    this.cursorsSent = []
    this.noteArrivals = []
    this.cursorsReceived = []
    return report
  }

  stop(): void {
    this.stopped = true
    if (this.ticker) clearInterval(this.ticker)
  }
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - wallNow())))

// As a forked child (`workers.ts`): orders and reports over IPC.
if (process.send && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const fleet = new Fleet()
  const send = (message: FleetMessage, then: () => void = () => {}) => process.send!(message, then)
  process.on('message', async (command: FleetCommand) => {
    if (command.type === 'setup') fleet.configure(command.setup)
    else if (command.type === 'add') send({ type: 'added', ...(await fleet.add(command.boards)) })
    else if (command.type === 'window') send({ type: 'window', report: await fleet.measure(command.start, command.end, command.reportAt) })
    else {
      fleet.stop()
      send({ type: 'stopped' }, () => process.exit(0))
    }
  })
  // Gone with the bench, however it ends.
  process.on('disconnect', () => process.exit(0))
}

/** `onOutcome` once: with the first outcome reported (null: connected, else why not), or 'timeout' after `ms`. */
function firstOutcome(ms: number, onOutcome: (failure: string | null) => void): (failure: string | null) => void {
  let settled = false
  const finish = (failure: string | null) => {
    if (settled) return
    settled = true
    clearTimeout(timer)
    onOutcome(failure)
  }
  const timer = setTimeout(() => finish('timeout'), ms)
  return finish
}
