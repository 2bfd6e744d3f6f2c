/**
 * `npm run image` and the Dockerfile's build stage run deploy/ without the tests: the build stage
 * copies no test/ folder, so a deploy module that imports from test/ breaks the operators' build.
 * And what they keep in the cache (deploy/nodeRuntime.ts) goes into the image as it is.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { once } from '../../deploy/nodeRuntime.ts'

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

describe("the image's runtime cache", () => {
  it('fills a folder once, readable by the relay’s user (not mkdtemp’s 0700), and leaves nothing half-filled', () => {
    const base = mkdtempSync(join(tmpdir(), 'runtime-cache-'))
    try {
      const target = join(base, 'better-sqlite3-x')
      once(target, (tmp) => writeFileSync(join(tmp, 'package.json'), '{}'))
      expect(statSync(target).mode & 0o777).toBe(0o755)
      // Filled already: not again.
      once(target, () => {
        throw new Error('filled twice')
      })
      expect(() =>
        once(join(base, 'broken'), () => {
          throw new Error('compile failed')
        }),
      ).toThrow('compile failed')
      expect(readdirSync(base)).toEqual(['better-sqlite3-x'])
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  })
})
