/**
 * The board's uploaded files as the canvas shows them. A file is read only with a current link of
 * its board (`server/http/boardsApi.ts`), sent as a header: an <img> or <video> cannot send one,
 * and in the URL it would land in proxy logs. So each file is fetched once per board session and
 * handed to tldraw as an object URL, which its exports and copies read as well; the URLs are given
 * back when the board closes.
 */
import { assetPath } from '../../shared/api.ts'
import { fetchAsset } from '../api.ts'

export interface AssetReader {
  /**
   * Where the page may show the file: an object URL for one of the board's uploads; any other
   * src as it is (a data URL); null when the file cannot be read (gone, the link renewed, offline
   * without a kept copy), which tldraw shows as a broken file.
   */
  resolve(src: string): Promise<string | null>
  dispose(): void
}

export function createAssetReader(boardId: string, token: string): AssetReader {
  const uploads = assetPath(boardId, '')
  const read = new Map<string, Promise<string | null>>()
  let disposed = false
  return {
    resolve(src) {
      if (disposed || !src.startsWith(uploads)) return Promise.resolve(disposed ? null : src)
      let url = read.get(src)
      if (!url) {
        url = fetchAsset(src, token).then(
          (blob) => (disposed ? null : URL.createObjectURL(blob)),
          () => {
            // Asked again the next time tldraw draws it: the connection may be back.
            read.delete(src)
            return null
          },
        )
        read.set(src, url)
      }
      return url
    },
    dispose() {
      disposed = true
      for (const url of read.values()) void url.then((made) => made && URL.revokeObjectURL(made))
      read.clear()
    },
  }
}
