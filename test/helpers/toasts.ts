/**
 * tldraw's toasts close 4 s after they mount (Radix's timer, unless the pointer rests on them). A
 * wait for one that starts after the action's own awaits (a click's round trips, a poll, a
 * screenshot) can start after it closed on a slow machine: CI's two cores, a GC pause. So the wait
 * starts before the action.
 */
import type { Locator, Page } from 'playwright-core'
import { hang } from './hang.ts'

/** The page's toasts (tldraw's `.tlui-toast__container`) whose text matches. */
export const toasts = (page: Page, text: string | RegExp): Locator => page.locator('.tlui-toast__container').filter({ hasText: text })

/**
 * Runs `action` and waits until a toast whose text matches is shown, watching from before the
 * action; the toast's locator (it may close 4 s later). One already showing counts: close it first
 * where a new one is the point.
 */
export async function toastAfter(page: Page, text: string | RegExp, action: () => Promise<unknown>, timeout = 30_000): Promise<Locator> {
  const toast = toasts(page, text).first()
  const shown = toast.waitFor({ timeout: hang(timeout) })
  // Should the action fail, its error is the one to report.
  shown.catch(() => {})
  await action()
  await shown
  return toast
}
