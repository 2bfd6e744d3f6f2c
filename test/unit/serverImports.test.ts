/**
 * No import circle in `server/`, type-only imports included: each module sits above the ones it
 * uses (the settings below the room, the logger below the settings), so any one can be read,
 * loaded and tested without the others that use it.
 */
import { relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/appRoot.ts'
import { circlesIn } from '../helpers/importGraph.ts'

describe('the relay’s modules', () => {
  it('import each other without a circle', () => {
    const circles = circlesIn(resolve(appRoot, 'server')).map((circle) => circle.map((file) => relative(appRoot, file).split('\\').join('/')).sort())
    expect(circles).toEqual([])
  })
})
