/**
 * A sign-in's groups, read again at the provider every OIDC_RECHECK_SECONDS (five minutes by
 * default) with its refresh token, so that someone taken out of a group in Keycloak loses what the
 * group gave within that time, not when the session expires. Rechecked when the session is used
 * (a request) and, while it has sockets open, on a timer (`SignedInSockets.watch`).
 *
 * Fails closed: a provider that refuses the refresh token (signed out or revoked there), a subject
 * that changed, or no group with any right any more ends the session; a provider that cannot be
 * reached is asked again at the next check, and the session ends once its groups have gone
 * unconfirmed for two intervals.
 */
import * as oidc from 'openid-client'
import type { Logger } from '../base/logger.ts'
import { describeError } from '../base/logger.ts'
import { rightsFor, type GroupSettings } from './groupRights.ts'
import type { OidcLogin } from './oidcLogin.ts'
import { linkTo, tokensOf } from './providerTokens.ts'
import type { FoundSession, Sessions } from './sessions.ts'

export interface GroupRecheckOptions {
  sessions: Sessions
  oidc: OidcLogin
  groups: GroupSettings
  intervalMs: number
  /** The subject's pseudonym, as the session's `actor` holds it. */
  actorOf(subject: string): string
  /** The session ended, or lost a right: its sockets close everywhere (they come back under what is left). */
  signedOut(key: string): void
  /** The session's end, for the audit trail (`signed-out:recheck`). */
  ended?(session: FoundSession): Promise<void>
  logger: Logger
  now?: () => number
}

export class GroupRecheck {
  /** Checks under way in this process, one per session. */
  private readonly running = new Map<string, Promise<FoundSession | undefined>>()

  constructor(private readonly options: GroupRecheckOptions) {}

  get intervalMs(): number {
    return this.options.intervalMs
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }

  due(session: FoundSession): boolean {
    return session.method === 'oidc' && this.now() - (session.provider?.checkedAt ?? 0) >= this.options.intervalMs
  }

  /** The session as it stands after a check, if one is due; undefined if it ended. `cookieId` unseals its tokens. */
  async current(cookieId: string, session: FoundSession): Promise<FoundSession | undefined> {
    if (!this.due(session)) return session
    let check = this.running.get(session.key)
    if (!check) {
      check = this.check(cookieId, session).finally(() => this.running.delete(session.key))
      this.running.set(session.key, check)
    }
    return check
  }

  private async end(session: FoundSession, reason: string, error?: unknown): Promise<undefined> {
    this.options.logger.info('sign-in ended by recheck', { reason, ...(error ? describeError(error) : {}) })
    await this.options.sessions.endByKey(session.key)
    this.options.signedOut(session.key)
    await this.options.ended?.(session)
    return undefined
  }

  private async check(cookieId: string, session: FoundSession): Promise<FoundSession | undefined> {
    const { options } = this
    if (!session.provider) return this.end(session, 'no refresh token (signed in before rechecks)')
    let tokens: ReturnType<typeof tokensOf>
    try {
      tokens = tokensOf(cookieId, session.provider)
    } catch (error) {
      return this.end(session, 'tokens unreadable', error)
    }
    if (!tokens.refreshToken) return this.end(session, 'the provider issued no refresh token')
    let fresh: Awaited<ReturnType<OidcLogin['refresh']>>
    try {
      fresh = await options.oidc.refresh(tokens.refreshToken)
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError) return this.end(session, 'the provider refused the refresh token', error)
      if (this.now() - session.provider.checkedAt >= 2 * options.intervalMs) return this.end(session, 'the provider could not be reached for two intervals', error)
      options.logger.warn('groups not rechecked: provider unreachable', describeError(error))
      return session
    }
    if (options.actorOf(fresh.subject) !== session.actor) return this.end(session, 'the provider named another subject')
    const rights = rightsFor(options.groups, fresh.groups)
    if (rights.length === 0) return this.end(session, 'no group with any right any more')
    const updated: FoundSession = {
      ...session,
      rights,
      provider: linkTo(cookieId, null, { idToken: fresh.idToken ?? tokens.idToken, refreshToken: fresh.refreshToken ?? tokens.refreshToken }, this.now()),
    }
    // The provider's session stays the one signed in with (a refreshed ID token repeats its sid).
    updated.provider!.sid = session.provider.sid
    await options.sessions.update(updated)
    if (session.rights.some((right) => !rights.includes(right))) {
      options.logger.info('rights changed at the provider', { rights: rights.join(',') })
      options.signedOut(session.key)
    }
    return updated
  }
}
