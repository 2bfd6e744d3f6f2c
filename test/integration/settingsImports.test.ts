/**
 * Reading the relay's settings (`server/ops/config.ts`) in a fresh process loads no Yjs: the admin
 * CLI and the cluster's primary read settings without opening a board. The import graph behind
 * it is checked in `test/unit/settingsImports.test.ts`.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../server/base/appRoot.ts'

describe('reading the settings', () => {
  it('does not load Yjs in a fresh process', async () => {
    // Yjs marks the global object when it is loaded (it warns about a second copy with it).
    const script = "await import('./server/ops/config.ts'); process.stdout.write(String(globalThis['__ $YJS$ __'] === true))"
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: appRoot })
    expect(stdout).toBe('false')
  })
})
