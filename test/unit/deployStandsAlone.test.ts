/**
 * `npm run image` and the Dockerfile's build stage run deploy/ without the tests: the build stage
 * copies no test/ folder, so a deploy module that imports from test/ breaks the operators' build.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const deploy = join(import.meta.dirname, '..', '..', 'deploy')

describe('deploy/ stands alone', () => {
  it('no deploy module imports from test/', () => {
    const intoTests = readdirSync(deploy)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) =>
        [...readFileSync(join(deploy, name), 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*['"]([^'"]+)['"]/gm)]
          .map((m) => m[1]!)
          .filter((target) => /(^|\/)test\//.test(target))
          .map((target) => `${name} → ${target}`),
      )
    expect(intoTests).toEqual([])
  })
})
