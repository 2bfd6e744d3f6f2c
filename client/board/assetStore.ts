/** Images and videos go to our server, never into the doc as data URLs. */
import type { TLAssetStore } from 'tldraw'
import { ApiError, uploadAsset } from '../api.ts'
import type { Notices } from './notices.ts'

export function createAssetStore(boardId: string, maxAssetBytes: number, notices: Notices): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      try {
        return { src: await uploadAsset(boardId, file, abortSignal) }
      } catch (error) {
        if (error instanceof ApiError && error.status === 413) {
          notices.emit({ kind: 'file-too-large', maxBytes: maxAssetBytes })
        } else if (!(error instanceof ApiError) && !navigator.onLine) {
          notices.emit({ kind: 'upload-offline' })
        } else if (!abortSignal?.aborted) {
          notices.emit({ kind: 'upload-failed' })
        }
        throw error
      }
    },
    resolve: (asset) => asset.props.src,
  }
}
