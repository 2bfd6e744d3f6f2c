/**
 * Reading the relay's settings (`server/config.ts`) loads neither the room, nor Yjs, nor the
 * template catalogue: the admin CLI, the cluster's primary and deployment checks read settings
 * without opening a board. Checked on the import graph the source declares (type-only imports
 * load nothing) and on a fresh process that imports the settings.
 */
import { execFile } from 'node:child_process'
import { relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/appRoot.ts'
import { reachedFrom } from '../helpers/importGraph.ts'

describe('reading the settings', () => {
  it('reaches neither the room nor the template catalogue nor Yjs', () => {
    const { files, packages } = reachedFrom(resolve(appRoot, 'server/config.ts'))
    const reached = [...files].map((file) => relative(appRoot, file).split('\\').join('/'))
    expect(reached).toContain('server/config.ts')
    expect(reached.filter((file) => file === 'server/Room.ts' || file.startsWith('shared/templates/'))).toEqual([])
    expect([...packages].filter((name) => name === 'yjs' || name.startsWith('y-'))).toEqual([])
  })

  it('does not load Yjs in a fresh process', async () => {
    // Yjs marks the global object when it is loaded (it warns about a second copy with it).
    const script = "await import('./server/config.ts'); process.stdout.write(String(globalThis['__ $YJS$ __'] === true))"
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: appRoot })
    expect(stdout).toBe('false')
  })
})
