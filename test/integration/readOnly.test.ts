/**
 * The built server as a hardened platform runs it (readOnlyRootFilesystem, runAsNonRoot): a
 * read-only copy of the app, an unprivileged user, and only DATA_DIR and TMPDIR writable. It is
 * used as people use it (create a board, sync, upload an image, export) and must neither fail
 * nor leave anything outside those two folders. File modes instead of a container: this needs
 * root to hand the process to `nobody`, which the test machines have.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { apiFetch, connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { freePort } from '../helpers/freePort.ts'
import { logProcess } from '../helpers/serverEntry.ts'
import { noteText, putNote } from '../helpers/records.ts'
import { hang } from '../helpers/hang.ts'

const root = join(import.meta.dirname, '..', '..')
const builtServer = join(root, 'dist', 'server', 'main.js')
const isRoot = process.getuid?.() === 0

/** uid and gid of an unprivileged account, looked up rather than assumed. */
function unprivileged(): { uid: number; gid: number; name: string } {
  for (const name of ['nobody', 'nfsnobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' })
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout), name }
  }
  throw new Error('no unprivileged account (nobody) on this machine')
}

/** Every path under `dir` with its type, size, mode and modification time: any write shows. */
function fingerprint(dir: string): string[] {
  const entries: string[] = []
  const walk = (path: string) => {
    const stat = lstatSync(path)
    entries.push(`${relative(dir, path)} ${stat.mode.toString(8)} ${stat.size} ${stat.mtimeMs}`)
    if (stat.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name))
  }
  walk(dir)
  return entries
}

/** Takes write permission away from everyone, owner included (the links themselves stay). */
function makeReadOnly(path: string): void {
  const stat = lstatSync(path)
  if (stat.isSymbolicLink()) return
  if (stat.isDirectory()) for (const name of readdirSync(path)) makeReadOnly(join(path, name))
  chmodSync(path, stat.mode & 0o555)
}

/**
 * The app's packages: a link to the checkout's node_modules in the app, unless the checkout lies
 * in a folder `user` cannot enter (a clone in root's home, mode 0700). Then a copy made of hard
 * links (a full copy on another filesystem) beside the app, where Node finds it too: inside, the
 * read-only pass would take write permission from the checkout's own files, which the links share.
 */
function linkModules(app: string, user: { uid: number; gid: number }): void {
  const modules = join(root, 'node_modules')
  const probe = join(modules, 'hono', 'package.json')
  const reachable = spawnSync('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', 'test', '-r', probe]).status === 0
  if (reachable) return symlinkSync(modules, join(app, 'node_modules'))
  const target = join(app, '..', 'node_modules')
  if (spawnSync('cp', ['-al', modules, target]).status !== 0) {
    rmSync(target, { recursive: true, force: true })
    cpSync(modules, target, { recursive: true })
  }
}

/** What `uid` owns directly in a folder (the shared temp folder: anyone may write there). */
const ownedIn = (dir: string, uid: number) =>
  readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => lstatSync(path, { throwIfNoEntry: false })?.uid === uid)

describe.skipIf(!isRoot)(`the built server on a read-only copy as an unprivileged user${isRoot ? '' : ' (skipped: needs root to switch users)'}`, () => {
  const user = isRoot ? unprivileged() : { uid: -1, gid: -1, name: '' }
  const base = mkdtempSync(join(tmpdir(), 'netzwerkstatt-readonly-'))
  const app = join(base, 'app')
  const dataDir = join(base, 'data')
  const tmpDir = join(base, 'tmp')
  const clients: TestClient[] = []
  let child: ChildProcess
  let output = ''
  let appBefore: string[]
  let strayBefore: string[]
  let relay: { httpUrl: string; wsUrl: string }

  beforeAll(async () => {
    if (!existsSync(builtServer)) throw new Error(`${relative(root, builtServer)} is missing: run \`npm run build\` first (npm test does)`)
    // The app as an image holds it: built files, package.json, production packages; no sources.
    mkdirSync(app)
    cpSync(join(root, 'dist'), join(app, 'dist'), { recursive: true })
    cpSync(join(root, 'package.json'), join(app, 'package.json'))
    linkModules(app, user)
    makeReadOnly(app)
    chmodSync(base, 0o755)
    for (const dir of [dataDir, tmpDir]) {
      mkdirSync(dir, { mode: 0o700 })
      chownSync(dir, user.uid, user.gid)
    }
    appBefore = fingerprint(app)
    strayBefore = ownedIn(tmpdir(), user.uid)

    const port = await freePort()
    // A bare environment, as in a container: nothing inherited from the test runner.
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: '/nonexistent',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      TMPDIR: tmpDir,
      LOG_LEVEL: 'info',
    }
    const command = [process.execPath, '--enable-source-maps', 'dist/server/main.js']
    const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0
    logProcess('relay', 'dist')
    child = hasSetpriv
      ? spawn('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', ...command], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command[0], command.slice(1), { cwd: app, env, uid: user.uid, gid: user.gid, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    await new Promise<void>((resolve, reject) => {
      const onData = () => output.includes('"listening"') && resolve()
      child.stdout!.on('data', onData)
      child.once('exit', (code) => reject(new Error(`the built server exited (${code}) before listening:\n${output}`)))
    })
    relay = { httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws` }
  }, hang(60_000))

  afterAll(async () => {
    clients.forEach((c) => c.destroy())
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
    // Root removes the read-only copy regardless of its modes.
    rmSync(base, { recursive: true, force: true })
  })

  it('runs as that user, not as root', () => {
    const status = readFileSync(`/proc/${findServerPid(child.pid!)}/status`, 'utf8')
    expect(status).toMatch(new RegExp(`^Uid:\\s+${user.uid}\\s+${user.uid}\\s`, 'm'))
    expect(status).toMatch(new RegExp(`^Groups:\\s*$`, 'm'))
  })

  it('serves the app, creates a board, syncs it, stores an image and exports it', { timeout: hang(60_000) }, async () => {
    const page = await fetch(`${relay.httpUrl}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')

    const board = await createBoard(relay, 'Nur lesbar')
    const [a, b] = [connectClient(relay, board.id, new Y.Doc()), connectClient(relay, board.id, new Y.Doc())]
    clients.push(a, b)
    await Promise.all([a, b].map(whenSynced))
    putNote(a.doc, 'gruss', 'Hallo aus dem Nur-lesen-Dateisystem')
    await until(b.doc, () => noteText(b.doc, 'gruss') !== undefined)
    expect(noteText(b.doc, 'gruss')).toBe('Hallo aus dem Nur-lesen-Dateisystem')

    const png = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3])
    const upload = await apiFetch(relay, `/api/boards/${board.id}/assets`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png })
    expect(upload.status).toBe(201)
    const { url } = (await upload.json()) as { url: string }
    expect(new Uint8Array(await (await apiFetch(relay, url)).arrayBuffer())).toEqual(png)

    // The note reached the server's stored document, not just the other client.
    await expect.poll(async () => (await apiFetch(relay, `/api/boards/${board.id}/export?format=md`)).text(), { timeout: hang(20_000) })
      .toContain('Hallo aus dem Nur-lesen-Dateisystem')
    const json = await apiFetch(relay, `/api/boards/${board.id}/export?format=json`)
    expect(json.status).toBe(200)
  })

  it('wrote only to DATA_DIR and TMPDIR, with no error, and stops cleanly', { timeout: hang(30_000) }, async () => {
    clients.splice(0).forEach((c) => c.destroy())
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const [code] = await exited
    expect(output).toContain('shutdown complete')
    expect(code).toBe(0)
    const lines = output.split('\n').filter(Boolean)
    expect(lines.filter((line) => !line.startsWith('{') || /"level":"(error|warn)"/.test(line))).toEqual([])
    expect(output).not.toMatch(/EACCES|EROFS|EPERM/)

    expect(fingerprint(app)).toEqual(appBefore)
    expect(ownedIn(tmpdir(), user.uid)).toEqual(strayBefore)
    expect(readdirSync(dataDir)).toContain('netzwerkstatt.sqlite')
    expect(statSync(join(dataDir, 'netzwerkstatt.sqlite')).uid).toBe(user.uid)
  })
})

/** The node process itself: setpriv replaces itself with node (exec), so usually the same pid. */
function findServerPid(pid: number): number {
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  if (command.includes('dist/server/main.js')) return pid
  throw new Error(`pid ${pid} is not the server: ${command}`)
}
