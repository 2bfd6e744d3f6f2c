/**
 * What loading the relay's rooms and the phone's list page loads, on the static import graph
 * (a dynamic `import()` loads later, on demand). The relay's kernel needs a board's link, not the
 * templates: the link's shape sits on the base floor of `shared/`, so `server/room/Rooms.ts` and the
 * links it hands out load no template. The phone places a Zettel in a cell by its page box, a
 * piece of geometry over records on the board floor, not by climbing into the export.
 */
import { relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'
import { reachedFrom } from '../helpers/importGraph.ts'

const path = (file: string) => relative(appRoot, file).split('\\').join('/')

/** Each way from `entry` into a module `above` holds, as entry → … → the first such module. */
function waysInto(entry: string, above: (path: string) => boolean): string[] {
  const { files, importedBy } = reachedFrom(resolve(appRoot, entry))
  const doors = [...files].filter((file) => above(path(file)) && !above(path(importedBy.get(file) ?? '')))
  return doors
    .map((door) => {
      const way = [door]
      for (let at = importedBy.get(door); at; at = importedBy.get(at)) way.unshift(at)
      return way.map(path).join(' → ')
    })
    .sort()
}

const template = (path: string) => path.startsWith('shared/templates/')

describe('the relay’s kernel', () => {
  it.each(['server/room/Rooms.ts', 'server/ops/boardLinks.ts'])('%s loads no template', (entry) => {
    expect(waysInto(entry, template), 'cut each way at its first import of a module that loads templates').toEqual([])
  })
})

describe('the phone’s list page', () => {
  // The page checks the link and connects; the list's reading of template instances (their
  // steps and cells) is a chunk it fetches beside them (`import()`), and its geometry must not
  // bring the whole export along.
  const page = 'client/beitragen/ContributionPage.tsx'
  const view = 'client/beitragen/ContributionView.tsx'

  it('loads no template itself', () => {
    expect(waysInto(page, template), 'cut each way at its first import of a module that loads templates').toEqual([])
  })

  it('places a Zettel without loading the export', () => {
    const reach = new Set([...reachedFrom(resolve(appRoot, view)).files].map(path))
    expect(reach).toContain('shared/results/cellPlacement.ts')
    expect([...reach].filter((file) => file === 'shared/results/export.ts')).toEqual([])
  })
})
