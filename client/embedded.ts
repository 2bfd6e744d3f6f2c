/**
 * This page inside another site's frame (a video tool: docs/embedding.md), and the way out of it:
 * the same page in a tab of its own, where the browser keeps storage and a sign-in as usual.
 */
import { pageLinkFragment } from './linkKey.ts'

/** Whether this page is shown in a frame (comparing with `top` is allowed across sites). */
export function isEmbedded(): boolean {
  try {
    return window.self !== window.top
  } catch {
    return true
  }
}

/**
 * This page's link with its key, for a tab of its own: the key this frame was opened with
 * (`linkKey.ts` keeps it), which the new tab takes out of its address on load as any link's.
 */
export const ownTabLink = (): string => `${window.location.pathname}${window.location.search}${pageLinkFragment()}`
