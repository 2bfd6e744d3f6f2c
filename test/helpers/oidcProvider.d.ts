/**
 * The little of `oidc-provider` (panva, OpenID Certified) the test provider uses; the package
 * ships no types, and `@types/oidc-provider` would pull in Koa's.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface ProviderContext {
    oidc: {
      route?: string
      params?: Record<string, unknown>
      session?: { accountId?: string }
      entities: { IdTokenHint?: { payload: { sub?: string } } }
    }
    status: number
    body: unknown
    method: string
  }

  export interface ProviderClient {
    clientId: string
    backchannelLogout(sub: string, sid: string | undefined): Promise<void>
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void
    save(): Promise<string>
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ prompt: { name: string }; params: Record<string, unknown>; session?: { accountId: string } }>
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>
    use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): void
    on(event: string, listener: (...args: unknown[]) => void): void
    Client: { find(id: string): Promise<ProviderClient | undefined> }
    Grant: new (init: { clientId: string; accountId: string }) => GrantInstance
  }
  export default Provider

  export class Check {
    static REQUEST_PROMPT: boolean
    static NO_NEED_TO_PROMPT: boolean
    constructor(reason: string, description: string, check: (ctx: ProviderContext) => boolean | Promise<boolean>)
  }
  export const interactionPolicy: {
    Check: typeof Check
    base(): { get(name: string): { checks: Check[] } | undefined }
  }
}

declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  export default class MemoryAdapter {
    constructor(model: string)
    model: string
    find(id: string): Promise<Record<string, unknown> | undefined>
    findByUid(uid: string): Promise<Record<string, unknown> | undefined>
    upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void>
    destroy(id: string): Promise<void>
  }
}
