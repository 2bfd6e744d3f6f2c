/**
 * AUDIT_KEY_FILE readable by group or others: whoever can read it can recompute the audit chain
 * and sign checkpoints, which is what the key is there to prevent. The relay warns at start, as
 * ssh does for a private key (it still starts: a mounted secret's mode is not always the
 * operator's to choose).
 */
import { statSync } from 'node:fs'

/** The warning for AUDIT_KEY_FILE's mode, or null (no file set, owner-only, or it cannot be read: `readConfig` says that). */
export function auditKeyFileWarning(file: string | undefined, modeOf: (path: string) => number = (path) => statSync(path).mode): string | null {
  if (!file) return null
  let mode: number
  try {
    mode = modeOf(file)
  } catch {
    return null
  }
  if ((mode & 0o077) === 0) return null
  const octal = (mode & 0o777).toString(8).padStart(4, '0')
  return `AUDIT_KEY_FILE ${file} is readable by group or others (mode ${octal}): whoever reads it can recompute the audit chain. Make it the relay user's alone (chmod 600; docs/operations.md, "Audit-Protokoll")`
}
