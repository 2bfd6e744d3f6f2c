/**
 * `client/` is built in floors like `shared/`: the base (API calls, languages, what the browser
 * remembers, the Yjs ↔ tldraw bridge) at the bottom, then the open board (its connection, its
 * store, its rights and the facilitation model it makes), the panels drawn on it, and the pages
 * on top. A file imports only from its own floor or the ones below, type-only and dynamic imports
 * included, and no files import each other in a circle; so a panel can be read and tested with
 * the board's state alone, and the board's state without a single panel.
 */
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'
import { readFloors, type Floors } from '../helpers/floors.ts'

const under = (...folders: string[]) => (path: string) => folders.some((folder) => path.startsWith(`client/${folder}/`))

/** The floors from the bottom up, each with the files it holds (paths from the app's folder). */
const floors: Floors = [
  ['base', (path) => /^client\/[^/]+\.tsx?$/.test(path) || under('sync', 'messages')(path)],
  ['board', under('board')],
  ['panels', under('facilitation', 'templates', 'comments', 'documents', 'dokumentation', 'search', 'join', 'network', 'beitragen', 'retention')],
  // A page is what a route shows: `App.tsx` picks one, `main.tsx` starts it all.
  ['pages', (path) => ['client/App.tsx', 'client/main.tsx'].includes(path) || under('boardPage', 'start')(path) || /\/[A-Za-z]+Page\.tsx$/.test(path)],
]

describe('client/ in floors', () => {
  const reading = readFloors(appRoot, 'client', floors)

  it('has every file on a floor', () => {
    expect(reading.unplaced, 'a new folder in client/ needs a floor in the table above').toEqual([])
  })

  it('has no import circle, type-only and dynamic imports included', () => {
    expect(reading.circles, 'one of these imports must go: move what both files need down into a module below them').toEqual([])
  })

  it('imports nothing from a higher floor, type-only and dynamic imports included', () => {
    expect(reading.upward, 'import only from your own floor or below: move what the lower file needs down, or the importer up').toEqual([])
  })
})
