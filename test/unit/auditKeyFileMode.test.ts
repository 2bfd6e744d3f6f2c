import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { auditKeyFileWarning } from '../../server/ops/auditKeyFileMode.ts'

// IT review of issue 63 (point 3): a key file others can read lets them recompute the audit chain;
// the relay warns at start, as ssh does for a private key.
describe('the start warning about AUDIT_KEY_FILE readable by group or others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-key-file-'))
  const file = join(dir, 'audit-key')
  writeFileSync(file, 'x'.repeat(48))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('names the file, its mode and the section when group or others may read it', () => {
    chmodSync(file, 0o644)
    expect(auditKeyFileWarning(file)).toMatch(/AUDIT_KEY_FILE .*audit-key is readable by group or others \(mode 0644\).*"Audit-Protokoll"/)
    chmodSync(file, 0o640)
    expect(auditKeyFileWarning(file)).toContain('mode 0640')
  })

  it('says nothing for a file only its owner reads, nor without AUDIT_KEY_FILE (a missing file is the configuration\'s error)', () => {
    chmodSync(file, 0o600)
    expect([auditKeyFileWarning(file), auditKeyFileWarning(undefined), auditKeyFileWarning(join(dir, 'missing'))]).toEqual([null, null, null])
  })
})
