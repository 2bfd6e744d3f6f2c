/**
 * When a test's pictures (screenshots, a PDF's first page) are made: with ARTIFACTS=1 where the
 * test asks (the journeys whose pictures people read); otherwise only when the test fails, at its
 * end, so a passing run spends no time on them.
 */
import { onTestFailed } from 'vitest'

export const artifactsAsked = process.env.ARTIFACTS === '1'

/** Runs `make` now if artifacts are asked for, else once the current test has failed (outside a test: not at all). */
export async function makeArtifact(make: () => unknown): Promise<void> {
  if (artifactsAsked) {
    await make()
    return
  }
  try {
    onTestFailed(async () => {
      // The page may be closed by then, or the element gone: then there is nothing to show.
      await Promise.resolve().then(make).catch(() => {})
    })
  } catch {
    // Outside a test (a hook): only ARTIFACTS=1 makes it.
  }
}
