/**
 * `relay.json` in DATA_DIR, while the relay runs: its pid and port, and a secret made at each
 * start, so that `npm run admin` on the same machine (and as the same user: the file is readable
 * by its owner only) can ask the running relay to delete a board, or know not to restore under it.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const RelayControl = z.object({ pid: z.number().int(), port: z.number().int(), secret: z.string().min(32) })
export type RelayControl = z.infer<typeof RelayControl>

const controlPath = (dataDir: string) => join(dataDir, 'relay.json')

export function newControlSecret(): string {
  return randomBytes(32).toString('base64url')
}

export function writeRelayControl(dataDir: string, control: RelayControl): void {
  writeFileSync(controlPath(dataDir), JSON.stringify(control), { mode: 0o600 })
}

export function removeRelayControl(dataDir: string, pid = process.pid): void {
  // Only our own: a second relay started on the same DATA_DIR must not remove the first's.
  if (readRelayControl(dataDir)?.pid === pid) rmSync(controlPath(dataDir), { force: true })
}

function readRelayControl(dataDir: string): RelayControl | null {
  if (!existsSync(controlPath(dataDir))) return null
  const parsed = RelayControl.safeParse(JSON.parse(readFileSync(controlPath(dataDir), 'utf8')))
  return parsed.success ? parsed.data : null
}

/** The relay running on this DATA_DIR, or null (none, or one that died without cleaning up). */
export function runningRelay(dataDir: string): RelayControl | null {
  const control = readRelayControl(dataDir)
  if (!control) return null
  try {
    process.kill(control.pid, 0)
    return control
  } catch (error) {
    // EPERM: alive, but someone else's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? control : null
  }
}
