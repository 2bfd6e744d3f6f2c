/**
 * `GET /api/config`: the settings the board page reads before it mounts the editor. The canvas's
 * first paint waits on it beside the link check, so it is read with plain readers instead of the
 * zod schema `ClientConfig` in `shared/api.ts`, which stays the relay's contract (zod kept off the
 * canvas's first paint, test/integration/phoneFirstLoad.test.ts). The reader takes what
 * `ClientConfig` takes and gives what it gives (test/unit/clientConfig.test.ts).
 */
import type { ClientConfig } from '../shared/api.ts'
import type { LicenceReading } from '../shared/tldrawLicence.ts'
import { call } from './apiCall.ts'

type Fields = Record<string, unknown>
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean'
const licenceKinds: readonly unknown[] = ['annual', 'perpetual', 'evaluation', 'unknown'] satisfies (LicenceReading & { state: 'read' })['kind'][]

/** The licence as the relay read it, as `LicenceReadingSchema` reads it (unknown fields dropped), or null. */
function readLicenceReading(value: unknown): LicenceReading | null {
  if (!isFields(value)) return null
  if (value.state === 'none') return { state: 'none' }
  if (value.state === 'unreadable') return value.problem === 'format' || value.problem === 'signature' ? { state: 'unreadable', problem: value.problem } : null
  if (value.state !== 'read') return null
  const { id, kind, hosts, expiry, watermark, native } = value
  if (!isString(id) || !licenceKinds.includes(kind) || !Array.isArray(hosts) || !hosts.every(isString) || !isString(expiry) || !isBoolean(watermark) || !isBoolean(native)) return null
  return { state: 'read', id, kind: kind as (LicenceReading & { state: 'read' })['kind'], hosts: [...hosts], expiry, watermark, native }
}

/** The settings as `ClientConfig` reads them (unknown fields dropped, the licence's default filled), or null for anything else. */
export function readClientConfig(body: unknown): ClientConfig | null {
  if (!isFields(body)) return null
  const { tldrawLicenseKey, maxAssetBytes, tldrawLicence } = body
  if (tldrawLicenseKey !== null && !isString(tldrawLicenseKey)) return null
  if (typeof maxAssetBytes !== 'number' || !Number.isSafeInteger(maxAssetBytes) || maxAssetBytes <= 0) return null
  const licence = tldrawLicence === undefined ? { state: 'none' as const } : readLicenceReading(tldrawLicence)
  return licence ? { tldrawLicenseKey, maxAssetBytes, tldrawLicence: licence } : null
}

const configCacheKey = 'netzwerkstatt:config'
const fallbackConfig: ClientConfig = { tldrawLicenseKey: null, maxAssetBytes: 10 * 1024 * 1024, tldrawLicence: { state: 'none' } }

/** The server's client settings; offline, the last ones this browser saw. */
export async function fetchConfig(): Promise<ClientConfig> {
  try {
    const config = readClientConfig(await call('/api/config'))
    if (!config) throw new Error('not the relay’s settings')
    try {
      localStorage.setItem(configCacheKey, JSON.stringify(config))
    } catch {}
    return config
  } catch {
    return readClientConfig(JSON.parse(localStorage.getItem(configCacheKey) ?? 'null')) ?? fallbackConfig
  }
}
