/** Text people wrote, in the Markdown export and report: it shows as typed, links and images included. */
import { describe, expect, it } from 'vitest'
import { markdownCellText, markdownLine } from '../../shared/templates/markdownText.ts'

/** Every `[` that a Markdown reader could take as the start of a link, image or reference. */
const linkStarts = (markdown: string) => markdown.match(/(?<!\\)(?:\\\\)*\[/g) ?? []

describe('a note in Markdown', () => {
  const written = [
    '![](https://tracker.example/open.png)',
    '[Bitte hier bestätigen](javascript:alert(1))',
    '[Anmeldung][1]\n\n[1]: https://phish.example/',
    'schon maskiert \\[nein](https://phish.example/)',
  ]

  it('makes no link and fetches no image: a reader sees the brackets as typed', () => {
    for (const text of written) {
      expect(linkStarts(markdownLine(text)), text).toEqual([])
      expect(linkStarts(markdownCellText(text)), text).toEqual([])
    }
  })

  it('keeps brackets that link nothing readable', () => {
    expect(markdownLine('[Entwurf] Zeitplan')).toBe('\\[Entwurf] Zeitplan')
  })
})
