/** `npm run admin -- …` as the operator runs it: the real CLI, built (`serverEntry.ts`), in its own process. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { serverArgs } from './serverEntry.ts'

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
