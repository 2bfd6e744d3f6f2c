/**
 * The container, checked without Docker (no daemon on the CI machine): the Dockerfile passes a
 * linter, copies only what exists and runs as a non-root user; its production command starts
 * the relay from the built client without rebuilding, its HEALTHCHECK command succeeds against
 * it, and SIGTERM stops it cleanly. compose.yaml trusts exactly its Caddy as the proxy.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { BlockList } from 'node:net'
import { join } from 'node:path'
import { once } from 'node:events'
import { validate } from 'dockerfile-utils'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { logProcess } from '../helpers/serverEntry.ts'
import { hang } from '../helpers/hang.ts'
import { expandArgs, globalArgs, imageOf } from '../../deploy/sbomImage.ts'

const root = join(import.meta.dirname, '..', '..')
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')

/** The Dockerfile's instructions with continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
const stages = instructions.reduce<string[][]>((all, line) => {
  if (/^FROM\s/i.test(line)) all.push([])
  // The global build arguments (before the first FROM) are no stage.
  all.at(-1)?.push(line)
  return all
}, [])
const finalStage = stages.at(-1)!
const jsonArgument = (keyword: string) => JSON.parse(finalStage.find((l) => l.startsWith(keyword))!.replace(/^.*?(\[.*\])\s*$/, '$1')) as string[]

const dataDirs: string[] = []
afterAll(() => dataDirs.forEach(removeDataDir))

/** Whether .dockerignore leaves `file` out of the build context: the last pattern naming it or a folder of it decides (`!` takes it back in). */
function dockerIgnores(file: string): boolean {
  const patterns = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  let ignored = false
  for (const pattern of patterns) {
    const path = pattern.replace(/^!/, '')
    if (file === path || file.startsWith(`${path}/`)) ignored = !pattern.startsWith('!')
  }
  return ignored
}

describe('the container definition', () => {
  it('passes the Dockerfile linter (which does catch mistakes)', () => {
    expect(validate(dockerfile, {}).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([])
    expect(validate('FROM node:20\nHEALTHCHECK --interval=30x CMD true\n', {}).length).toBeGreaterThan(0)
  })

  it('builds in two stages, copies only what exists, and runs as node, not root', () => {
    expect(stages.length).toBe(2)
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    for (const line of stages[0].filter((l) => /^COPY\s/.test(l))) {
      const sources = line.split(/\s+/).slice(1, -1).filter((arg) => !arg.startsWith('--'))
      for (const source of sources) {
        expect(existsSync(join(root, source)), source).toBe(true)
        expect(ignored, `${source} is in .dockerignore`).not.toContain(source)
      }
    }
    // The final stage holds only the root file system npm run image writes (test/unit/imageConfig.test.ts).
    const copied = finalStage.filter((l) => /^(COPY|ADD)\s/.test(l)).flatMap((l) => l.split(/\s+/).slice(1, -1).filter((a) => !a.startsWith('--')))
    expect(copied).toEqual(['/rootfs'])
    const user = finalStage.findIndex((l) => /^USER\s+node$/.test(l))
    expect(user).toBeGreaterThan(0)
    expect(user).toBeLessThan(finalStage.findIndex((l) => l.startsWith('CMD')))
    expect(finalStage.some((l) => /^VOLUME\s+\["\/data"\]/.test(l))).toBe(true)
  })

  it('copies every file of this repository that the build imports (vite.config.ts → deploy/precompress.ts)', () => {
    const copied = stages[0].filter((l) => /^COPY\s/.test(l)).flatMap((l) => l.split(/\s+/).slice(1, -1).filter((a) => !a.startsWith('--')))
    for (const entry of ['vite.config.ts', 'deploy/buildServer.ts', 'deploy/buildImage.ts', 'deploy/dpkgRecord.sh', 'Dockerfile']) {
      expect(copied.some((source) => entry === source || entry.startsWith(`${source}/`)), entry).toBe(true)
      expect(dockerIgnores(entry), `${entry} is left out by .dockerignore`).toBe(false)
      if (!entry.endsWith('.ts')) continue
      const imports = [...readFileSync(join(root, entry), 'utf8').matchAll(/^import[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)].map(([, specifier]) => join(entry, '..', specifier))
      for (const file of imports) {
        expect(copied.some((source) => file === source || file.startsWith(`${source}/`)), `${entry} imports ${file}`).toBe(true)
        expect(dockerIgnores(file), `${file} is left out by .dockerignore`).toBe(false)
      }
    }
  })

  it('runs a supported Node LTS, the same pinned version in the build stage and the image, and says what it is', () => {
    const [build, final] = stages.map((stage) => expandArgs(stage[0]!.split(/\s+/)[1]!, globalArgs(dockerfile)))
    expect(final).toBe('scratch')
    // Full x.y.z of an LTS line still supported (22 until 2027-04, 24 until 2028-04), never a floating tag.
    expect(build).toMatch(/^node:(22|24)\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/)
    expect(build).toContain(`node:${imageOf(dockerfile).nodeVersion}-`)
    const labels = Object.fromEntries(
      [...finalStage.filter((l) => l.startsWith('LABEL')).join(' ').matchAll(/([\w.]+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    )
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(labels).toMatchObject({
      'org.opencontainers.image.licenses': 'EUPL-1.2',
      'org.opencontainers.image.version': version,
      'org.opencontainers.image.title': 'Netzwerkstatt',
    })
    expect(labels).toHaveProperty(['org.opencontainers.image.source'])
    // Plain node on the built relay: no TypeScript loader at run time.
    expect(jsonArgument('CMD')).toEqual(['node', '--enable-source-maps', 'dist/server/main.js'])
    expect(finalStage.find((l) => l.startsWith('ENV'))).toMatch(/TMPDIR=\/tmp/)
    expect(finalStage.find((l) => l.startsWith('ENV'))).toMatch(/PATH=\/usr\/local\/sbin:\/usr\/local\/bin:/)
  })

  it('needs nothing at run time that `npm ci --omit=dev` leaves out', () => {
    const { dependencies, devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    const runtimeFiles = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? runtimeFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
      )
    const packages = new Set<string>()
    for (const file of [...runtimeFiles('server'), ...runtimeFiles('shared')]) {
      for (const [, specifier] of readFileSync(join(root, file), 'utf8').matchAll(/^import\s[^'"]*?from\s+'([^'.][^']*)'/gm)) {
        if (specifier.startsWith('node:')) continue
        const parts = specifier.split('/')
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])
      }
    }
    expect(packages.size).toBeGreaterThan(5)
    for (const name of packages) {
      expect(name in dependencies, `${name} is imported by server/ or shared/ but is ${name in devDependencies ? 'a devDependency' : 'not a dependency'}`).toBe(true)
    }
  })

  it('starts with its CMD from the built client, is healthy by its HEALTHCHECK, and stops on SIGTERM', { timeout: hang(60_000) }, async () => {
    const [command, ...args] = jsonArgument('CMD')
    expect(command).toBe('node')
    const dataDir = makeDataDir()
    dataDirs.push(dataDir)
    // The image's environment, but on a free loopback port and a fresh data folder.
    const env = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' }
    logProcess('relay', 'dist')
    const relay = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    const listening = new Promise<number>((resolve, reject) => {
      relay.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk
        const line = output.split('\n').find((l) => l.includes('"listening"'))
        if (line) resolve(JSON.parse(line).port)
      })
      relay.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
    })
    const port = await listening

    const healthcheck = jsonArgument('HEALTHCHECK')
    expect(healthcheck[0]).toBe('node')
    const probe = spawnSync(process.execPath, healthcheck.slice(1), { env: { ...env, PORT: String(port) }, timeout: hang(10_000) })
    expect(probe.status, String(probe.stderr)).toBe(0)
    // The page is the built client, not a hint to build it.
    const page = await fetch(`http://127.0.0.1:${port}/`)
    expect(page.status).toBe(200)
    expect(existsSync(join(dataDir, 'relay.json'))).toBe(true)

    relay.kill('SIGTERM')
    const [code] = await once(relay, 'exit')
    expect(code).toBe(0)
    expect(output).toContain('shutdown complete')
    expect(existsSync(join(dataDir, 'relay.json'))).toBe(false)
  })

  it('compose trusts exactly its Caddy as the proxy and publishes only Caddy', () => {
    const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'))
    const app = compose.services.netzwerkstatt
    const caddy = compose.services.caddy
    expect(app.environment.TRUST_PROXY).toBe(caddy.networks.internal.ipv4_address)
    const subnet = compose.networks.internal.ipam.config[0].subnet as string
    const inSubnet = new BlockList()
    inSubnet.addSubnet(subnet.split('/')[0], Number(subnet.split('/')[1]))
    expect(inSubnet.check(caddy.networks.internal.ipv4_address)).toBe(true)
    expect(app.ports).toBeUndefined()
    expect(caddy.ports).toEqual(['80:80', '443:443'])
    expect(app.volumes).toContain('netzwerkstatt-data:/data')
    expect(readFileSync(join(root, 'deploy', 'Caddyfile'), 'utf8')).toMatch(/reverse_proxy netzwerkstatt:8787/)
  })

  // IT review of issue 63 (point 3): the Kubernetes Deployment requires AUDIT_KEY, but compose.yaml
  // does not pass it on and operations.md's walk-through from an empty server never sets it, so a
  // server set up that way keeps an audit chain anyone who can write the database can recompute.
  it('compose passes the audit key on, and the walk-through from an empty server sets it', () => {
    const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'))
    const env = compose.services.netzwerkstatt.environment as Record<string, string>
    expect(Object.keys(env).filter((name) => name === 'AUDIT_KEY' || name === 'AUDIT_KEY_FILE')).not.toEqual([])
    const operations = readFileSync(join(root, 'docs', 'operations.md'), 'utf8')
    const walkthrough = operations.slice(operations.indexOf('## Container and HTTPS'), operations.indexOf('### Building the image without Docker'))
    expect(walkthrough).toMatch(/AUDIT_KEY(_FILE)?=.*>> \.env/)
  })
})
