/** Numbered rows named by a template's declaration (`row: (n) => …`), read back to their number. */
export function numberOf(row: (n: number) => string, key: string | undefined, max = 100): number | undefined {
  for (let n = 1; n <= max; n++) if (row(n) === key) return n
  return undefined
}
