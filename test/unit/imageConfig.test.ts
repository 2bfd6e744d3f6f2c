/**
 * The daemonless image (deploy/buildImage.ts) and the operators' Dockerfile configure the same
 * container: user, working folder, environment, command, port, volume, labels and Node version.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dockerfileConfig, imageConfig } from '../../deploy/imageConfig.ts'

const dockerfile = readFileSync(join(import.meta.dirname, '..', '..', 'Dockerfile'), 'utf8')

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
})
