/**
 * No import circle in `server/`, type-only and dynamic imports included: each module sits above
 * the ones it uses (the settings below the room, the logger below the settings), so any one can
 * be read, loaded and tested without the others that use it. `shared/` and `client/` are checked
 * with their floors (`sharedFloors.test.ts`, `clientFloors.test.ts`), circles included.
 */
import { relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'
import { circlesIn } from '../helpers/importGraph.ts'

const circles = (folder: string) =>
  circlesIn(resolve(appRoot, folder)).map((circle) => circle.map((file) => relative(appRoot, file).split('\\').join('/')).sort())

describe('the relay’s modules', () => {
  it('import each other without a circle', () => {
    expect(circles('server')).toEqual([])
  })
})
