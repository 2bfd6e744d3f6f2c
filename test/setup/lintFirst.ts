/**
 * The order of a run's files. The floors and circle lint runs before every other test file: a
 * planted upward import or circle fails `npm test` in its first minute (with `--bail`), not after
 * the unit project's longest files. The rest run longest first, so that two workers finish
 * together instead of one waiting on a long file that started last: by vitest's own record of
 * this machine's runs where it has one (failed first), else by the last green run's times kept in
 * `docs/test-times.json` (a clean clone has no record of its own), files it does not know first.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** The lint's test files, by the end of their path. */
export const lintFiles = ['test/unit/floorsLint.test.ts', 'test/unit/sharedFloors.test.ts', 'test/unit/clientFloors.test.ts', 'test/unit/serverFloors.test.ts', 'test/unit/importCircles.test.ts']

const root = join(import.meta.dirname, '..', '..')
const recordedTimes = join(root, 'docs', 'test-times.json')

const isLint = (spec: TestSpecification) => lintFiles.some((file) => spec.moduleId.replaceAll('\\', '/').endsWith(file))

/** `docs/test-times.json`: milliseconds by file path from the root. */
function recorded(): Map<string, number> {
  if (!existsSync(recordedTimes)) return new Map()
  const times = JSON.parse(readFileSync(recordedTimes, 'utf8')) as { files: Record<string, number> }
  return new Map(Object.entries(times.files))
}

export class LintFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const times = recorded()
    const file = (spec: TestSpecification) => relative(root, spec.moduleId).replaceAll('\\', '/')
    const cached = (spec: TestSpecification) => this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`)
    const group = (spec: TestSpecification) => `${spec.project.config.sequence.groupOrder}:${spec.project.name}`
    // Within a project (vitest has put projects and groups in their order), longest first.
    const expected = (spec: TestSpecification) => cached(spec)?.duration ?? times.get(file(spec)) ?? Infinity
    const ordered = [...sorted].sort((a, b) => {
      if (group(a) !== group(b)) return sorted.indexOf(a) - sorted.indexOf(b)
      const failed = Number(!!cached(b)?.failed) - Number(!!cached(a)?.failed)
      const [ea, eb] = [expected(a), expected(b)]
      return failed || (ea === eb ? 0 : eb > ea ? 1 : -1)
    })
    return [...ordered.filter(isLint), ...ordered.filter((spec) => !isLint(spec))]
  }
}
