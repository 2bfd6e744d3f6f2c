/**
 * The bundle report says how the list's view reaches zod: one chain per module that imports it,
 * so that one sees which import to cut (deploy/bundleReport.ts `chainsTo`, `listViewLoad`).
 */
import { describe, expect, it } from 'vitest'
import { chainsTo, listView, listViewLoad, type ChunkReport } from '../../deploy/bundleReport.ts'

const none = { raw: 0, brotli: 0, gzip: 0 }
const chunk = (file: string, imports: string[], modules: string[]): ChunkReport =>
  ({ file, isEntry: false, isDynamicEntry: false, facade: null, imports, dynamicImports: [], whole: none, packages: {}, modules })

describe('the chain from the list’s view to a package', () => {
  it('names each module that imports the package, by the shortest way from the view', () => {
    const importers = {
      'client/beitragen/ownBallot.ts': [listView],
      'shared/results/voting.ts': [listView, 'client/beitragen/ownBallot.ts'],
      'shared/board/entries/vote.ts': ['shared/results/voting.ts'],
      'shared/api.ts': ['client/api.ts'],
      'zod/index.js': ['shared/results/voting.ts', 'shared/board/entries/vote.ts', 'shared/api.ts'],
      'zod/v4/classic/external.js': ['zod/index.js'],
    }
    expect(chainsTo(importers, listView, 'zod')).toEqual([
      [listView, 'shared/results/voting.ts', 'zod/index.js'],
      [listView, 'shared/results/voting.ts', 'shared/board/entries/vote.ts', 'zod/index.js'],
    ])
    expect(chainsTo(importers, 'client/beitragen/ownBallot.ts', 'shared/api.ts')).toEqual([])
  })

  it('finds the view’s chunk by the modules it renders, also without a facade, with its static imports', () => {
    const chunks = [chunk('view.js', ['shared.js'], ['client/beitragen/VoteLine.tsx', listView]), chunk('shared.js', [], ['zod/index.js']), chunk('other.js', [], [])]
    expect(listViewLoad(chunks).map((each) => each.file).sort()).toEqual(['shared.js', 'view.js'])
  })
})
