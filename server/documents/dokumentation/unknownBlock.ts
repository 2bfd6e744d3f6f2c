/** Fails the build when a layout block kind (`shared/results/layout.ts`) is added that a renderer does not write. */
export function unknownBlock(block: never): never {
  throw new Error(`no renderer for the layout block ${JSON.stringify(block)}`)
}
