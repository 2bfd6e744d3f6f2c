/**
 * The daemonless image (deploy/buildImage.ts) and the operators' Dockerfile are one image: the same
 * container configuration (user, working folder, environment, command, port, volume, labels, Node
 * version), and the same content: the Dockerfile's final stage is FROM scratch with nothing but the
 * root file system that buildImage's own code writes in the build stage.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rootfsOutFlag } from '../../deploy/buildImage.ts'
import { dockerfileConfig, imageConfig } from '../../deploy/imageConfig.ts'
import { expandArgs, globalArgs, imageOf } from '../../deploy/sbomImage.ts'

const root = join(import.meta.dirname, '..', '..')
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')

/** The stages' instructions, continuation lines joined, comments dropped; [0] is what precedes the first FROM. */
const stagesOf = (text: string): string[][] =>
  text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .reduce<string[][]>((all, line) => (/^FROM\s/i.test(line) ? [...all, [line]] : (all.at(-1)!.push(line), all)), [[]])

describe('the image config equals the Dockerfile', () => {
  it('the same run configuration, with the build argument SOURCE_URL as the source label', () => {
    const url = 'https://example.org/netzwerkstatt'
    const { nodeVersion, ...fromDockerfile } = dockerfileConfig(dockerfile, { SOURCE_URL: url })
    expect(fromDockerfile).toEqual(imageConfig(nodeVersion, url))
    expect(fromDockerfile.User).toBe('node')
    expect(fromDockerfile.Env).toContain(`NODE_VERSION=${nodeVersion}`)
  })

  it('a change on one side shows', () => {
    const changed = dockerfile.replace('PORT=8787', 'PORT=8788').replace('USER node', 'USER root')
    const { nodeVersion, ...fromDockerfile } = dockerfileConfig(changed)
    expect(fromDockerfile).not.toEqual(imageConfig(nodeVersion))
    expect(fromDockerfile.Env).toContain('PORT=8788')
    expect(fromDockerfile.User).toBe('root')
  })

  it('reads only the final stage and refuses forms it cannot compare', () => {
    expect(dockerfileConfig(dockerfile).WorkingDir).toBe('/app')
    expect(() => dockerfileConfig(dockerfile.replace(/^CMD \[.*$/m, 'CMD node dist/server/main.js'))).toThrow(/shell form/)
  })

  it('builds the same content: the final stage is FROM scratch and copies only the root file system buildImage writes', () => {
    const [, build, final] = stagesOf(dockerfile) as [string[], string[], string[]]
    expect(final[0]).toBe('FROM scratch')
    expect(final.filter((line) => /^(COPY|ADD|RUN)\s/i.test(line))).toEqual(['COPY --from=build /rootfs /'])
    // The build stage's last step writes /rootfs with `npm run image`, which is buildImage.ts.
    expect(build.at(-1)).toMatch(new RegExp(`^RUN npm run build && npm run image -- ${rootfsOutFlag} /rootfs$`))
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(scripts.image).toBe('node --import tsx deploy/buildImage.ts')
    expect(build).toContain('COPY deploy ./deploy')
  })

  it('runs the build stage on the Node the image ships, which is the version buildImage fetches', () => {
    const [, build] = stagesOf(dockerfile) as [string[], string[]]
    const { nodeVersion } = imageOf(dockerfile)
    expect(nodeVersion).toMatch(/^2[24]\.\d+\.\d+$/)
    expect(nodeVersion).toBe(globalArgs(dockerfile).NODE_VERSION)
    expect(expandArgs(build[0]!, globalArgs(dockerfile))).toBe(`FROM node:${nodeVersion}-bookworm-slim AS build`)
    // CI's Node (.ci/use-node.sh) is read from the same line.
    const [, expression] = /version="\$\(sed -n '([^']+)' "\$root\/Dockerfile"/.exec(readFileSync(join(root, '.ci', 'use-node.sh'), 'utf8')) ?? []
    expect(execFileSync('sed', ['-n', expression!, join(root, 'Dockerfile')], { encoding: 'utf8' }).trim()).toBe(nodeVersion)
    // Another pin in the global ARG moves both: the runtime and the build stage's Node.
    const bumped = dockerfile.replace(/^ARG NODE_VERSION=.*$/m, 'ARG NODE_VERSION=22.99.0')
    expect(imageOf(bumped).nodeVersion).toBe('22.99.0')
    expect(dockerfileConfig(bumped).Env).toContain('NODE_VERSION=22.99.0')
  })
})
