/**
 * The floors and circle lint runs before every other test file: a planted upward import or circle
 * fails `npm test` in its first minute (with `--bail`), not after the unit project's longest files.
 * The rest keep vitest's own order (failed first, then the longest, or the largest on a clean clone).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** The lint's test files, by the end of their path. */
export const lintFiles = ['test/unit/floorsLint.test.ts', 'test/unit/sharedFloors.test.ts', 'test/unit/clientFloors.test.ts', 'test/unit/importCircles.test.ts']

const isLint = (spec: TestSpecification) => lintFiles.some((file) => spec.moduleId.replaceAll('\\', '/').endsWith(file))

export class LintFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    return [...sorted.filter(isLint), ...sorted.filter((spec) => !isLint(spec))]
  }
}
