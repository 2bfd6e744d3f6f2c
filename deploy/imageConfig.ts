/**
 * The run configuration of the container image, twice: as the daemonless build writes it into the
 * OCI image config (`imageConfig`), and as the `Dockerfile`'s final stage declares it
 * (`dockerfileConfig`). Operators build with the Dockerfile, CI builds without a container engine;
 * a unit test holds the two equal, so the image CI runs is the one the Dockerfile describes.
 */
import { readFileSync } from 'node:fs'
import { globalArgs, imageOf } from './sbomImage.ts'

/** The parts of an OCI image config (image-spec `config`) the image sets. */
export interface RunConfig {
  User: string
  WorkingDir: string
  /** `KEY=value`, in the Dockerfile's order */
  Env: string[]
  Cmd: string[]
  ExposedPorts: Record<string, Record<string, never>>
  Volumes: Record<string, Record<string, never>>
  Labels: Record<string, string>
}

/**
 * PATH and NODE_VERSION, as the official `node:<version>-bookworm-slim` image sets them: the
 * Dockerfile's `FROM scratch` stage declares them itself now (an older Dockerfile on the node base
 * inherited them). Its ENTRYPOINT (`docker-entrypoint.sh`) is not there: it only prefixed `node`
 * when the command starts with a flag, and our CMD starts with `node` itself.
 */
export const baseEnv = (nodeVersion: string): string[] => [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  `NODE_VERSION=${nodeVersion}`,
]

/** The daemonless build's own declaration (deploy/buildImage.ts writes it); `sourceUrl` as the Dockerfile's ARG SOURCE_URL. */
export function imageConfig(nodeVersion: string, sourceUrl = ''): RunConfig {
  return {
    User: 'node',
    WorkingDir: '/app',
    Env: [
      ...baseEnv(nodeVersion),
      'NODE_ENV=production',
      'HOST=0.0.0.0',
      'PORT=8787',
      'DATA_DIR=/data',
      'TMPDIR=/tmp',
      'NPM_CONFIG_CACHE=/tmp/npm-cache',
      'NPM_CONFIG_UPDATE_NOTIFIER=false',
    ],
    Cmd: ['node', '--enable-source-maps', 'dist/server/main.js'],
    ExposedPorts: { '8787/tcp': {} },
    Volumes: { '/data': {} },
    Labels: {
      'org.opencontainers.image.title': 'Netzwerkstatt',
      'org.opencontainers.image.description': 'Self-hosted collaborative whiteboard for workshops',
      'org.opencontainers.image.version': '0.1.0',
      'org.opencontainers.image.licenses': 'EUPL-1.2',
      'org.opencontainers.image.source': sourceUrl,
    },
  }
}

/** `a=1 b="x y"` → [['a','1'],['b','x y']] (Dockerfile's key=value form, double quotes only). */
function pairs(text: string): Array<[string, string]> {
  return [...text.matchAll(/([^\s=]+)=("((?:[^"\\]|\\.)*)"|\S*)/g)].map((m) => [m[1]!, m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2]!])
}

/**
 * The final stage's run configuration as a Dockerfile declares it, with ARG values substituted
 * from `args` (an ARG without a value there takes its default). Throws on an instruction form it
 * does not read (ENV without `=`, CMD in shell form), so a change there cannot slip past the test.
 */
export function dockerfileConfig(dockerfile: string, args: Record<string, string> = {}): RunConfig & { nodeVersion: string } {
  const image = imageOf(dockerfile)
  const { nodeVersion } = image
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((line) => !/^\s*#/.test(line) && line.trim())
  const lastFrom = lines.findLastIndex((line) => /^\s*FROM\s/i.test(line))
  // FROM scratch inherits nothing: PATH and NODE_VERSION are the Dockerfile's own ENV then.
  const inherited = image.name === 'scratch' ? [] : baseEnv(nodeVersion)
  const config: RunConfig = { ...imageConfig(nodeVersion), Env: inherited, Cmd: [], ExposedPorts: {}, Volumes: {}, Labels: {}, User: 'root', WorkingDir: '/' }
  const globals = globalArgs(dockerfile)
  const argValues: Record<string, string> = {}
  const expand = (value: string) => value.replace(/\$\{?(\w+)\}?/g, (_, name: string) => argValues[name] ?? '')
  for (const line of lines.slice(lastFrom + 1)) {
    const [, instruction = '', rest = ''] = /^\s*(\w+)\s+(.*)$/.exec(line) ?? []
    const body = rest.trim()
    switch (instruction.toUpperCase()) {
      case 'ARG': {
        const [name, value] = body.split('=') as [string, string?]
        // `ARG NAME` in a stage takes the global default (`ARG NAME=…` before the first FROM).
        argValues[name] = args[name] ?? (value === undefined ? (globals[name] ?? '') : JSON.parse(value.startsWith('"') ? value : JSON.stringify(value)))
        break
      }
      case 'LABEL':
        for (const [key, value] of pairs(body)) config.Labels[key] = expand(value)
        break
      case 'ENV':
        if (!body.includes('=')) throw new Error(`ENV without key=value: ${line}`)
        for (const [key, value] of pairs(body)) config.Env.push(`${key}=${expand(value)}`)
        break
      case 'USER':
        config.User = body
        break
      case 'WORKDIR':
        config.WorkingDir = body
        break
      case 'EXPOSE':
        for (const port of body.split(/\s+/)) config.ExposedPorts[port.includes('/') ? port : `${port}/tcp`] = {}
        break
      case 'VOLUME':
        for (const path of body.startsWith('[') ? (JSON.parse(body) as string[]) : body.split(/\s+/)) config.Volumes[path] = {}
        break
      case 'CMD':
        if (!body.startsWith('[')) throw new Error(`CMD in shell form: ${line}`)
        config.Cmd = JSON.parse(body) as string[]
        break
    }
  }
  return { ...config, nodeVersion }
}

export const dockerfileConfigOf = (file = 'Dockerfile', args: Record<string, string> = {}) => dockerfileConfig(readFileSync(file, 'utf8'), args)
