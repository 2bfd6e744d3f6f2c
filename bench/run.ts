/**
 * `npm run bench`: runs each benchmark in turn, prints one table (Markdown, so that it can be
 * pasted into the README) and writes everything measured to bench/results/<timestamp>.json and
 * bench/results/latest.json. Every figure is a ratio against a baseline measured in the same run:
 * absolute times on a shared machine say little.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { runDocumentFormat } from './documentFormat.ts'
import { runFloodLatency } from './floodLatency.ts'
import { runValidation } from './validation.ts'

const startedAt = new Date()
const machine = { node: process.version, cores: availableParallelism(), loadAverage: Number(loadavg()[0].toFixed(2)) }

console.error('document format 1 vs 2 …')
const documentFormat = runDocumentFormat()
console.error('validation cost …')
const validation = runValidation()
console.error('honest latency, quiet and under a hostile flood …')
const flood = await runFloodLatency()

const µs = (value: number) => (value >= 1000 ? `${(value / 1000).toPrecision(3)} ms` : `${value.toPrecision(3)} µs`)
const ms = (value: number) => `${value.toPrecision(3)} ms`
const kb = (bytes: number) => (bytes >= 100_000 ? `${(bytes / 1e6).toFixed(2)} MB` : `${bytes} B`)
const [edits, insert] = validation.cases
const { quiet, attacked, hostile } = flood
const [format1, format2] = documentFormat.formats

const rows = [
  ['measure', 'baseline', 'measured', 'ratio'],
  [`checkUpdate vs Y.applyUpdate: small edit (${kb(edits.meanUpdateBytes)}, ${edits.updates} in a row)`, µs(edits.applyUs), µs(edits.checkUs), edits.ratio],
  [`checkUpdate vs Y.applyUpdate: template insert (${kb(insert.meanUpdateBytes)})`, µs(insert.applyUs), µs(insert.checkUs), insert.ratio],
  ['declaration vs Y.applyUpdate: small edit', µs(edits.applyUs), µs(edits.judgeUs), edits.judgeRatio],
  ['declaration vs Y.applyUpdate: template insert', µs(insert.applyUs), µs(insert.judgeUs), insert.judgeRatio],
  [`format 2 vs 1: bytes of a ${format1.shapes}-shape board`, kb(format1.boardBytes), kb(format2.boardBytes), documentFormat.ratios.boardBytes],
  ['format 2 vs 1: cold load (apply + read every record)', ms(format1.coldLoadMs), ms(format2.coldLoadMs), documentFormat.ratios.coldLoad],
  ['format 2 vs 1: bytes sent to move one note', kb(format1.moveBytes), kb(format2.moveBytes), documentFormat.ratios.moveBytes],
  ['format 2 vs 1: relay time per move (check + apply)', µs(format1.relayUsPerMove), µs(format2.relayUsPerMove), documentFormat.ratios.relayPerMove],
  ['format 2 with declaration vs format 1 without: relay time per move', µs(format1.relayUsPerMove), µs(format2.relayWithDeclarationUsPerMove!), documentFormat.ratios.relayWithDeclaration],
  ['honest edit latency p50: attacked vs quiet', ms(quiet.p50Ms), ms(attacked.p50Ms), flood.p50Ratio],
  ['honest edit latency p99: attacked vs quiet', ms(quiet.p99Ms), ms(attacked.p99Ms), flood.p99Ratio],
].map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toFixed(2) : cell)))
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
const line = (row: string[]) => `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`
const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, n]) => `${key}: ${n}`)
    .join(', ')

const report = [
  `Netzwerkstatt bench, ${startedAt.toISOString()}, Node ${machine.node}, ${machine.cores} cores, load average ${machine.loadAverage}`,
  '',
  line(rows[0]),
  `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  ...rows.slice(1).map(line),
  '',
  `Validation: board of ${kb(validation.boardBytes)} (Planspiel template + 300 notes); median of ${edits.rounds} and ${insert.rounds} rounds after warm-up.`,
  `Latency: ${quiet.writes} writes every 25 ms per phase; delivered ${quiet.delivered} quiet, ${attacked.delivered} attacked; ` +
    `honest disconnects ${quiet.honestDisconnects} / ${attacked.honestDisconnects}; max ${ms(quiet.maxMs)} / ${ms(attacked.maxMs)}; ` +
    `relay CPU ${quiet.relayCpuPercent ?? '?'} % / ${attacked.relayCpuPercent ?? '?'} % of a core.`,
  `Hostile: ${hostile.parallel} sockets at a time for ${(hostile.durationMs / 1000).toFixed(1)} s: ${hostile.socketsOpened} opened ` +
    `(${hostile.openFailures} failed), ${hostile.framesSent} frames sent (${list(hostile.framesSentByKind)}), flooder CPU ${hostile.cpuPercent} %.`,
  `Closed by the relay: ${list(hostile.closeCodes) || 'none'} (close code: sockets); closed by the flooder at the end: ${hostile.closedByFlooder}.`,
  `Relay rejected ${Object.values(flood.rejectedByRule).reduce((a, b) => a + b, 0)} updates (${list(flood.rejectedByRule)}).`,
]
console.log(report.join('\n'))

const results = { startedAt: startedAt.toISOString(), machine, documentFormat, validation, flood, table: report }
const dir = join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
const json = `${JSON.stringify(results, null, 2)}\n`
const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, json)
writeFileSync(join(dir, 'latest.json'), json)
console.error(`written: ${file}`)
