/**
 * `npm run bench:table`: the table of the latest run (bench/results/latest.json, or a results file
 * given as argument), as `npm run bench` printed it, so that no document keeps a hand-copied one.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const file = process.argv[2] ?? join(import.meta.dirname, 'results', 'latest.json')
const { table } = JSON.parse(readFileSync(file, 'utf8')) as { table: string[] }
console.log(table.join('\n'))
