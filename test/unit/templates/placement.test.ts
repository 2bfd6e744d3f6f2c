import { describe, expect, it } from 'vitest'
import { findFreeSpot, overlaps, type Box } from '../../../shared/templates/geometry.ts'
import { plainText } from '../../../shared/templates/richText.ts'

describe('placing a template', () => {
  const size = { w: 1000, h: 600 }
  const distance = (p: { x: number; y: number }, near: { x: number; y: number }) =>
    Math.hypot(p.x + size.w / 2 - near.x, p.y + size.h / 2 - near.y)

  it('centres it on the view when the board is empty there', () => {
    expect(findFreeSpot([{ x: 5000, y: 5000, w: 100, h: 100 }], size, { x: 0, y: 0 })).toEqual({ x: -500, y: -300 })
  })

  it('never lands on existing content, and stays near the view', () => {
    const occupied: Box[] = [
      { x: -300, y: -200, w: 600, h: 400 },
      { x: 400, y: -800, w: 300, h: 2000 },
      { x: -2000, y: 300, w: 2500, h: 200 },
    ]
    const near = { x: 0, y: 0 }
    const spot = findFreeSpot(occupied, size, near)
    for (const box of occupied) expect(overlaps({ ...spot, ...size }, box)).toBe(false)
    expect(distance(spot, near)).toBeLessThan(2000)
  })

  it('finds room on a crowded board', () => {
    const occupied: Box[] = []
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) occupied.push({ x: i * 300, y: j * 300, w: 250, h: 250 })
    const spot = findFreeSpot(occupied, size, { x: 1500, y: 1500 })
    for (const box of occupied) expect(overlaps({ ...spot, ...size }, box)).toBe(false)
  })
})

describe('text of a note', () => {
  it('keeps paragraphs, line breaks and list items as lines', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Kita-Plätze' }, { type: 'hardBreak' }, { type: 'text', text: 'unter 3' }] },
        { type: 'paragraph' },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'früh' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', marks: [{ type: 'bold' }], text: 'spät' }] }] },
          ],
        },
      ],
    }
    expect(plainText(doc)).toBe('Kita-Plätze\nunter 3\n\nfrüh\nspät')
    expect(plainText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '?' }] }] })).toBe('?')
    expect(plainText(undefined)).toBe('')
  })
})
