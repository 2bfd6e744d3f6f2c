/** `npm run admin -- …` as the operator runs it: the real CLI, built (`serverEntry.ts`), in its own process. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { serverArgs } from './serverEntry.ts'
import { auditRows } from '../../server/audit/auditTrail.ts'
import { verifyChain, type ChainVerdict } from '../../server/base/auditChain.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import type { AuditEntry } from '../../server/storage/Storage.ts'

export interface AdminResult {
  code: number
  stdout: string
  stderr: string
}

const root = join(import.meta.dirname, '..', '..')

/** With the given environment on top of the tests' own (DATA_DIR, DATABASE_URL, limits…). */
export function runAdmin(env: Record<string, string>, ...args: string[]): Promise<AdminResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...serverArgs('admin'), ...args], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** On the SQLite database in `dataDir`. */
export const admin = (dataDir: string, ...args: string[]) => runAdmin({ DATA_DIR: dataDir }, ...args)

/** As `runAdmin`, started under `umask` (e.g. '000': every file it makes would be everyone's unless it says otherwise). */
export function runAdminUnderUmask(umask: string, env: Record<string, string>, ...args: string[]): Promise<AdminResult> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', `umask ${umask} && exec "$0" "$@"`, process.execPath, ...serverArgs('admin'), ...args], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/**
 * The audit trail of the SQLite database in `dataDir` as `npm run admin -- audit --json` lists it
 * (the same `auditRows` over the same storage, `board` and `since` filtering alike), read in the
 * test's process beside the running relay: for a test whose subject is what the relay records,
 * not the CLI (which also notes its own reading as `admin:audit`; this does not).
 */
export async function auditTrail(dataDir: string, filter: { board?: string; since?: string } = {}): Promise<AuditEntry[]> {
  const storage = new SqliteStorage(dataDir)
  try {
    return await auditRows(storage, filter)
  } finally {
    await storage.close()
  }
}

/** The hash chain's verdict on that trail, as `npm run admin -- audit verify` gives it (`verifyChain`). */
export async function auditChainVerdict(dataDir: string): Promise<ChainVerdict> {
  const storage = new SqliteStorage(dataDir)
  try {
    const { rows, unchained } = await storage.auditChain()
    return verifyChain(rows, unchained)
  } finally {
    await storage.close()
  }
}
