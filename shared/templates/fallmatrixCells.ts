// fallmatrix's cell keys apart from its layout (`fallmatrix.ts`): what the canvas and the results read
// without loading the template (issue 64).

/**
 * The keys the carry routes read (themes hit in several cases, to the Zielsystem) and write
 * (themes from Fallkonferenzen). Stored boards find their cells by these keys: add, never rename.
 */
export const fallmatrixCells = Object.freeze({
  matrix: 'matrix',
  theme: (i: number) => `th${i}`,
  case: (n: number) => `f${n}`,
  /** Themes carried from Fallkonferenzen, not yet a row of their own. */
  vorschlaege: 'vorschlaege',
} as const)
