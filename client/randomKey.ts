/** `bytes` random bytes as base64url: keys and secrets this browser makes up for itself. */
export function randomKey(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes))
  return btoa(String.fromCharCode(...random)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
