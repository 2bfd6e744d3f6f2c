/**
 * Bringing a PDF onto a board in Chromium: "Dokument einfügen …", a 20-page PDF against a 1-page
 * one in the same run (the same page, the same relay), from choosing the file to its frame being
 * on the board with every page uploaded. Pages are drawn by pdf.js in the page, one after
 * another, then uploaded one after another; the 1-page import is mostly the fixed part (opening
 * pdf.js, asking for the board's room, placing), so the ratio says how the per-page part grows.
 */
import { launchBrowser } from '../test/helpers/browser.ts'
import { newPerson, openBoardPage } from '../test/helpers/boardPages.ts'
import { boardPageUrl, createBoard } from '../test/helpers/clients.ts'
import { chooseDocument, importFinished, numberedPdf } from '../test/helpers/pdfFiles.ts'
import { removeDataDir, startRelay } from '../test/helpers/relay.ts'
import { percentile, round } from './stats.ts'

export interface DocumentImportResult {
  rounds: number
  onePageMs: number[]
  twentyPagesMs: number[]
  /** Median of the 20-page imports over the median of the 1-page ones. */
  ratio: number
}

export async function runDocumentImport({ rounds = 5 } = {}): Promise<DocumentImportResult> {
  const relay = await startRelay({ process: true })
  const browser = await launchBrowser()
  try {
    const person = await newPerson(browser, { width: 1440, height: 900 })
    const one = await numberedPdf(1)
    const twenty = await numberedPdf(20)
    const timed = async (pdf: Buffer, name: string) => {
      // A board each time: every import starts from an empty board with all its room.
      const board = await createBoard(relay, name)
      await openBoardPage(person.page, boardPageUrl(relay, board))
      const start = performance.now()
      await chooseDocument(person.page, `${name}.pdf`, pdf)
      await person.page.waitForFunction((name) => window.__netzwerkstatt!.editor.getCurrentPageShapes().some((s) => s.type === 'frame' && (s.props as { name: string }).name === name), name, { timeout: 120_000 })
      const ms = performance.now() - start
      await importFinished(person.page, name)
      return ms
    }
    // Warm-up: pdf.js and its worker loaded and compiled once.
    await timed(one, 'Aufwärmen')
    const onePageMs: number[] = []
    const twentyPagesMs: number[] = []
    for (let i = 0; i < rounds; i++) {
      onePageMs.push(round(await timed(one, `Eine Seite ${i}`)))
      twentyPagesMs.push(round(await timed(twenty, `Zwanzig Seiten ${i}`)))
    }
    await person.context.close()
    return { rounds, onePageMs, twentyPagesMs, ratio: percentile(twentyPagesMs, 50) / percentile(onePageMs, 50) }
  } finally {
    await browser.close()
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runDocumentImport()
  console.log(JSON.stringify(result, null, 2))
}
