/** The images and files placed on a board, beside its document (which refers to them by id). */

export interface StoredAsset {
  mimeType: string
  data: Uint8Array<ArrayBuffer>
}

export interface BoardAssets {
  putAsset(boardId: string, assetId: string, asset: StoredAsset): Promise<void>
  getAsset(boardId: string, assetId: string): Promise<StoredAsset | undefined>
  /** Bytes of all the board's assets together. */
  assetBytes(boardId: string): Promise<number>
}
