/** Downloads the board's export with the board's token; the server names the file. */
import type { ExportFormat } from '../../shared/results/export.ts'
import { fetchExport } from '../api.ts'
import { fileNameFromDisposition, saveBlob } from '../saveFile.ts'

export async function downloadExport(boardId: string, token: string, format: ExportFormat): Promise<void> {
  const { blob, disposition } = await fetchExport(boardId, token, format)
  saveBlob(blob, fileNameFromDisposition(disposition, `board.${format}`))
}
