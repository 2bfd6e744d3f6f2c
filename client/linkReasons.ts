/**
 * The relay's reasons about network links (`server/http/networkAuth.ts`, `networkLinksApi.ts`),
 * in the page's language: a refusal says which link is needed, not only that it was refused.
 */
import { t } from './locale.ts'

const reasons: Record<string, () => string> = {
  'the pack link downloads the released pack and nothing else': () => t.reasonPackLinkOnly,
  'the network link was renewed meanwhile': () => t.reasonNetworkRenewedMeanwhile,
  "the network's link is needed": () => t.reasonNetworkLinkNeeded,
}

/** The server's message in the reader's words, where it is one of these reasons. */
export const linkReasonText = (message: string): string | undefined => reasons[message]?.()
