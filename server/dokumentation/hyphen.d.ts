/** The little of `hyphen` the PDF uses: a language's synchronous hyphenator, soft hyphens by default. */
interface Hyphenator {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string
}
declare module 'hyphen/de' {
  const language: Hyphenator
  export default language
}
declare module 'hyphen/en-gb' {
  const language: Hyphenator
  export default language
}
