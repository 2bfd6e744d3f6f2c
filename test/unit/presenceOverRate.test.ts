/** Presence over its address's rate waits its turn, merged to each sender's newest, in the order it came. */
import { describe, expect, it } from 'vitest'
import { PresenceOverRate } from '../../server/room/presenceOverRate.ts'
import * as decoding from 'lib0/decoding'
import { encodeAwarenessEntries } from '../../shared/protocol.ts'

const frame = (entries: Array<[clientId: number, clock: number, state: string]>) =>
  encodeAwarenessEntries(entries.map(([clientId, clock, state]) => ({ clientId, clock, state })))

function entriesOf(update: Uint8Array): Array<[number, number, string]> {
  const decoder = decoding.createDecoder(update)
  return Array.from({ length: decoding.readVarUint(decoder) }, () => [decoding.readVarUint(decoder), decoding.readVarUint(decoder), decoding.readVarString(decoder)])
}

describe('presence over its address’s rate', () => {
  it('passes each connection’s newest state per id, connections in the order they began to wait, when the rate allows', async () => {
    const passed: Array<[connection: string, entries: Array<[number, number, string]>]> = []
    let allowed = 0
    let done: () => void
    const finished = new Promise<void>((resolve) => (done = resolve))
    const line = new PresenceOverRate<string>(
      (share, connection, update) => {
        expect(share).toBe('198.51.100.1')
        // The first turn finds the rate still short: the line waits again, in the same order.
        if (allowed++ === 0) return 5
        passed.push([connection, entriesOf(update)])
        if (passed.length === 2) done()
        return null
      },
      (work) => work(),
    )
    line.wait('198.51.100.1', 'anna', frame([[1, 1, '"a1"']]), 5)
    line.wait('198.51.100.1', 'ben', frame([[2, 1, '"b1"']]))
    line.wait('198.51.100.1', 'anna', frame([[1, 3, '"a3"'], [7, 1, '"a7"']]))
    // An older clock arriving late does not replace the newer; a departure at the same clock does.
    line.wait('198.51.100.1', 'anna', frame([[1, 2, '"a2"']]))
    line.wait('198.51.100.1', 'ben', frame([[2, 1, 'null']]))
    expect(line.has('198.51.100.1')).toBe(true)
    expect(line.has('203.0.113.1')).toBe(false)
    await finished
    expect(passed).toEqual([
      ['anna', [[1, 3, '"a3"'], [7, 1, '"a7"']]],
      ['ben', [[2, 1, 'null']]],
    ])
    expect(line.has('198.51.100.1')).toBe(false)
    line.destroy()
  })

  it('lets what a connection had waiting go with it', async () => {
    const passed: string[] = []
    let done: () => void
    const finished = new Promise<void>((resolve) => (done = resolve))
    const line = new PresenceOverRate<string>(
      (_, connection) => {
        passed.push(connection)
        done()
        return null
      },
      (work) => work(),
    )
    line.wait('a', 'gone', frame([[1, 1, '"x"']]), 1)
    line.wait('a', 'staying', frame([[2, 1, '"y"']]))
    line.forget('gone')
    await finished
    expect(passed).toEqual(['staying'])
    line.forget('staying')
    line.destroy()
  })
})
