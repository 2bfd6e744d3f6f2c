/** What an uploaded image or video may be called and be: for the upload route and for archives taken in. */

export const assetIdPattern = /^[A-Za-z0-9_-]{22}$/
// Images and videos only: these are what tldraw can place on the canvas.
export const assetTypePattern = /^(image|video)\/[a-z0-9.+-]+$/
