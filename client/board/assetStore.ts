/** Images and videos go to our server, never into the doc as data URLs, and are read back with the board's link. */
import type { TLAssetStore } from 'tldraw'
import { canEdit, type Role } from '../../shared/access.ts'
import { ApiError, uploadAsset } from '../api.ts'
import type { AssetReader } from './assetReader.ts'
import type { Notices } from './notices.ts'

export function createAssetStore(
  board: { boardId: string; token: string; role: Role },
  maxAssetBytes: number,
  notices: Notices,
  reader: AssetReader,
): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      // The editor is read-only for observers; this only guards paths around it.
      if (!canEdit(board.role)) throw new Error('observers cannot upload')
      try {
        return { src: await uploadAsset(board.boardId, board.token, file, abortSignal) }
      } catch (error) {
        if (error instanceof ApiError && error.status === 413) {
          notices.emit({ kind: 'file-too-large', maxBytes: maxAssetBytes })
        } else if (error instanceof ApiError && error.status === 507) {
          notices.emit({ kind: 'board-space-full' })
        } else if (!(error instanceof ApiError) && !navigator.onLine) {
          notices.emit({ kind: 'upload-offline' })
        } else if (!abortSignal?.aborted) {
          notices.emit({ kind: 'upload-failed' })
        }
        throw error
      }
    },
    resolve: (asset) => (asset.props.src ? reader.resolve(asset.props.src) : null),
  }
}
