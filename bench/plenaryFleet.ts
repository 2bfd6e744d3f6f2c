/**
 * The plenary's other people, for `plenary.ts`: in a process of their own (fork) so that their
 * sockets do not share an event loop with the page being measured. Each speaks y-websocket over
 * a raw socket and publishes a presence shaped like our client's (~480 bytes), in one of several
 * group areas; the movers move their cursor at `hz`, the others renew their state every 15 s
 * as y-protocols does. They ask for patches, as our client does, and only drain what they get.
 */
import { WebSocket } from 'ws'
import { tokenQueryParam } from '../shared/access.ts'
import { presencePatchParam } from '../shared/presencePatch.ts'
import { encodeSyncStep1 } from '../shared/protocol.ts'
import { presenceFrame, type FakePerson } from '../test/helpers/presence.ts'

export interface FleetOrders {
  wsUrl: string
  boardId: string
  token: string
  people: number
  movers: number
  hz: number
  areas: Area[]
}

/** A group area on the page, and the screen people there look at it with. */
export interface Area {
  x: number
  y: number
  w: number
  h: number
}

export interface FleetCounts {
  connected: number
  closed: number
  awarenessSent: number
}

interface Person extends FakePerson {
  socket: WebSocket
}

async function run(orders: FleetOrders): Promise<{ stop(): FleetCounts }> {
  const counts: FleetCounts = { connected: 0, closed: 0, awarenessSent: 0 }
  const url = `${orders.wsUrl}/${orders.boardId}?${tokenQueryParam}=${encodeURIComponent(orders.token)}&${presencePatchParam.name}=${presencePatchParam.value}`
  const people: Person[] = []
  for (let i = 0; i < orders.people; i++) {
    // Movers spread evenly over the areas, like the idle ones.
    const area = orders.areas[i % orders.areas.length]
    const socket = new WebSocket(url)
    socket.binaryType = 'nodebuffer'
    const person: Person = {
      socket,
      clientId: 1_000_000 + i,
      clock: 0,
      view: area,
      cursor: { x: area.x + Math.random() * area.w, y: area.y + Math.random() * area.h },
      name: `Teilnehmende ${i + 1}`,
    }
    socket.on('error', () => {})
    socket.on('close', () => counts.closed++)
    socket.on('message', () => {}) // drained, not decoded
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    })
    counts.connected++
    socket.send(encodeSyncStep1(new Uint8Array([0])))
    socket.send(presenceFrame(person, Date.now()))
    people.push(person)
  }
  const movers = people.slice(0, orders.movers)
  const step = () => {
    const now = Date.now()
    for (const person of movers) {
      const { view: area, cursor } = person
      cursor.x = Math.min(area.x + area.w, Math.max(area.x, cursor.x + (Math.random() - 0.5) * 40))
      cursor.y = Math.min(area.y + area.h, Math.max(area.y, cursor.y + (Math.random() - 0.5) * 40))
      if (person.socket.readyState === WebSocket.OPEN) person.socket.send(presenceFrame(person, now))
      counts.awarenessSent++
    }
  }
  const moving = setInterval(step, 1000 / orders.hz)
  const renewing = setInterval(() => {
    for (const person of people.slice(orders.movers)) {
      if (person.socket.readyState === WebSocket.OPEN) person.socket.send(presenceFrame(person, Date.now()))
    }
  }, 15_000)
  return {
    stop() {
      clearInterval(moving)
      clearInterval(renewing)
      for (const person of people) person.socket.terminate()
      return counts
    },
  }
}

if (process.send) {
  let fleet: { stop(): FleetCounts } | null = null
  process.on('message', async (message: { type: 'start'; orders: FleetOrders } | { type: 'stop' }) => {
    if (message.type === 'start') {
      try {
        fleet = await run(message.orders)
        process.send!({ type: 'ready' })
      } catch (error) {
        process.send!({ type: 'failed', error: String(error) })
      }
    } else {
      process.send!({ type: 'counts', counts: fleet?.stop() ?? null }, () => process.exit(0))
    }
  })
}
