/**
 * The Dokumentation's files from one layout, in one run: a PDF whose every Zettel has a sign and
 * an emoji (set in DejaVu Sans and Noto Emoji beside Plex, each a run of its own) against the same
 * PDF in plain words, and PDF/A, ODT and DOCX against that plain PDF. The PDFs are hyphenated.
 */
import type { DocumentLayout } from '../shared/results/layout.ts'
import { renderDocx } from '../server/documents/dokumentation/docx.ts'
import { renderOdt } from '../server/documents/dokumentation/odt.ts'
import { renderPdf } from '../server/documents/dokumentation/pdf.ts'
import { median, round } from './stats.ts'

const words = ['Netzwerkkoordination', 'Gesundheitsamt', 'Jugendhilfe', 'Kinderschutzfachkraft', 'Fallkonferenz', 'Träger', 'anfragen', 'bis', 'März', 'gemeinsamer', 'Aufnahmebogen']

function layout(rows: number, signs: boolean): DocumentLayout {
  const note = (i: number) => Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ') + (signs ? ' ✓ → 👍' : '')
  return {
    title: 'Dokumentation',
    release: 'Intern – noch nicht zur Weitergabe freigegeben',
    blocks: [
      { kind: 'heading', level: 1, text: 'Dokumentation' },
      { kind: 'table', columns: ['Was', 'Wer und bis wann', 'Quelle'], rows: Array.from({ length: rows }, (_, i) => [[note(i)], [`Frau ${i}, 1.12.`], [note(i + 1)]]) },
    ],
  }
}

export interface LayoutFormatFigures {
  rows: number
  rounds: number
  plainPdfMs: number
  signsPdfMs: number
  archivalPdfMs: number
  odtMs: number
  docxMs: number
  ratios: { signsVsPlainPdf: number; archivalVsPdf: number; odtVsPdf: number; docxVsPdf: number }
}

export async function runLayoutFormats(rows = 150, rounds = 3): Promise<LayoutFormatFigures> {
  const plain = layout(rows, false)
  const signs = layout(rows, true)
  const time = async (work: () => unknown) => {
    const start = performance.now()
    await work()
    return performance.now() - start
  }
  // Warm-up: fonts read, hyphenation patterns compiled.
  await renderPdf(layout(2, true), 'de', true)
  await renderDocx(plain, 'de', true)
  const samples = { plain: [] as number[], signs: [] as number[], archival: [] as number[], odt: [] as number[], docx: [] as number[] }
  for (let i = 0; i < rounds; i++) {
    samples.plain.push(await time(() => renderPdf(plain, 'de', true)))
    samples.signs.push(await time(() => renderPdf(signs, 'de', true)))
    samples.archival.push(await time(() => renderPdf(plain, 'de', true, { archival: true })))
    samples.odt.push(await time(() => renderOdt(plain, 'de', true)))
    samples.docx.push(await time(() => renderDocx(plain, 'de', true)))
  }
  const [plainPdfMs, signsPdfMs, archivalPdfMs, odtMs, docxMs] = [samples.plain, samples.signs, samples.archival, samples.odt, samples.docx].map((s) => round(median(s)))
  return {
    rows,
    rounds,
    plainPdfMs,
    signsPdfMs,
    archivalPdfMs,
    odtMs,
    docxMs,
    ratios: { signsVsPlainPdf: round(signsPdfMs / plainPdfMs), archivalVsPdf: round(archivalPdfMs / plainPdfMs), odtVsPdf: round(odtMs / plainPdfMs), docxVsPdf: round(docxMs / plainPdfMs) },
  }
}
