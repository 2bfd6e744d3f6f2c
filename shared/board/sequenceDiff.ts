/**
 * The places where two sequences differ, as few as Myers' diff finds (equal ends stripped first,
 * so a keystroke costs no search). Past `maxChanges` the middle is one hunk: still a correct
 * change, only a coarser one.
 */

/** `base[from, to)` is replaced by `after[afterFrom, afterTo)`; the rest is matched in order. */
export interface Hunk {
  from: number
  to: number
  afterFrom: number
  afterTo: number
}

export function diffSequences<B, A>(base: B[], after: A[], equal: (b: B, a: A) => boolean, maxChanges = 400): Hunk[] {
  let start = 0
  while (start < base.length && start < after.length && equal(base[start], after[start])) start++
  let end = 0
  while (end < base.length - start && end < after.length - start && equal(base[base.length - 1 - end], after[after.length - 1 - end])) end++
  const n = base.length - start - end
  const m = after.length - start - end
  if (n === 0 && m === 0) return []
  const whole = [{ from: start, to: start + n, afterFrom: start, afterTo: start + m }]
  if (n === 0 || m === 0) return whole
  const same = (x: number, y: number) => equal(base[start + x], after[start + y])
  // Myers: v[k] is the furthest x on diagonal k after d changes; each round's v kept to trace back.
  const offset = n + m
  const trace: Int32Array[] = []
  let v = new Int32Array(2 * offset + 2)
  let found = -1
  for (let d = 0; d <= Math.min(n + m, maxChanges) && found < 0; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
      let y = x - k
      while (x < n && y < m && same(x, y)) x++, y++
      v[offset + k] = x
      if (x >= n && y >= m) {
        found = d
        break
      }
    }
  }
  if (found < 0) return whole
  // Back from (n, m): each step one deletion or insertion, preceded by a run of matches.
  const moves: ['delete' | 'insert', number, number][] = []
  let x = n
  let y = m
  for (let d = found; d > 0; d--) {
    const prev = trace[d]
    const k = x - y
    const down = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1])
    const prevK = down ? k + 1 : k - 1
    const prevX = prev[offset + prevK]
    const prevY = prevX - prevK
    while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) x--, y--
    if (down) moves.push(['insert', prevX, prevY])
    else moves.push(['delete', prevX, prevY])
    x = prevX
    y = prevY
  }
  const hunks: Hunk[] = []
  for (const [move, atX, atY] of moves.reverse()) {
    const last = hunks.at(-1)
    const from = start + atX
    const afterFrom = start + atY
    if (last && last.to === from && last.afterTo === afterFrom) {
      if (move === 'delete') last.to++
      else last.afterTo++
    } else hunks.push(move === 'delete' ? { from, to: from + 1, afterFrom, afterTo: afterFrom } : { from, to: from, afterFrom, afterTo: afterFrom + 1 })
  }
  return hunks
}
