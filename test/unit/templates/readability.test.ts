/**
 * Templates readable with the whole template in view: on a 1440×900 laptop and a 1920×1080
 * projector, every header of a fresh template is at least 14 px on screen at zoom-to-fit, and
 * small print is black, not tldraw's light grey.
 */
import { toRichText, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { templateNames, type TemplateName } from '../../../shared/templates/registry.ts'
import { bodyFont } from '../../../shared/templates/typography.ts'
import type { Locale } from '../../../shared/locale.ts'
import { plainText } from '../../../shared/templates/richText.ts'
import { build, grow, keyOf } from './helpers.ts'

/**
 * The zoom showBounds (client/templates/showInView.ts) picks for a template's box on a screen:
 * the menu bar and toolbar above and below, and the facilitator's buttons (about 200×185 px)
 * in the top-left corner, with the template beside or below them, whichever is larger.
 */
function fitZoom(w: number, h: number, screen: { w: number; h: number }) {
  const margin = 16
  const top = 48 + margin
  const bottom = 64 + margin
  const beside = Math.min((screen.w - 200 - 2 * margin) / w, (screen.h - top - bottom) / h)
  const below = Math.min((screen.w - 2 * margin) / w, (screen.h - 185 - margin - bottom) / h)
  return Math.min(1, Math.max(beside, below))
}

const screens = [
  { w: 1440, h: 900 },
  { w: 1920, h: 1080 },
]

/** Options that lay a template out otherwise than its defaults: as readable. */
const variants: Array<[TemplateName, unknown]> = [
  // One's own case: the case's cell beside the card, the board no taller.
  ['planspiel', { case: 'blank' }],
  // One chain (the default draws both): the comparison beside it, at its own type size.
  ['dienstleistungskette', { variant: 'soll' }],
]

describe('templates readable at zoom-to-fit', () => {
  for (const [name, raw] of [...templateNames.map((n): [TemplateName, unknown] => [n, {}]), ...variants])
    for (const locale of ['de', 'en'] as Locale[])
      it(`${name} ${JSON.stringify(raw)} (${locale}): headers at least 14 px on a laptop and a projector, small print black`, () => {
        const { plan, shapes } = build(name, raw, locale)
        for (const screen of screens) {
          const zoom = fitZoom(plan.layout.w, plan.layout.h, screen)
          for (const block of plan.layout.blocks) {
            if (block.kind !== 'header') continue
            const px = bodyFont * (block.scale ?? 1) * zoom
            expect(px, `${block.key} at ${screen.w}×${screen.h}`).toBeGreaterThanOrEqual(14)
          }
        }
        const texts = shapes.filter((s) => s.type === 'text')
        expect(texts.length).toBeGreaterThan(1)
        for (const text of texts) expect((text.props as { color: string }).color, keyOf(text)).toBe('black')
      })

  it('does not write a prompt again on a board whose header still carries it', () => {
    // A Beteiligtenanalyse from before prompts moved out of the headers: title and prompt in one.
    const { shapes } = build('beteiligtenanalyse', {}, 'de')
    const prompt = shapes.find((s) => keyOf(s) === 'head:ziele:prompt')!
    const header = shapes.find((s) => keyOf(s) === 'head:ziele')!
    const promptText = plainText((prompt.props as { richText: unknown }).richText)
    const old: TLShape[] = shapes
      .filter((s) => !keyOf(s)?.endsWith(':prompt'))
      .map((s) => (s.id === header.id ? ({ ...s, props: { ...s.props, richText: toRichText(`Ziele\n${promptText}`) } } as TLShape) : s))
    expect(promptText.length).toBeGreaterThan(20)
    const { create } = grow(old, 'addPartner', 'Familienzentrum')
    const created = create.map(keyOf)
    expect(created).not.toContain('head:ziele:prompt')
    // Prompts the old headers never had are written.
    expect(created).toContain('head:interessen:prompt')
  })
})
