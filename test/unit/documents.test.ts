/**
 * The documents hold together: the README stays what a newcomer reads (under 200 lines), every
 * relative link in it and in docs/ leads to a file (and heading) that exists, and every setting
 * the relay reads is in the settings table of docs/operations.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Env } from '../../server/ops/config.ts'
import { facilitationEntries } from '../../shared/board/facilitation.ts'

const root = join(import.meta.dirname, '..', '..')
const read = (file: string) => readFileSync(join(root, file), 'utf8')
const documents = ['README.md', 'bench/README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)].filter((file) =>
  existsSync(join(root, file)),
)

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

/** Anchors of a Markdown file's headings (outside code blocks), numbered on repeats as GitHub does. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>()
  const found = new Set<string>()
  let inCode = false
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode
    const heading = !inCode && /^#{1,6}\s+(.*)$/.exec(line)
    if (!heading) continue
    const base = slug(heading[1])
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    found.add(n === 0 ? base : `${base}-${n}`)
  }
  return found
}

/** Relative links `[text](target)` of a Markdown file, outside code blocks and code spans. */
function relativeLinks(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^[a-z]+:/i.test(target))
}

describe('documents', () => {
  it('the README is what a newcomer reads: under 200 lines', () => {
    expect(read('README.md').trimEnd().split('\n').length).toBeLessThan(200)
  })

  it('every relative link in the README and docs/ leads to an existing file and heading', () => {
    const broken: string[] = []
    for (const document of documents) {
      for (const target of relativeLinks(read(document))) {
        const [path, anchor] = target.split('#')
        const file = path ? relative(root, join(root, dirname(document), decodeURIComponent(path))) : document
        if (!existsSync(join(root, file))) broken.push(`${document}: ${target} (no file ${file})`)
        else if (anchor && file.endsWith('.md') && !anchors(read(file)).has(anchor)) broken.push(`${document}: ${target} (no heading #${anchor} in ${file})`)
      }
    }
    expect(broken).toEqual([])
  })

  it('every setting the relay reads is in the settings table of docs/operations.md', () => {
    const operations = existsSync(join(root, 'docs/operations.md')) ? read('docs/operations.md') : ''
    const table = /^## Settings\n([\s\S]*?)(?=\n#{1,2} )/m.exec(operations)?.[1] ?? ''
    const rows = table.split('\n').filter((line) => line.startsWith('| `'))
    const documented = new Set(rows.flatMap((row) => [...row.split(' | ')[0].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1])))
    expect(Object.keys(Env.shape).filter((name) => !documented.has(name))).toEqual([])
  })

  it('every facilitation entry the board declares has its row in docs/board-format.md', () => {
    const rows = read('docs/board-format.md').split('\n').filter((line) => line.trim().startsWith('| `'))
    const documented = new Set(rows.map((row) => /^\| `([^`]+)`/.exec(row.trim())?.[1]))
    expect(facilitationEntries.map((entry) => entry.key).filter((key) => !documented.has(key))).toEqual([])
  })
})
