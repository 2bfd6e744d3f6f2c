/**
 * Bookmarks for pasted links, made without loading the linked page: tldraw's default handler
 * fetches the page to read its title and preview image, which would contact a third party
 * from every participant's browser.
 */
import { AssetRecordType, getHashForString, type Editor, type TLBookmarkAsset } from 'tldraw'

export function bookmarkAssetFor(url: string): TLBookmarkAsset {
  return {
    id: AssetRecordType.createId(getHashForString(url)),
    typeName: 'asset',
    type: 'bookmark',
    props: { src: url, title: url, description: '', image: '', favicon: '' },
    meta: {},
  }
}

export function registerOfflineBookmarks(editor: Editor): void {
  editor.registerExternalAssetHandler('url', async ({ url }) => bookmarkAssetFor(url))
}
