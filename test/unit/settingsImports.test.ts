/**
 * Reading the relay's settings (`server/ops/config.ts`) loads neither the room, nor Yjs, nor the
 * template catalogue: the admin CLI, the cluster's primary and deployment checks read settings
 * without opening a board. Checked on the import graph the source declares (type-only imports
 * load nothing); a fresh process that imports the settings is `test/integration/settingsImports.test.ts`.
 */
import { relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'
import { reachedFrom } from '../helpers/importGraph.ts'

describe('reading the settings', () => {
  it('reaches neither the room nor the template catalogue nor Yjs', () => {
    const { files, packages } = reachedFrom(resolve(appRoot, 'server/ops/config.ts'))
    const reached = [...files].map((file) => relative(appRoot, file).split('\\').join('/'))
    expect(reached).toContain('server/ops/config.ts')
    expect(reached.filter((file) => file === 'server/room/Room.ts' || file.startsWith('shared/templates/'))).toEqual([])
    expect([...packages].filter((name) => name === 'yjs' || name.startsWith('y-'))).toEqual([])
  })
})
