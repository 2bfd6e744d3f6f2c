/**
 * A folder built in floors, read from its import graph: every file on a floor, no file importing
 * from a floor above its own, no circle. Each finding is a line that names the import to turn
 * round, so a failing test says what to move without a second look.
 */
import { relative, resolve } from 'node:path'
import { circlesOf, importsIn } from './importGraph.ts'

/** The floors from the bottom up, each with the files it holds (paths from the root, `/`-separated). */
export type Floors = ReadonlyArray<readonly [floor: string, holds: (path: string) => boolean]>

export interface FloorReading {
  /** Files no floor holds. */
  unplaced: string[]
  /** Each circle as the imports that close it: `a.ts → b.ts, b.ts → a.ts`. */
  circles: string[]
  /** Imports from a higher floor: `a.ts (base) → b.ts (board)`. */
  upward: string[]
}

/** Reads `folder` (under `root`) against `floors`; a file on several floors sits on the highest. */
export function readFloors(root: string, folder: string, floors: Floors): FloorReading {
  const path = (file: string) => relative(root, file).split('\\').join('/')
  const floorOf = (path: string) => floors.findLastIndex(([, holds]) => holds(path))
  const edges = importsIn(resolve(root, folder))
  const imports = [...edges].map(([file, targets]) => [path(file), targets.map(path)] as const)
  const circles = circlesOf(edges).map((circle) => {
    const members = new Set(circle.map(path))
    return imports
      .flatMap(([file, targets]) => (members.has(file) ? targets.filter((target) => members.has(target)).map((target) => `${file} → ${target}`) : []))
      .sort()
      .join(', ')
  })
  const upward = imports.flatMap(([file, targets]) =>
    targets
      .filter((target) => floorOf(target) > floorOf(file))
      .map((target) => `${file} (${floors[floorOf(file)]?.[0] ?? 'no floor'}) → ${target} (${floors[floorOf(target)][0]})`),
  )
  return {
    unplaced: imports.map(([file]) => file).filter((file) => floorOf(file) < 0).sort(),
    circles: circles.sort(),
    upward: upward.sort(),
  }
}
