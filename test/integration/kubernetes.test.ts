/**
 * The Kubernetes manifests (`deploy/kubernetes/`, Kustomize: Helm is not packaged for these
 * machines), rendered with `kubectl kustomize` as an operator would, in both variants: the base
 * (one relay on SQLite) and the overlay (several relays on PostgreSQL and Redis). Every rendered
 * manifest is checked against the Kubernetes schemas offline (kubernetes-models, and the
 * Prometheus Operator's for the ServiceMonitor), strictly: a field the schema does not know fails,
 * which kubernetes-models alone lets pass. Then what an operator relies on: the security context,
 * probes on the port the relay listens on, settings the relay knows and accepts, secrets only by
 * reference, and never two relays on one SQLite file.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { ConfigMap, PersistentVolumeClaim, Service } from 'kubernetes-models/v1'
import { Deployment } from 'kubernetes-models/apps/v1'
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'
import type { IContainer } from 'kubernetes-models/v1/Container'
import { Env, readConfig } from '../../server/ops/config.ts'

const root = join(import.meta.dirname, '..', '..')
const variants = {
  base: join(root, 'deploy', 'kubernetes', 'base'),
  overlay: join(root, 'deploy', 'kubernetes', 'overlays', 'postgresql-redis'),
}

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [field: string]: unknown }
interface Validating {
  validate(): void
}
const models: Record<string, new (data: never) => Validating> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
}

/** Settings that are secrets: they may reach the relay only from a Secret, by reference. */
const secretSettings = ['DATABASE_URL', 'REDIS_URL', 'REDIS_SENTINEL_PASSWORD', 'OIDC_CLIENT_SECRET', 'CREATOR_PASSWORD_HASH', 'METRICS_TOKEN', 'AUDIT_KEY']
/** Stand-ins for the Secret's values, to see that the relay accepts the rendered configuration. */
const secretExamples: Record<string, string> = {
  DATABASE_URL: 'postgres://netzwerkstatt:secret@postgresql:5432/netzwerkstatt',
  REDIS_URL: 'redis://:secret@redis:6379',
  METRICS_TOKEN: 'a-metrics-token-of-32-characters',
  AUDIT_KEY: 'an-audit-key-of-at-least-32-characters',
}
/** The image's user (`USER node` in the Dockerfile: uid 1000 in the official Node images). */
const nodeUid = 1000

function render(dir: string): Manifest[] {
  let output: string
  try {
    output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    throw new Error(`kubectl kustomize ${dir} failed (kubectl comes with Debian's kubernetes-client; .ci/run installs it): ${(error as Error).message}`)
  }
  return (
    parseAllDocuments(output)
      .map((document) => document.toJSON() as Manifest | null)
      // Debian's kubectl (1.20) leaves an empty document where a patch deleted a resource.
      .filter((manifest): manifest is Manifest => manifest !== null && Object.keys(manifest).length > 0)
  )
}

/**
 * Validates `manifest` against its kind's schema and fails on any field the schema does not name:
 * the generated validators check the fields they know and ignore the rest, so the manifest is
 * handed to them behind proxies that note every field they look at (maps such as labels are
 * walked whole); a field never looked at is unknown to the schema. (A free-form field, which
 * these manifests do not use, would have to be exempted.)
 */
function validateStrictly(manifest: Manifest): void {
  const Model = models[`${manifest.apiVersion}/${manifest.kind}`]
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`)
  const model = new Model(manifest as never)
  model.validate()
  const seen = new Map<object, { path: string; read: Set<string> }>()
  const proxies = new WeakMap<object, object>()
  const watch = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value
    const known = proxies.get(value)
    if (known) return known
    const read = new Set<string>()
    if (!Array.isArray(value)) seen.set(value, { path, read })
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const field = Reflect.get(target, key, receiver)
        if (typeof key !== 'string') return field
        read.add(key)
        return watch(field, `${path}/${key}`)
      },
      has(target, key) {
        if (typeof key === 'string') read.add(key)
        return Reflect.has(target, key)
      },
    })
    proxies.set(value, proxy)
    return proxy
  }
  model.validate.call(watch(structuredClone(manifest), ''))
  const unknown: string[] = []
  for (const [object, { path, read }] of seen) {
    for (const key of Object.keys(object)) if (!read.has(key)) unknown.push(`${path}/${key}`)
  }
  if (unknown.length > 0) throw new Error(`${manifest.kind} ${manifest.metadata.name}: fields the schema does not know: ${unknown.join(', ')}`)
}

function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind)
  expect(found, kind).toHaveLength(1)
  return found[0]!
}

interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } }
  containers: IContainer[]
  initContainers?: IContainer[]
  volumes: Array<Record<string, unknown> & { name: string }>
}
interface DeploymentSpec {
  replicas: number
  strategy: { type: string }
  selector: { matchLabels: Record<string, string> }
  template: { metadata: { labels: Record<string, string> }; spec: PodSpec }
}

function networkPolicy(manifests: Manifest[], name: string) {
  const found = manifests.filter((manifest) => manifest.kind === 'NetworkPolicy' && manifest.metadata.name === name)
  expect(found, name).toHaveLength(1)
  return found[0]!.spec as NetworkPolicy['spec'] & {}
}

function deploymentOf(manifests: Manifest[]) {
  return only(manifests, 'Deployment').spec as DeploymentSpec
}

/** The environment the relay sees: the ConfigMap's keys, then each `env` entry (secrets as stand-ins). */
function environmentOf(manifests: Manifest[], container: IContainer): Record<string, string> {
  const env: Record<string, string> = {}
  for (const source of container.envFrom ?? []) {
    const configMap = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === source.configMapRef?.name)
    expect(configMap, `ConfigMap ${source.configMapRef?.name}`).toBeDefined()
    Object.assign(env, (configMap as unknown as ConfigMap).data)
  }
  for (const entry of container.env ?? []) {
    const fromSecret = entry.valueFrom?.secretKeyRef
    if (fromSecret) {
      if (secretExamples[fromSecret.key]) env[entry.name] = secretExamples[fromSecret.key]!
    } else env[entry.name] = entry.value ?? ''
  }
  return env
}

function containerPort(container: IContainer, port: number | string | undefined): number | undefined {
  return typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort
}

describe.each(Object.entries(variants))('Kubernetes manifests: %s', (variant, dir) => {
  const manifests = render(dir)
  const deployment = deploymentOf(manifests)
  const pod = deployment.template.spec
  const containers = [...pod.containers, ...(pod.initContainers ?? [])]
  const relay = pod.containers[0]!

  it('renders only kinds with a schema, each valid against it with no unknown field', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(
      variant === 'base'
        ? ['ConfigMap', 'Deployment', 'Ingress', 'NetworkPolicy', 'NetworkPolicy', 'PersistentVolumeClaim', 'Service', 'ServiceMonitor']
        : ['ConfigMap', 'Deployment', 'Ingress', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceMonitor'],
    )
    for (const manifest of manifests) validateStrictly(manifest)
  })

  it('runs every container as the image user, read-only, without privileges, under seccomp', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: nodeUid, seccompProfile: { type: 'RuntimeDefault' } })
    for (const container of containers) {
      const context = container.securityContext
      expect(context, container.name).toMatchObject({
        runAsNonRoot: true,
        runAsUser: nodeUid,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      })
      expect(context?.capabilities?.add ?? [], container.name).toEqual([])
      expect(context?.privileged ?? false, container.name).toBe(false)
    }
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/^USER node$/m)
  })

  it('writes only to DATA_DIR and the temporary directory, each one volume', () => {
    const env = environmentOf(manifests, relay)
    expect(relay.volumeMounts?.map((mount) => mount.mountPath).sort()).toEqual([env.DATA_DIR, '/tmp'].sort())
    for (const volume of pod.volumes) {
      // One source each: a patch that adds one and leaves the other would be refused by the API server.
      expect(Object.keys(volume).filter((key) => key !== 'name'), volume.name).toHaveLength(1)
    }
    const volumeAt = (path: string) => pod.volumes.find((v) => v.name === relay.volumeMounts?.find((m) => m.mountPath === path)?.name)
    expect(volumeAt('/tmp')).toHaveProperty('emptyDir')
    const data = volumeAt(env.DATA_DIR!)
    if (variant === 'base') {
      const claim = (data?.persistentVolumeClaim as { claimName: string } | undefined)?.claimName
      expect(manifests.some((m) => m.kind === 'PersistentVolumeClaim' && m.metadata.name === claim), `claim ${claim}`).toBe(true)
    } else {
      expect(data).toHaveProperty('emptyDir')
    }
  })

  it('probes /livez and /readyz on the port the relay listens on, which the Service, NetworkPolicy and ServiceMonitor use', () => {
    const port = readConfig(environmentOf(manifests, relay)).port
    expect(relay.ports?.map((p) => p.containerPort)).toEqual([port])
    expect(relay.livenessProbe?.httpGet?.path).toBe('/livez')
    expect(relay.readinessProbe?.httpGet?.path).toBe('/readyz')
    expect(relay.startupProbe?.httpGet?.path).toBe('/livez')
    for (const probe of [relay.livenessProbe, relay.readinessProbe, relay.startupProbe]) {
      expect(containerPort(relay, probe?.httpGet?.port)).toBe(port)
    }
    expect(relay.resources?.requests).toMatchObject({ cpu: expect.anything(), memory: expect.anything() })
    expect(relay.resources?.limits).toMatchObject({ cpu: expect.anything(), memory: expect.anything() })

    const service = only(manifests, 'Service').spec as Service['spec'] & {}
    expect(service.ports).toHaveLength(1)
    const servicePort = service.ports![0]!
    expect(containerPort(relay, servicePort.targetPort)).toBe(port)
    expect(service.selector).toEqual(deployment.selector.matchLabels)
    expect(deployment.template.metadata.labels).toMatchObject(deployment.selector.matchLabels)

    const policy = networkPolicy(manifests, 'netzwerkstatt')
    expect(policy.policyTypes?.sort()).toEqual(['Egress', 'Ingress'])
    expect(policy.ingress?.flatMap((rule) => rule.ports ?? [{}])).toEqual([{ port, protocol: 'TCP' }])
    const egressPorts = policy.egress?.flatMap((rule) => rule.ports ?? [{}]).map((p) => p.port)
    expect(egressPorts?.sort()).toEqual(variant === 'base' ? [443, 53, 53, 587] : [26379, 443, 53, 53, 5432, 587, 6379])

    const monitor = only(manifests, 'ServiceMonitor').spec as ServiceMonitor['spec']
    expect(monitor.endpoints).toHaveLength(1)
    const endpoint = monitor.endpoints![0]!
    expect(endpoint.port).toBe(servicePort.name)
    expect(endpoint.path).toBe('/metrics')
    // /metrics answers only with METRICS_TOKEN: Prometheus reads it from where the relay does.
    const token = relay.env?.find((e) => e.name === 'METRICS_TOKEN')?.valueFrom?.secretKeyRef
    expect(token?.optional ?? false).toBe(false)
    expect(endpoint.authorization).toEqual({ type: 'Bearer', credentials: { name: token?.name, key: token?.key } })
  })

  it('sets only settings the relay knows, secrets only from a Secret by reference, and the relay accepts them', () => {
    const known = new Set(Object.keys(Env.shape))
    const configMaps = manifests.filter((m) => m.kind === 'ConfigMap') as unknown as ConfigMap[]
    for (const container of containers) {
      const names = [...configMaps.flatMap((c) => Object.keys(c.data ?? {})), ...(container.env ?? []).map((e) => e.name)]
      expect(names.filter((name) => !known.has(name)), container.name).toEqual([])
      for (const entry of container.env ?? []) {
        if (!secretSettings.includes(entry.name)) continue
        expect(entry.value, entry.name).toBeUndefined()
        expect(entry.valueFrom?.secretKeyRef, entry.name).toMatchObject({ name: expect.any(String), key: entry.name })
      }
    }
    for (const configMap of configMaps) {
      expect(Object.keys(configMap.data ?? {}).filter((key) => secretSettings.includes(key))).toEqual([])
    }
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([])

    const config = readConfig(environmentOf(manifests, relay))
    expect(config.host).toBe('0.0.0.0')
    expect(config.metricsToken).toBe(secretExamples.METRICS_TOKEN)
    expect(config.workers).toBe(1)
    // IT review of issue 63 (point 3): keyed, and each row's signed checkpoint on stdout, where the
    // cluster's log collection keeps it away from the database: what shows rows cut off the chain's end.
    expect({ keyed: config.auditKey !== null, auditStdout: config.auditStdout }).toEqual({ keyed: true, auditStdout: true })
  })

  it('denies by default: in only from the ingress controller and Prometheus, out only to named peers', () => {
    const policy = networkPolicy(manifests, 'netzwerkstatt')
    expect(policy.podSelector?.matchLabels).toEqual(deployment.selector.matchLabels)
    // A rule without `from`/`to` (or with an empty one) admits every peer; so does 0.0.0.0/0.
    const namespaces = (rule: { from?: Array<{ namespaceSelector?: { matchLabels?: Record<string, string> } }> }) =>
      (rule.from ?? []).map((peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'])
    expect(policy.ingress?.map(namespaces)).toEqual([['ingress-nginx', 'monitoring']])
    for (const rule of policy.egress ?? []) {
      expect(rule.to?.length, JSON.stringify(rule)).toBeGreaterThan(0)
      expect(rule.ports?.length, JSON.stringify(rule)).toBeGreaterThan(0)
      for (const peer of rule.to ?? []) {
        expect(Object.keys(peer).length, JSON.stringify(rule)).toBeGreaterThan(0)
        if (peer.ipBlock) expect(peer.ipBlock.cidr, JSON.stringify(rule)).toMatch(/\/32$/)
        if (peer.namespaceSelector) expect(peer.namespaceSelector.matchLabels, JSON.stringify(rule)).not.toEqual({})
        if (peer.podSelector) expect(peer.podSelector.matchLabels, JSON.stringify(rule)).not.toEqual({})
      }
    }
    const dns = policy.egress?.find((rule) => rule.ports?.some((p) => p.port === 53))
    expect(dns?.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }])
    // The provider's and mail relay's addresses are placeholders that reach nothing until set (RFC 5737).
    const addresses = policy.egress?.flatMap((rule) => rule.to ?? []).flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr] : []))
    expect(addresses).toEqual(['192.0.2.10/32', '192.0.2.25/32'])
  })

  it("lets only an in-cluster Keycloak's pods reach the relay's port (back-channel logout), and the relay only them", () => {
    const policy = networkPolicy(manifests, 'netzwerkstatt-keycloak')
    expect(policy.podSelector?.matchLabels).toEqual(deployment.selector.matchLabels)
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress'])
    // One peer with both selectors (AND): Keycloak's pods in Keycloak's namespace, not every pod
    // there and not every pod labelled so in any namespace (two peers would admit either).
    const keycloak = [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'keycloak' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'keycloak' } },
      },
    ]
    const relayPort = containerPort(relay, 'http')
    expect(relayPort).toBe(8787)
    // The Service address the docs suggest for the logout URL forwards to this port.
    const service = only(manifests, 'Service').spec as { ports: Array<{ port: number; targetPort: string | number }> }
    expect(containerPort(relay, service.ports[0]!.targetPort)).toBe(relayPort)
    expect(policy.ingress).toEqual([{ from: keycloak, ports: [{ port: relayPort, protocol: 'TCP' }] }])
    expect(policy.egress).toEqual([{ to: keycloak, ports: [{ port: 8080, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }] }])
  })

  it('names the image by digest, not by a tag that can be moved', () => {
    for (const container of containers) expect(container.image).toMatch(/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+@sha256:[0-9a-f]{64}$/)
  })

  if (variant === 'base') {
    it('runs exactly one relay on the SQLite file, and stops it before starting the next', () => {
      expect(deployment.replicas).toBe(1)
      expect(deployment.strategy).toEqual({ type: 'Recreate' })
      const config = readConfig(environmentOf(manifests, relay))
      expect(config.databaseUrl).toBeNull()
      expect(config.redisUrl).toBeNull()
    })
  } else {
    it('runs several relays only on PostgreSQL and Redis from the Secret, replaced one at a time', () => {
      expect(deployment.replicas).toBeGreaterThan(1)
      expect(deployment.strategy.type).toBe('RollingUpdate')
      for (const name of ['DATABASE_URL', 'REDIS_URL']) {
        expect(relay.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef, name).toMatchObject({ key: name })
        expect(relay.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef?.optional ?? false, name).toBe(false)
      }
      const config = readConfig(environmentOf(manifests, relay))
      expect(config.databaseUrl).toBe(secretExamples.DATABASE_URL)
      expect(config.redisUrl).toBe(secretExamples.REDIS_URL)
    })

    it('spreads the relays over zones and nodes without leaving one unscheduled', () => {
      const spread = (pod as PodSpec & { topologySpreadConstraints?: Array<Record<string, unknown>> }).topologySpreadConstraints
      // ScheduleAnyway: a node the rule cannot see (tainted, unlabelled, a one-zone cluster)
      // must not leave a relay pending and stall the rollout (maxUnavailable 0).
      const podLabels = deployment.template.metadata.labels
      expect(spread?.map((c) => c.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone'])
      for (const constraint of spread ?? []) {
        expect(constraint).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' })
        const selector = (constraint.labelSelector as { matchLabels: Record<string, string> }).matchLabels
        expect(Object.keys(selector).length).toBeGreaterThan(0)
        for (const [key, value] of Object.entries(selector)) expect(podLabels[key], key).toBe(value)
      }
    })
  }
})

describe('Kubernetes manifest validation', () => {
  const deployment = render(variants.base).find((m) => m.kind === 'Deployment')!

  it('refuses a misspelled field and a wrongly typed one', () => {
    validateStrictly(deployment)
    const misspelled = structuredClone(deployment) as Manifest & { spec: DeploymentSpec }
    const context = misspelled.spec.template.spec.containers[0]!.securityContext as Record<string, unknown>
    context.readOnlyRootFilesystm = context.readOnlyRootFilesystem
    delete context.readOnlyRootFilesystem
    expect(() => validateStrictly(misspelled)).toThrow('/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystm')

    const mistyped = structuredClone(deployment) as Manifest & { spec: Record<string, unknown> }
    mistyped.spec.replicas = '1'
    expect(() => validateStrictly(mistyped)).toThrow('replicas must be integer')

    expect(() => validateStrictly({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'netzwerkstatt' } })).toThrow('no schema for v1 Secret')
  })
})
