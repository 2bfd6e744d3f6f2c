/**
 * The Dokumentation and the pack as PDF/A-2a (tagged, level A) (`renderPdf(…, { archival: true })`), for an E-Akte:
 * identified in its XMP, the sRGB output intent, every font embedded, a well-formed packet whatever
 * the title holds, and the same text as the ordinary PDF.
 */
import { describe, expect, it } from 'vitest'
import { renderPdf } from '../../server/documents/dokumentation/pdf.ts'
import type { DocumentLayout } from '../../shared/results/layout.ts'
import { pdfArchivalFacts, pdfElements, pdfStructure, pdfTagged, pdfText, skipPdfTests } from '../helpers/pdfText.ts'
import { hang } from '../helpers/hang.ts'

const layout: DocumentLayout = {
  title: 'Dokumentation: Jugendamt & Jobcenter <Łódź–Görlitz>',
  release: 'Zur Weitergabe freigegeben am 25.11.2026',
  blocks: [
    { kind: 'heading', level: 1, text: 'Dokumentation: Jugendamt & Jobcenter <Łódź–Görlitz>' },
    { kind: 'line', text: 'Geprüft ✓ → weiter 👍', strong: true },
    { kind: 'table', columns: ['Was', 'Wer und bis wann'], rows: [[['Räume bei Trägern anfragen'], ['Frau Łukasz, 15.1.']]] },
  ],
}

describe('the Dokumentation as PDF/A', () => {
  it.skipIf(skipPdfTests)('is a tagged PDF/A-2a with its fonts embedded, its title in a well-formed packet, and the ordinary PDF’s text', { timeout: hang(30_000) }, async () => {
    const [archival, ordinary] = await Promise.all([renderPdf(layout, 'de', false, { archival: true }), renderPdf(layout, 'de', false)])
    const facts = pdfArchivalFacts(archival)
    expect(facts).toMatchObject({ version: '1.7', part: '2', conformance: 'A', xmpWellFormedText: true, outputIntent: true, encrypted: false, javascript: false })
    expect(facts.xmpTitle).toBe('Dokumentation: Jugendamt + Jobcenter ‹Łódź–Görlitz›')
    // Plex in both subsets, DejaVu for the signs, Noto for the emoji: each embedded.
    expect(facts.fonts.length).toBeGreaterThanOrEqual(3)
    for (const font of facts.fonts) expect(font, font.name).toMatchObject({ embedded: true })
    expect(pdfText(archival)).toBe(pdfText(ordinary))
    expect(pdfText(archival)).toContain('Dokumentation: Jugendamt & Jobcenter <Łódź–Görlitz>')
    // The option is what makes it one: the ordinary PDF claims no conformance.
    expect(pdfArchivalFacts(ordinary)).toMatchObject({ part: null, outputIntent: false })
    // Level A: tagged, as poppler sees it, its title shown, its table's header cells scoped.
    for (const pdf of [archival, ordinary]) {
      expect(pdfTagged(pdf)).toBe(true)
      const raw = Buffer.from(pdf).toString('latin1')
      expect(raw).toMatch(/\/DisplayDocTitle true/)
      expect(raw.match(/\/Scope \/Column/g)).toHaveLength(2)
    }
    const structure = await pdfStructure(archival)
    expect(structure).toMatchObject({ language: 'de-DE', untagged: [] })
    expect(pdfElements(structure.pages).map((e) => e.role)).toEqual(['Root', 'Document', 'H1', 'P', 'Table', 'TR', 'TH', 'TH', 'TR', 'TD', 'TD'])
  })

  it.skipIf(skipPdfTests)('names its language as the locale’s', { timeout: hang(30_000) }, async () => {
    const english = await renderPdf({ ...layout, blocks: layout.blocks.slice(0, 1) }, 'en', false, { archival: true })
    expect((await pdfStructure(english)).language).toBe('en-GB')
  })
})
