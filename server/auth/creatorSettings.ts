/** Who may create boards, as the settings give it (`server/ops/config.ts`) to the sign-in routes (`server/http/authApi.ts`). */
import type { GroupSettings } from './groupRights.ts'
import type { OidcSettings } from './oidcLogin.ts'

export interface CreatorSettings {
  passwordHash: string | null
  oidc: OidcSettings | null
  /** Which of the provider's groups may create, facilitate, join (`groupRights.ts`). */
  groups: GroupSettings
  /** PUBLIC_URL: where the provider sends people back after signing out there. */
  publicUrl: URL | null
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean
}
