/**
 * tldraw's fonts cut down to the characters a German or English workshop writes
 * (client/board/fontSubset.ts), made at build time with subset-font (HarfBuzz's hb-subset as
 * WebAssembly): the sixteen faces tldraw loads when the canvas opens weigh 1.37 MB in full and
 * 0.46 MB as subsets. The built client's imports of `@tldraw/assets/fonts/*.woff2?url` get the
 * subset's URL; `virtual:tldraw-full-fonts` names the full files, which the client offers for
 * every other character (client/board/assetUrls.ts). Subsets are kept in node_modules/.cache
 * between builds, keyed by the font's and the character list's hash.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import subsetFont from 'subset-font'
import type { Plugin } from 'vite'
import { subsetText } from '../client/board/fontSubset.ts'

const fontsDir = join(dirname(createRequire(import.meta.url).resolve('@tldraw/assets/package.json')), 'fonts')
const cacheDir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'netzwerkstatt-font-subsets')
const virtualId = 'virtual:tldraw-full-fonts'
const tldrawFontImport = /[\\/]@tldraw[\\/]assets[\\/]fonts[\\/]([^\\/?]+\.woff2)\?url$/

/** The woff2 subset of a font file. */
export async function subsetWoff2(font: Buffer): Promise<Buffer> {
  const text = subsetText()
  const key = createHash('sha256').update(font).update(text).digest('hex').slice(0, 32)
  const cached = join(cacheDir, `${key}.woff2`)
  if (existsSync(cached)) return readFileSync(cached)
  const subset = await subsetFont(font, text, { targetFormat: 'woff2' })
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(cached, subset)
  return subset
}

/** tldraw's font keys and the file each names, read from @tldraw/assets' own import list. */
export function tldrawFontFiles(): Record<string, string> {
  const source = readFileSync(join(fontsDir, '..', 'imports.vite.js'), 'utf8')
  const files = new Map<string, string>()
  for (const [, name, file] of source.matchAll(/import (\w+) from '\.\/fonts\/([^']+\.woff2)\?url'/g)) files.set(name, file)
  const keys: Record<string, string> = {}
  for (const [, key, name] of source.matchAll(/(tldraw_\w+): formatAssetUrl\((\w+), opts\)/g)) {
    const file = files.get(name)
    if (file) keys[key] = file
  }
  return keys
}

export function fontSubsets(): Plugin {
  let building = false
  return {
    name: 'netzwerkstatt-font-subsets',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build'
    },
    resolveId(id) {
      return id === virtualId ? `\0${virtualId}` : null
    },
    async load(id) {
      if (id === `\0${virtualId}`) {
        const entries = Object.entries(tldrawFontFiles())
        if (entries.length === 0) this.error('no fonts found in @tldraw/assets/imports.vite.js')
        // `&full` keeps these out of the subsetting below; Vite's asset handling still sees `url`.
        const imports = entries.map(([, file], i) => `import font${i} from '@tldraw/assets/fonts/${file}?url&full'`)
        return `${imports.join('\n')}\nexport default {${entries.map(([key], i) => `${JSON.stringify(key)}: font${i}`).join(', ')}}\n`
      }
      const match = building ? tldrawFontImport.exec(id) : null
      if (!match) return null
      const path = id.slice(0, -'?url'.length)
      const ref = this.emitFile({ type: 'asset', name: basename(path).replace(/\.woff2$/, '-subset.woff2'), source: await subsetWoff2(readFileSync(path)) })
      return `export default import.meta.ROLLUP_FILE_URL_${ref}\n`
    },
  }
}
