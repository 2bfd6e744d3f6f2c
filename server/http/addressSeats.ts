/**
 * Open websockets per client address (MAX_CONNECTIONS_PER_ADDRESS), beside admission (`admit.ts`):
 * who may join is admit's, how many sockets one address holds is counted here. This process
 * counts its own when a socket opens; where Redis is shared, the address's sockets on every relay
 * process are counted too (`sharedConnections.ts`) before the board is joined. A socket past
 * either count is closed with `Closing.tooManyConnections`; every socket, let in or not, gives
 * its seat back when it closes.
 */
import { Closing, closeWith } from '../../shared/closeReasons.ts'
import type { Logger } from '../base/logger.ts'
import type { AddressLimits } from '../limits/addressLimits.ts'
import type { Connection } from '../room/Connection.ts'
import { Refused } from '../room/seats.ts'

export interface AddressSeats {
  /**
   * Seats the socket from `address`: undefined (and the socket closed) past this process' count;
   * else the board joined by `join` once the count across processes lets it in (rejected with
   * `Refused` where it does not).
   */
  open<T>(address: string, connection: Connection, boardId: string, join: () => Promise<T>): Promise<T> | undefined
  /** The socket closed: its seat, counted or refused, is given back. */
  closed(address: string, connection: Connection): void
}

export function addressSeats(max: number, addressLimits: AddressLimits, logger: Logger): AddressSeats {
  const here = new Map<string, number>()
  const shared = addressLimits.connections(max)
  return {
    open(address, connection, boardId, join) {
      const fromAddress = (here.get(address) ?? 0) + 1
      here.set(address, fromAddress)
      if (fromAddress > max) {
        logger.warn('connection refused: too many', { board: boardId, connection: connection.id, fromAddress })
        closeWith(connection, Closing.tooManyConnections)
        return undefined
      }
      // Counted across relays too (with Redis) before the board is joined.
      const admitted = shared?.open(address, String(connection.id))
      return admitted ? admitted.then((counted) => (counted ? join() : Promise.reject(new Refused(Closing.tooManyConnections)))) : join()
    },
    closed(address, connection) {
      shared?.closed(address, String(connection.id))
      const left = (here.get(address) ?? 1) - 1
      if (left > 0) here.set(address, left)
      else here.delete(address)
    },
  }
}
