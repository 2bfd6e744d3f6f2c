/**
 * The admin command line (`server/admin/cli.ts`) reads a board id as an id even where it starts
 * with `-`, as about one in 64 does, and still refuses what is no id: an unknown option, a
 * missing value.
 */
import { describe, expect, it } from 'vitest'
import { boardCount, parseCommand, UsageError } from '../../server/admin/cli.ts'

const dashed = '-AbCdEfGhIjKlMnOpQrStU'
const doubleDashed = '--bCdEfGhIjKlMnOpQrStU'

describe('the admin command line', () => {
  it('takes a board id that starts with - or -- as the positional it is, in its place', () => {
    for (const id of [dashed, doubleDashed]) {
      const { positionals } = parseCommand([id, 'md', 'en'], { name: 'export', positionals: ['boardId', 'format?', 'locale?'] })
      expect(positionals).toEqual({ boardId: id, format: 'md', locale: 'en' })
    }
  })

  it('takes such an id as the value of an option, also with other options around it', () => {
    const spec = { name: 'audit', options: { board: { type: 'string' }, json: { type: 'boolean' } } } as const
    expect(parseCommand(['--board', dashed, '--json'], spec).values).toEqual({ board: dashed, json: true })
    expect(parseCommand(['--json', '--board', doubleDashed], spec).values).toEqual({ board: doubleDashed, json: true })
  })

  it('still refuses an unknown option, a missing value and a surplus argument', () => {
    const spec = { name: 'audit', options: { board: { type: 'string' }, json: { type: 'boolean' } }, positionals: [] } as const
    expect(() => parseCommand(['--bogus'], spec)).toThrow(UsageError)
    expect(() => parseCommand(['-x'], spec)).toThrow(UsageError)
    expect(() => parseCommand(['--board'], spec)).toThrow(UsageError)
    expect(() => parseCommand([dashed], spec)).toThrow(UsageError)
  })

  it('counts boards in English by the plural rules', () => {
    expect([0, 1, 2].map(boardCount)).toEqual(['0 boards', '1 board', '2 boards'])
  })
})
