/**
 * The steering group's pack rendered with the board's PDF renderer and read back with poppler's
 * `pdftotext` (a process, so not a unit test): title, Statusbericht, open items, nothing of the
 * internal board, the release state on every page, every sign and emoji people write printed as
 * itself; tagged for a screen reader.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { steeringPack, steeringPackLayout } from '../../shared/results/steeringPack.ts'
import { renderPdf } from '../../server/documents/dokumentation/pdf.ts'
import { firstPagePng, pdfElements, pdfStructure, pdfText, skipPdfTests } from '../helpers/pdfText.ts'
import { artifacts } from '../helpers/browser.ts'
import { network } from '../unit/templates/steeringNetwork.ts'
import { noteInCell } from '../unit/templates/helpers.ts'
import { replacementCharacter } from '../../server/documents/dokumentation/pdf.ts'
import { hang } from '../helpers/hang.ts'

describe('the steering group pack as PDF', () => {
  it.skipIf(skipPdfTests)('renders the pack with the board’s PDF renderer, its release state on every page', { timeout: hang(30_000) }, async () => {
    const { input } = network()
    const pack = steeringPack(input, '2026-11-24', 'de')
    const pdf = await renderPdf(steeringPackLayout(pack, 'de'), 'de', true)
    await firstPagePng(pdf, join(artifacts, 'steering-pack-page1.png'))
    const text = pdfText(pdf)
    // The title may wrap: its words in order.
    expect(text.replace(/\s+/g, ' ')).toContain('Unterlagen für die Steuerungsgruppe: Netzwerk Frühe Hilfen Görlitz')
    // The Steuerungsgruppe board is not released: left out, counted.
    expect(text).not.toContain('Zwölf Träger haben unterschrieben')
    expect(text).toContain('1 Board noch nicht freigegeben, nicht enthalten.')
    expect(text).toContain('Frau Łukasz, 1.12.')
    expect(text).not.toContain('Leitung blockiert')
    for (const page of text.split('\f').filter((p) => p.trim())) expect(page).toContain('Alle enthaltenen Boards sind zur Weitergabe freigegeben')
    // Tagged: the title as H1 first, headings never a level deeper than the one before, tables
    // under header cells, every printed word in the tree or an artifact.
    const structure = await pdfStructure(pdf)
    expect(structure).toMatchObject({ language: 'de-DE', untagged: [] })
    const elements = pdfElements(structure.pages)
    const headings = elements.filter((e) => /^H\d$/.test(e.role)).map((e) => Number(e.role.slice(1)))
    expect(headings[0]).toBe(1)
    headings.forEach((level, i) => expect(level - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1))
    expect(elements.find((e) => e.role === 'H1')!.text).toContain('NetzwerkFrüheHilfenGörlitz')
    // A table begins with its header row, unless it goes on from the page before.
    structure.pages.forEach((page, p) =>
      page.children[0]!.children.forEach((e, i) => {
        if (e.role === 'Table' && (p === 0 || i > 0)) expect(e.children[0]!.children[0]!.role, e.text).toBe('TH')
      }),
    )
    expect(elements.filter((e) => e.role === 'TD').map((e) => e.text)).toContain('FrauŁukasz,1.12.')
  })

  it.skipIf(skipPdfTests)('prints the Fahrplan’s signs, arrows, German quotes and a Zettel’s emoji as themselves, never as �', { timeout: hang(30_000) }, async () => {
    const { input } = network()
    const minutes = input.boards[0]
    const task = '✓ Entwurf „Aufnahmebogen“ → Zielsystem … ○ offen, ● erledigt 👍 ✅ ≈ 3 Träger – fertig'
    minutes.records = [...minutes.records, noteInCell(minutes.records as TLShape[], 'tops:cell:top1:aufgabe', task, 40)]
    minutes.title = 'Gründung ✓ – „Kick-off“ 🎉'
    const pack = steeringPack(input, '2026-11-24', 'de')
    const layout = steeringPackLayout(pack, 'de')
    // What the layout says is what the PDF must print.
    const written = JSON.stringify(layout)
    expect(written).toContain(task)
    const pdf = await renderPdf(layout, 'de', true)
    await firstPagePng(pdf, join(artifacts, 'steering-pack-signs.png'))
    const text = pdfText(pdf)
    expect(text).not.toContain(replacementCharacter)
    // The open item's cell shares its lines with the next column's: sign by sign, and the title whole.
    for (const sign of ['✓', '„', '“', '→', '…', '○', '●', '👍', '✅', '≈', '–', '🎉']) expect(text).toContain(sign)
    expect(text).toContain('Gründung ✓ – „Kick-off“ 🎉')
    expect(text).toContain('Zielsystem')
  })
})
