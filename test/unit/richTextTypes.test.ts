/**
 * The words of a shape (`shared/board/shapeText.ts`) are read from rich text whose node and mark
 * types the relay knows: a type it does not know counts as something the canvas cannot show, and
 * a participant's client that formats text with it would be refused. The list there must follow
 * tldraw: this derives what tldraw's own editor knows (the tiptap extensions it writes rich text
 * with, `tipTapDefaultExtensions`, as tiptap builds its schema from them) and fails on an upgrade
 * that brings a type the list lacks.
 */
import { describe, expect, it } from 'vitest'
import { getSchema } from '@tiptap/core'
import { tipTapDefaultExtensions } from 'tldraw'
import { knownMarkTypes, knownNodeTypes } from '../../shared/board/shapeText.ts'

describe('rich text types the relay knows', () => {
  const schema = getSchema(tipTapDefaultExtensions)

  it('every node type of tldraw’s rich text is known', () => {
    const nodes = Object.keys(schema.nodes)
    expect(nodes).toContain('paragraph')
    expect(nodes.filter((type) => !knownNodeTypes.has(type))).toEqual([])
  })

  it('every mark type of tldraw’s rich text is known', () => {
    const marks = Object.keys(schema.marks)
    expect(marks).toContain('bold')
    expect(marks.filter((type) => !knownMarkTypes.has(type))).toEqual([])
  })

  it('the lists name nothing tldraw’s rich text lacks (a type left over from an older tldraw)', () => {
    expect([...knownNodeTypes].filter((type) => !(type in schema.nodes))).toEqual([])
    expect([...knownMarkTypes].filter((type) => !(type in schema.marks))).toEqual([])
  })
})
