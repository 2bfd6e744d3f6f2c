/**
 * The floors and circle lint itself, on fixtures that break it on purpose
 * (`test/fixtures/importGraph/`): an upward import from a `.tsx` file, a dynamic `import()`, a
 * type-only import and a re-export upward, a circle between a `.tsx` and a `.ts` file, and a file
 * on no floor. If the lint stopped reading any of these, `shared/` and `client/` could break their
 * floors unseen.
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'
import { readFloors, type Floors } from '../helpers/floors.ts'
import { importsOf } from '../helpers/importGraph.ts'

const fixtures = 'test/fixtures/importGraph'
const floors: Floors = [
  ['low', (path) => path.startsWith(`${fixtures}/low/`)],
  ['high', (path) => path.startsWith(`${fixtures}/high/`)],
]
const reading = readFloors(appRoot, fixtures, floors)

describe('the floors and circle lint', () => {
  it('finds every upward import: from a .tsx file, dynamic, type-only and re-exported', () => {
    expect(reading.upward).toEqual([
      `${fixtures}/low/Upward.tsx (low) → ${fixtures}/high/Panel.tsx (high)`,
      `${fixtures}/low/lazy.ts (low) → ${fixtures}/high/page.ts (high)`,
      `${fixtures}/low/reexport.ts (low) → ${fixtures}/high/page.ts (high)`,
      `${fixtures}/low/typeOnly.ts (low) → ${fixtures}/high/page.ts (high)`,
    ])
  })

  it('finds a circle across .ts and .tsx files, named by the imports that close it', () => {
    expect(reading.circles).toEqual([`${fixtures}/high/Panel.tsx → ${fixtures}/high/circle.ts, ${fixtures}/high/circle.ts → ${fixtures}/high/Panel.tsx`])
  })

  it('names a file on no floor', () => {
    expect(reading.unplaced).toEqual([`${fixtures}/loose.ts`])
  })

  it('tells the kinds apart and skips imports in comments and strings', () => {
    const kinds = (file: string) => importsOf(resolve(appRoot, fixtures, file)).map(({ specifier, kind }) => `${kind} ${specifier}`)
    expect(kinds('low/lazy.ts')).toEqual(['dynamic ../high/page.ts'])
    expect(kinds('low/typeOnly.ts')).toEqual(['type ../high/page.ts', 'type ../high/page.ts'])
    expect(kinds('low/reexport.ts')).toEqual(['static ../high/page.ts'])
    expect(kinds('low/Upward.tsx')).toEqual(['static ../high/Panel.tsx'])
  })
})
