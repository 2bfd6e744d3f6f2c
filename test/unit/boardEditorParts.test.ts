import { afterEach, describe, expect, it, vi } from 'vitest'
import { getUserPreferences, setUserPreferences, type Editor, type TLAsset } from 'tldraw'
import { bookmarkAssetFor, registerOfflineBookmarks } from '../../client/board/bookmarks.ts'
import { currentUserFor, ensureUserName } from '../../client/board/currentUser.ts'
import { makeStore } from '../helpers/boardStores.ts'

afterEach(() => vi.restoreAllMocks())

describe('bookmarks for pasted links', () => {
  it('are valid bookmark assets titled with the link', () => {
    const store = makeStore()
    const asset = bookmarkAssetFor('https://example.org/some/page')
    expect(() => store.schema.validateRecord(store, asset, 'createRecord', null)).not.toThrow()
    expect(asset.props).toMatchObject({ src: 'https://example.org/some/page', title: 'https://example.org/some/page', image: '', favicon: '' })
    expect(bookmarkAssetFor('https://example.org/some/page').id).toBe(asset.id)
  })

  it('never fetch the linked page', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    let handler: ((info: { type: 'url'; url: string }) => Promise<TLAsset | undefined>) | undefined
    const editor = { registerExternalAssetHandler: (type: string, fn: typeof handler) => type === 'url' && (handler = fn) }
    registerOfflineBookmarks(editor as unknown as Editor)
    const asset = await handler!({ type: 'url', url: 'https://example.org/' })
    expect(asset?.type).toBe('bookmark')
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})

describe('the current user', () => {
  it('gets a friendly name once, and keeps one they chose', () => {
    setUserPreferences({ ...getUserPreferences(), name: '' })
    ensureUserName('de')
    const generated = getUserPreferences().name
    expect(generated).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}/u)
    ensureUserName('de')
    expect(getUserPreferences().name).toBe(generated)
    setUserPreferences({ ...getUserPreferences(), name: 'Katrin' })
    ensureUserName('en')
    expect(getUserPreferences().name).toBe('Katrin')
  })

  it("shows tldraw in the page's language unless they picked another in tldraw's menu", () => {
    setUserPreferences({ ...getUserPreferences(), locale: null })
    const user = currentUserFor('de')
    expect(user.userPreferences.get().locale).toBe('de')

    // Saving other preferences does not pin the language.
    user.setUserPreferences({ ...user.userPreferences.get(), isSnapMode: true })
    expect(getUserPreferences().locale).toBeNull()

    user.setUserPreferences({ ...user.userPreferences.get(), locale: 'fr' })
    expect(getUserPreferences().locale).toBe('fr')
    expect(user.userPreferences.get().locale).toBe('fr')
  })
})
