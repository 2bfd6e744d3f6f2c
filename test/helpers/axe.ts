/**
 * axe-core in a real page: the serious and critical WCAG 2.1 A/AA violations it finds. The
 * script is evaluated through the DevTools protocol, so the page's Content-Security-Policy stays
 * as it is.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeFinding {
  rule: string
  impact: string
  help: string
  targets: string[]
}

export async function axeFindings(page: Page, include?: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
    const result = await axe.run(include ? { include: [include] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
  }, include)
}

/**
 * Text in `root` that the page cuts off or pushes out of the window: an element whose content is
 * wider than its box (unless its title holds the whole text), or whose box leaves the viewport.
 */
export function clippedText(page: Page, root: string): Promise<string[]> {
  return page.evaluate((root) => {
    const found: string[] = []
    for (const container of document.querySelectorAll(root)) {
      for (const el of container.querySelectorAll<HTMLElement>('button, label, a, h1, h2, h3, p, span, select, li, th, td')) {
        const box = el.getBoundingClientRect()
        // Visually hidden text is clipped on purpose.
        if (box.width < 2 || box.height < 2) continue
        const style = getComputedStyle(el)
        const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis'
        const text = (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 60)
        // An ellipsis is fine where hovering shows the whole text.
        const whole = el.title && el.title.trim() === el.innerText.trim()
        if (clips && !whole && el.scrollWidth > el.clientWidth + 1) found.push(`cut: ${text}`)
        else if (box.left < -1 || box.right > window.innerWidth + 1) found.push(`off-screen: ${text}`)
      }
    }
    return found
  }, root)
}
