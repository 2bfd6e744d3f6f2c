/**
 * The admin CLI's command line, as an operator's script relies on it: `--help` answers on stdout
 * with 0; an unknown command or option, a missing or surplus argument and an export format the
 * server has not got are refused with 2 and the usage on stderr, before any database is opened;
 * a failure of the command itself is 1 with its reason. And two things an operator does on a
 * new server: `import-board` into an empty DATA_DIR, and a backup that is the operator's alone
 * whatever the umask.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { admin, runAdminUnderUmask } from '../helpers/admin.ts'
import { apiFetch, createBoard } from '../helpers/clients.ts'
import { makeDataDir, removeDataDir, startRelay } from '../helpers/relay.ts'
import { sharedRelay } from '../helpers/sharedRelay.ts'
import { hang } from '../helpers/hang.ts'

const dirs: string[] = []
const scratch = () => {
  const dir = makeDataDir()
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs.splice(0)) removeDataDir(dir)
})

describe('npm run admin: the command line', () => {
  it('answers --help on stdout with 0, globally and for each command', async () => {
    const dir = scratch()
    for (const args of [['--help'], ['-h']]) {
      const help = await admin(dir, ...args)
      expect(help.code, args.join(' ')).toBe(0)
      expect(help.stderr).toBe('')
      for (const command of ['list', 'delete', 'export', 'export-all', 'backup', 'restore', 'export-board', 'import-board', 'sign-in-required', 'retention', 'audit', 'audit verify', 'audit checkpoint', 'licence', 'hash-password']) {
        expect(help.stdout).toContain(`  ${command} `)
      }
    }
    const exportHelp = await admin(dir, 'export', '--help')
    expect(exportHelp.code).toBe(0)
    // One command's usage names it whole on the usage line, its description below.
    expect(exportHelp.stdout).toMatch(/^usage: npm run admin -- export <boardId> \[md\|csv\|json\] \[de\|en\]\n  what people wrote/)
    expect(exportHelp.stdout).not.toContain('backup')
    expect((await admin(dir, 'backup', '-h')).stdout).toContain('backup <file>')
    // Asking for help touches nothing: no database appears in the empty folder.
    expect(readdirSync(dir)).toEqual([])
  })

  // Nineteen processes of the admin command: 8 s alone, 61 s on the 2-core machine at its fullest.
  it('refuses a wrong command line with 2 and the usage on stderr, and opens no database', { timeout: hang(120_000) }, async () => {
    const dir = scratch()
    const board = 'AAAAAAAAAAAAAAAAAAAAAA'
    const cases: Array<[string[], string]> = [
      [[], 'which command?'],
      [['lsit'], 'no command "lsit"'],
      [['list', '--jsn'], "Unknown option '--jsn'"],
      [['list', 'alle'], 'list does not take "alle"'],
      [['export', board, 'pdf'], 'no format or language "pdf": the formats are md, csv, json'],
      [['export', board, 'md', 'fr'], 'no format or language "fr"'],
      [['export'], 'export needs <boardId>'],
      [['export', 'kurz'], 'export needs a board id'],
      [['export-all', join(dir, 'x'), 'docx'], 'no format or language "docx"'],
      [['delete', board, board], 'delete does not take'],
      [['backup'], 'backup needs <file>'],
      [['backup', join(dir, 'b.sqlite'), '--force'], "Unknown option '--force'"],
      [['restore'], 'restore needs <file>'],
      [['audit', '--board'], "Option '--board <value>' argument missing"],
      [['audit', '--since', 'gestern'], '--since needs a date'],
      [['retention', '--within', 'bald'], '--within needs a number of days'],
      [['sign-in-required', board, 'on'], 'can only switch off'],
      [['import-board'], 'import-board needs <file>'],
      [['hash-password', 'geheim'], 'hash-password does not take'],
    ]
    // Two at a time: each is a process of its own.
    const results = []
    for (let at = 0; at < cases.length; at += 2) results.push(...(await Promise.all(cases.slice(at, at + 2).map(([args]) => admin(dir, ...args)))))
    for (const [at, [args, message]] of cases.entries()) {
      const result = results[at]!
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toContain(message)
      expect(result.stderr, args.join(' ')).toContain('usage: npm run admin --')
      expect(result.stdout, args.join(' ')).toBe('')
    }
    expect(readdirSync(dir)).toEqual([])
  })

  it('says why a command failed, with 1', async () => {
    const dir = scratch()
    const missing = await admin(dir, 'list')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('no database at')
    expect(missing.stderr).not.toContain('usage:')
  })
})

describe('npm run admin on a new server', () => {
  it('imports a board into an empty DATA_DIR, and a relay started there opens it with the new link', async () => {
    // The shared relay is only where the board comes from.
    const source = await sharedRelay()
    try {
      const board = await createBoard(source, 'Umzug ins Leere')
      const archive = join(scratch(), 'umzug.nwboard')
      const exported = await admin(source.dataDir, 'export-board', board.id, archive)
      expect(exported.code, exported.stderr).toBe(0)

      const empty = join(scratch(), 'neu')
      expect(existsSync(empty)).toBe(false)
      const imported = await admin(empty, 'import-board', archive, 'https://netzwerkstatt.example.org')
      expect(imported.stderr).toBe('')
      expect(imported.code).toBe(0)
      const facilitator = new RegExp(`^facilitator: https://netzwerkstatt\\.example\\.org/b/${board.id}#([A-Za-z0-9_-]{32})$`, 'm').exec(imported.stdout)?.[1]
      expect(facilitator).toBeDefined()
      // The database is made as the relay makes it: the relay account's alone.
      expect(statSync(empty).mode & 0o777).toBe(0o700)
      expect(statSync(join(empty, 'netzwerkstatt.sqlite')).mode & 0o777).toBe(0o600)

      const relay = await startRelay({ dataDir: empty })
      try {
        const meta = await apiFetch(relay, `/api/boards/${board.id}`, { headers: { authorization: `Bearer ${facilitator}` } })
        expect(meta.status).toBe(200)
        expect(await meta.json()).toMatchObject({ title: 'Umzug ins Leere', role: 'facilitator' })
      } finally {
        await relay.kill()
      }
    } finally {
      await source.stop()
    }
  })

  it('writes a backup readable by its owner only, also under umask 000', async () => {
    const source = await sharedRelay()
    try {
      await createBoard(source, 'Gesichert')
      const file = join(scratch(), 'sicherung.sqlite')
      const backup = await runAdminUnderUmask('000', { DATA_DIR: source.dataDir }, 'backup', file)
      expect(backup.stderr).toBe('')
      expect(backup.code).toBe(0)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      // An existing file is never overwritten.
      const again = await admin(source.dataDir, 'backup', file)
      expect(again.code).toBe(1)
      expect(again.stderr).toContain('exists already')
    } finally {
      await source.stop()
    }
  })
})
