import { toRichText as tldrawRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { toRichText } from '../../shared/board/textRichText.ts'

describe('a plain text as rich text', () => {
  it('is what tldraw writes for it, empty lines as empty paragraphs', () => {
    for (const text of ['', 'Ein Zettel', 'Zwei\nZeilen', '\nvorn leer\n\nund hinten\n', 'Tab\tund Ümlaut ✓']) expect(toRichText(text)).toEqual(tldrawRichText(text))
  })
})
