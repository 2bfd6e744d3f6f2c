/** The little of `hyphen` the PDF uses: a language's synchronous hyphenator, soft hyphens by default. */
interface Hyphenator {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string
}
declare module 'hyphen/de-1996/index.js' {
  const language: Hyphenator
  export default language
}
declare module 'hyphen/en-gb/index.js' {
  const language: Hyphenator
  export default language
}
