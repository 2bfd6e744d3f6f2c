/** Calls to our own server (same origin). Responses are checked against the shared zod shapes. */
import { BoardMeta, ClientConfig, UploadedAsset } from '../shared/api.ts'
import type { Locale } from '../shared/templates/model.ts'
import type { TemplateName } from '../shared/templates/registry.ts'

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function call(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, init)
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const message =
      typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : `HTTP ${response.status}`
    throw new ApiError(response.status, message)
  }
  return body
}

const configCacheKey = 'netzwerkstatt:config'
const fallbackConfig: ClientConfig = { tldrawLicenseKey: null, maxAssetBytes: 10 * 1024 * 1024 }

/** The server's client settings; offline, the last ones this browser saw. */
export async function fetchConfig(): Promise<ClientConfig> {
  try {
    const config = ClientConfig.parse(await call('/api/config'))
    try {
      localStorage.setItem(configCacheKey, JSON.stringify(config))
    } catch {}
    return config
  } catch {
    const cached = ClientConfig.safeParse(JSON.parse(localStorage.getItem(configCacheKey) ?? 'null'))
    return cached.success ? cached.data : fallbackConfig
  }
}

/** A new board, empty or started with a workshop template (its options default on the server). */
export async function createBoard(
  title: string,
  start?: { template: TemplateName; locale: Locale; options?: Record<string, unknown> },
): Promise<BoardMeta> {
  return BoardMeta.parse(
    await call('/api/boards', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, ...start }),
    }),
  )
}

export type BoardLookup =
  | { kind: 'found'; meta: BoardMeta }
  | { kind: 'not-found' }
  /** Network down or server unreachable: the board may still open from the local copy. */
  | { kind: 'unreachable' }

export async function lookupBoard(id: string): Promise<BoardLookup> {
  try {
    return { kind: 'found', meta: BoardMeta.parse(await call(`/api/boards/${encodeURIComponent(id)}`)) }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { kind: 'not-found' }
    if (error instanceof ApiError) throw error
    return { kind: 'unreachable' }
  }
}

/** Uploads the file's bytes as they are; the server answers with the asset's URL. */
export async function uploadAsset(boardId: string, file: Blob, signal?: AbortSignal): Promise<string> {
  const body = await call(`/api/boards/${encodeURIComponent(boardId)}/assets`, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
    signal,
  })
  return UploadedAsset.parse(body).url
}
