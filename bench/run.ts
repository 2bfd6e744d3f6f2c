/**
 * `npm run bench`: runs each benchmark in turn, prints one table (Markdown; `npm run bench:table`
 * prints it again) and writes everything measured, the table included, to
 * bench/results/<timestamp>.json and bench/results/latest.json. Every figure is a ratio against a
 * baseline measured in the same run: absolute times on a shared machine say little.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { runAuditAppend } from './auditAppend.ts'
import { readBundleWeights } from '../deploy/bundleReport.ts'
import { runAwareness } from './awareness.ts'
import { runColdLoad } from './coldLoad.ts'
import { runDocumentFormat } from './documentFormat.ts'
import { runDocumentImport } from './documentImport.ts'
import { runFanOut, runFanOutCompression, type LatencyRatios, type ServerFigures } from './fanOut.ts'
import { runFloodLatency } from './floodLatency.ts'
import { runTyping } from './typing.ts'
import { round } from './stats.ts'
import { runIdleMemory } from './idleMemory.ts'
import { runJoinStorm, runJoinStormCompression, type StormFigures } from './joinStorm.ts'
import { runLayoutFormats } from './layoutFormats.ts'
import { runManyWriters, type WritersPhases } from './manyWriters.ts'
import { runNetworkScale } from './networkScale.ts'
import { runPhoneFirstVisit } from './phoneFirstVisit.ts'
import { runPlenary } from './plenary.ts'
import { runSearch } from './search.ts'
import { runStalls } from './stalls.ts'
import { runValidation } from './validation.ts'
import { runVersionPreview } from './versionPreview.ts'
import { runWorkers, type WorkersConfiguration } from './workers.ts'

const startedAt = new Date()
const machine = { node: process.version, cores: availableParallelism(), loadAverage: Number(loadavg()[0].toFixed(2)) }

console.error('document format 1 vs 2 …')
const documentFormat = runDocumentFormat()
console.error('the Dokumentation as PDF, ODT and DOCX …')
const layoutFormats = await runLayoutFormats()
console.error('the audit trail: chained appends vs plain inserts …')
const auditAppend = await runAuditAppend()
console.error('validation cost …')
const validation = runValidation()
console.error('search on a large board …')
const search = runSearch()
console.error('a network of 500 boards against one of 50: Fahrplan view and pack …')
const networkScale = await runNetworkScale()
console.error('honest latency, quiet and under a hostile flood …')
const flood = await runFloodLatency()
console.error('typing into a Zettel: its text replaced whole at each keystroke (format 2) against changes to a Y.Text (format 3) …')
const typing = { whole: await runTyping('whole'), merged: await runTyping('merged') }
console.error('the relay\'s longest stall under big exports, PDFs, packs, sync requests, room loads and first writes …')
const stalls = await runStalls()
console.error('fan-out against the reference server and Hocuspocus …')
const fanOut = await runFanOut()
console.error('many writers on one board …')
const manyWriters = await runManyWriters()
const [writersPlain, writersBurning] = [manyWriters.plain!, manyWriters.burning!]
console.error('join storm against the reference server …')
const joinStorm = await runJoinStorm()
console.error('socket compression on vs off: join storm and fan-out, every socket offering it …')
const stormCompression = await runJoinStormCompression()
const fanOutCompression = await runFanOutCompression()
console.error('plenary presence in Chromium …')
const plenary = await runPlenary()
console.error('a phone\'s first visit to a board in Chromium (slow Wi-Fi, CPU 4× slower) …')
const phoneFirstVisit = await runPhoneFirstVisit()
// Written by the build that `npm run bench` runs first (vite.config.ts, deploy/bundleReport.ts).
const bundle = readBundleWeights()
console.error('a 20-page PDF onto a board in Chromium …')
const documentImport = await runDocumentImport()
console.error('the version preview on a laptop in Chromium …')
const versionPreview = await runVersionPreview()
console.error('memory per idle board …')
const idleMemory = await runIdleMemory()
console.error('cold load …')
const coldLoad = await runColdLoad()
console.error('several relay processes (WORKERS=1 and 2, on PostgreSQL and Redis) …')
const workers = await runWorkers()
console.error('awareness amplification from one address …')
const awareness = await runAwareness()

/** Update and cursor latency rows of a fan-out scenario, ours against a baseline. */
function latencyRows(label: string, baseline: ServerFigures, ours: ServerFigures, ratios: LatencyRatios, which = ['P50', 'P99']) {
  return which.flatMap((p) => [
    [`fan-out ${label}: edit ${p.toLowerCase()}`, ms(baseline[`update${p}Ms` as 'updateP50Ms']), ms(ours[`update${p}Ms` as 'updateP50Ms']), ratios[`update${p}` as 'updateP50']],
    [`fan-out ${label}: cursor ${p.toLowerCase()}`, ms(baseline[`cursor${p}Ms` as 'cursorP50Ms']), ms(ours[`cursor${p}Ms` as 'cursorP50Ms']), ratios[`cursor${p}` as 'cursorP50']],
  ])
}
const mb = (value: number) => `${value.toPrecision(3)} MB`
/** The step a configuration served at the bound (its largest), or its first if none. */
const atBound = (c: WorkersConfiguration) => c.steps.find((step) => step.boards === c.boardsAtBound) ?? c.steps[0]
const workersCurve = (c: WorkersConfiguration) => c.steps.map((step) => `${step.boards}: ${step.p95Ms}${step.served ? '' : '✗'}`).join(', ')
const workersCpu = (c: WorkersConfiguration) => {
  const { cpu, boards } = atBound(c)
  return `at ${boards} boards relay ${cpu.relay} % (${cpu.relayProcesses.filter((p) => p.role !== 'esbuild').map((p) => p.percent).join(' + ')}; waited for a core ${cpu.waiting.relay} %), crowd ${cpu.crowd} %, probe ${cpu.probe} %, PostgreSQL ${cpu.postgres} %, Redis ${cpu.redis} %, machine ${cpu.machine} % of ${machine.cores * 100} %`
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const µs = (value: number) => (value >= 1000 ? `${(value / 1000).toPrecision(3)} ms` : `${value.toPrecision(3)} µs`)
const ms = (value: number) => `${value.toPrecision(3)} ms`

/** The many-writers rows: honest edits on another board against quiet, the writers' own board 150 against 15. */
function writersRows(beside: string, w: WritersPhases) {
  const row = (what: string, base: number | null, now: number | null, ratio: number) => [`many writers${beside}: ${what}`, ms(base ?? Number.NaN), ms(now ?? Number.NaN), ratio]
  return [
    row('honest edit p50 on another board, 15 × 100/s vs quiet', w.quiet.honest.p50Ms, w.few.honest.p50Ms, w.ratios.honestP50Few),
    row('honest edit p99 on another board, 15 × 100/s vs quiet', w.quiet.honest.p99Ms, w.few.honest.p99Ms, w.ratios.honestP99Few),
    row('honest edit p50 on another board, 150 × 10/s vs quiet', w.quiet.honest.p50Ms, w.many.honest.p50Ms, w.ratios.honestP50Many),
    row('honest edit p99 on another board, 150 × 10/s vs quiet', w.quiet.honest.p99Ms, w.many.honest.p99Ms, w.ratios.honestP99Many),
    row('their own board p50, 150 × 10/s vs 15 × 100/s', w.few.writersP50Ms, w.many.writersP50Ms, w.ratios.writersP50ManyVsFew),
    row('their own board p99, 150 × 10/s vs 15 × 100/s', w.few.writersP99Ms, w.many.writersP99Ms, w.ratios.writersP99ManyVsFew),
    row('relay CPU per 1000 updates, 150 × 10/s vs 15 × 100/s', w.few.relayCpuMsPer1000, w.many.relayCpuMsPer1000, w.ratios.cpuPerUpdateManyVsFew),
  ]
}
const pct = (share: number) => `${Math.round(share * 100)} %`
const packageList = (packages: [string, { raw: number; brotli: number }][]) => packages.map(([name, w]) => `${name} ${kb(w.raw)} (${kb(w.brotli)})`).join(', ')
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
  [`Dokumentation PDF of ${layoutFormats.rows} rows: a sign and an emoji on every Zettel vs plain words`, ms(layoutFormats.plainPdfMs), ms(layoutFormats.signsPdfMs), layoutFormats.ratios.signsVsPlainPdf],
  [`Dokumentation of ${layoutFormats.rows} rows: PDF/A vs PDF`, ms(layoutFormats.plainPdfMs), ms(layoutFormats.archivalPdfMs), layoutFormats.ratios.archivalVsPdf],
  [`audit trail, ${auditAppend.rows} rows: chained append vs plain insert, per row`, ms(auditAppend.plainMsPerRow), ms(auditAppend.chainedMsPerRow), auditAppend.ratio],
  [`Dokumentation of ${layoutFormats.rows} rows: ODT vs PDF`, ms(layoutFormats.plainPdfMs), ms(layoutFormats.odtMs), layoutFormats.ratios.odtVsPdf],
  [`Dokumentation of ${layoutFormats.rows} rows: DOCX vs PDF`, ms(layoutFormats.plainPdfMs), ms(layoutFormats.docxMs), layoutFormats.ratios.docxVsPdf],
  [`search: reading a ${search.notes}-note board for search vs reading its records`, ms(search.readRecordsMs), ms(search.indexMs), search.ratios.indexVsReadRecords],
  ['search: one query (umlauts, ß, accents, several words) vs a plain includes', µs(search.plainQueryUs), µs(search.queryUs), search.ratios.queryVsPlain],
  ['network 500 vs 50 boards: first view after a start (every board read)', ms(networkScale.small.firstViewMs), ms(networkScale.large.firstViewMs), networkScale.ratios.firstViewMs],
  ['network 500 vs 50 boards: view, nothing changed', ms(networkScale.small.viewMs), ms(networkScale.large.viewMs), networkScale.ratios.viewMs],
  ['network 500 vs 50 boards: view after one board changed', ms(networkScale.small.viewAfterChangeMs), ms(networkScale.large.viewAfterChangeMs), networkScale.ratios.viewAfterChangeMs],
  ['network 500 boards: view, nothing changed vs first after a start', ms(networkScale.large.firstViewMs), ms(networkScale.large.viewMs), Number((networkScale.large.viewMs / networkScale.large.firstViewMs).toPrecision(3))],
  ['network 500 vs 50 boards: pack as Markdown', ms(networkScale.small.packMdMs), ms(networkScale.large.packMdMs), networkScale.ratios.packMdMs],
  ['network 500 vs 50 boards: pack as PDF', ms(networkScale.small.packPdfMs), ms(networkScale.large.packPdfMs), networkScale.ratios.packPdfMs],
  ['a keystroke in a 300-character Zettel, bytes sent: Y.Text change vs text replaced whole', kb(typing.whole.keystrokeBytes), kb(typing.merged.keystrokeBytes), round(typing.merged.keystrokeBytes / typing.whole.keystrokeBytes)],
  ['a keystroke to another screen p50: Y.Text change vs text replaced whole', ms(typing.whole.p50Ms), ms(typing.merged.p50Ms), round(typing.merged.p50Ms / typing.whole.p50Ms)],
  ['a keystroke to another screen p99: Y.Text change vs text replaced whole', ms(typing.whole.p99Ms), ms(typing.merged.p99Ms), round(typing.merged.p99Ms / typing.whole.p99Ms)],
  ['honest edit latency p50: attacked vs quiet', ms(quiet.p50Ms), ms(attacked.p50Ms), flood.p50Ratio],
  ['honest edit latency p99: attacked vs quiet', ms(quiet.p99Ms), ms(attacked.p99Ms), flood.p99Ratio],
  ...stalls.scenarios.map((s) => [`longest stall (a quiet client's round trip; goal < ${stalls.goalMs} ms): ${s.scenario} vs quiet`, ms(stalls.quiet.longestMs), ms(s.longestMs), s.ratio]),
  ...stalls.scenarios.map((s) => [`longest stall (the relay's own, /metrics; goal < ${stalls.goalMs} ms): ${s.scenario} vs quiet`, ms(stalls.quiet.relayLongestMs), ms(s.relayLongestMs), s.relayRatio]),
  ...fanOut.scenarios.flatMap(({ clients, servers, oursTick, ratios }) => [
    ...latencyRows(`${clients} clients, ours vs reference`, servers.reference, servers.ours, ratios.oursVsReference),
    ...latencyRows(`${clients} clients, ours vs Hocuspocus`, servers.hocuspocus, servers.ours, ratios.oursVsHocuspocus),
    ...(oursTick && ratios.oursVsTick ? latencyRows(`${clients} clients, ours vs ours paced by the tick`, oursTick, servers.ours, ratios.oursVsTick, ['P99']) : []),
  ]),
  ...writersRows('', writersPlain),
  ...writersRows(', a core burning beside', writersBurning),
  ...(['p50', 'p95', 'p99'] as const).map((p) => [
    `join storm (${joinStorm.joiners} joiners in ${joinStorm.spreadMs / 1000} s, ${kb(joinStorm.boardBytes)}): ${p}, ours vs reference`,
    ms(joinStorm.reference[`${p}Ms`]),
    ms(joinStorm.ours[`${p}Ms`]),
    joinStorm.ratios[p],
  ]),
  ...(
    [
      ['relay CPU', (f: StormFigures) => f.serverCpuMs, ms, 'cpuMs'],
      ['wall time', (f: StormFigures) => f.wallMs, ms, 'wallMs'],
      ['relay peak RSS above before', (f: StormFigures) => f.serverPeakRssMb, mb, 'peakRss'],
      ['bytes on the wire', (f: StormFigures) => f.wireBytes, kb, 'wire'],
      ['p95', (f: StormFigures) => f.p95Ms, ms, 'p95'],
    ] as const
  ).map(([what, pick, unit, key]) => [
    `join storm, every joiner offering permessage-deflate: ${what}, compression on vs off (median of ${stormCompression.rounds})`,
    unit(median(stormCompression.off.map((f) => pick(f) ?? Number.NaN))),
    unit(median(stormCompression.on.map((f) => pick(f) ?? Number.NaN))),
    stormCompression.ratios[key],
  ]),
  ...(
    [
      ['relay CPU', (f: StormFigures) => f.serverCpuMs, ms, 'cpuMs'],
      ['p95', (f: StormFigures) => f.p95Ms, ms, 'p95'],
    ] as const
  ).flatMap(([what, pick, unit, key]) => [
    [
      `join storm, every joiner offering permessage-deflate, the first after the board loads: ${what}, compression on vs off (median of ${stormCompression.rounds})`,
      unit(median(stormCompression.first.off.map((f) => pick(f) ?? Number.NaN))),
      unit(median(stormCompression.first.on.map((f) => pick(f) ?? Number.NaN))),
      stormCompression.firstRatios[key],
    ],
    [
      `join storm with compression: ${what}, the first after the board loads vs a warm one (issue 64: 1)`,
      unit(median(stormCompression.on.map((f) => pick(f) ?? Number.NaN))),
      unit(median(stormCompression.first.on.map((f) => pick(f) ?? Number.NaN))),
      stormCompression.firstOverWarm[key],
    ],
    [
      `join storm with compression: ${what}, the first after a change, the facilitator's page open, vs a warm one (issue 64: 1)`,
      unit(median(stormCompression.on.map((f) => pick(f) ?? Number.NaN))),
      unit(median(stormCompression.changed.on.map((f) => pick(f) ?? Number.NaN))),
      stormCompression.changedOverWarm[key],
    ],
  ]),
  ...(
    [
      ['relay CPU (% of a core)', (f: ServerFigures) => f.serverCpuPercent, (v: number) => `${v} %`, 'cpu'],
      ['relay RSS', (f: ServerFigures) => f.serverRssMb, mb, 'rss'],
      ['bytes on the wire', (f: ServerFigures) => f.wireBytes, kb, 'wire'],
      ['note p99', (f: ServerFigures) => f.updateP99Ms, ms, 'updateP99'],
      ['cursor p99', (f: ServerFigures) => f.cursorP99Ms, ms, 'cursorP99'],
    ] as const
  ).map(([what, pick, unit, key]) => [
    `fan-out, ${fanOutCompression.clients} clients offering permessage-deflate: ${what}, compression on vs off (median of ${fanOutCompression.rounds})`,
    unit(median(fanOutCompression.off.map((f) => pick(f) ?? Number.NaN))),
    unit(median(fanOutCompression.on.map((f) => pick(f) ?? Number.NaN))),
    fanOutCompression.ratios[key],
  ]),
  ['client JavaScript, every chunk: raw vs brotli', kb(bundle.whole.raw), kb(bundle.whole.brotli), bundle.whole.brotli / bundle.whole.raw],
  ["phone's first load, the entry and its static imports: raw vs brotli", kb(bundle.entry.raw), kb(bundle.entry.brotli), bundle.entry.brotli / bundle.entry.raw],
  ["phone's first load with the list „Beitragen“'s route chunk: raw vs brotli", kb(bundle.phone.raw), kb(bundle.phone.brotli), bundle.phone.brotli / bundle.phone.raw],
  ["phone's first load with the list „Beitragen“'s view, before its board's templates: raw vs brotli", kb(bundle.list.raw), kb(bundle.list.brotli), bundle.list.brotli / bundle.list.raw],
  ["a laptop's canvas, the entry and the editor's chunk with their static imports: raw vs brotli", kb(bundle.editor.raw), kb(bundle.editor.brotli), bundle.editor.brotli / bundle.editor.raw],
  ['plenary: bytes/s a board page receives vs a plain y-websocket client', kb(plenary.plainBytesPerSecond), kb(plenary.pageBytesPerSecond), plenary.ratio],
  [
    "phone's first visit (390 px, 375 kB/s, 40 ms, CPU 4×): bytes on the wire (files + socket; goal ≤ 1 MB), compressed vs uncompressed",
    kb(median(phoneFirstVisit.uncompressed.map((v) => v.fileBytes + v.socketBytes))),
    kb(median(phoneFirstVisit.compressed.map((v) => v.fileBytes + v.socketBytes))),
    phoneFirstVisit.ratios.bytes,
  ],
  [
    "phone's first visit: until the board's 120 Zettel are readable, drawn before the editor (goal ≤ 4 s), compressed vs uncompressed",
    ms(median(phoneFirstVisit.uncompressed.map((v) => v.firstPaintMs))),
    ms(median(phoneFirstVisit.compressed.map((v) => v.firstPaintMs))),
    median(phoneFirstVisit.compressed.map((v) => v.firstPaintMs)) / median(phoneFirstVisit.uncompressed.map((v) => v.firstPaintMs)),
  ],
  [
    "phone's first visit: until the editor holds the 120 Zettel (ready for input), compressed vs uncompressed",
    ms(median(phoneFirstVisit.uncompressed.map((v) => v.boardMs))),
    ms(median(phoneFirstVisit.compressed.map((v) => v.boardMs))),
    phoneFirstVisit.ratios.boardMs,
  ],
  [
    "phone's first visit to the canvas (compressed): the Zettel drawn vs the editor ready",
    ms(median(phoneFirstVisit.compressed.map((v) => v.boardMs))),
    ms(median(phoneFirstVisit.compressed.map((v) => v.firstPaintMs))),
    phoneFirstVisit.ratios.firstPaint,
  ],
  [
    "laptop's first visit to the canvas (1366 px, unthrottled): the Zettel drawn vs the editor ready",
    ms(median(phoneFirstVisit.laptop.map((v) => v.boardMs))),
    ms(median(phoneFirstVisit.laptop.map((v) => v.firstPaintMs))),
    median(phoneFirstVisit.laptop.map((v) => v.firstPaintMs)) / median(phoneFirstVisit.laptop.map((v) => v.boardMs)),
  ],
  [
    "phone's first visit: until the 120 Zettel are readable, the canvas's first paint vs the contribution view's list (both compressed)",
    ms(median(phoneFirstVisit.contribution.compressed.map((v) => v.firstPaintMs))),
    ms(median(phoneFirstVisit.compressed.map((v) => v.firstPaintMs))),
    phoneFirstVisit.ratios.firstPaintToList,
  ],
  [
    "phone's first visit, the contribution view („Beitragen“, goal ≤ 250 kB, issue 64): bytes on the wire, compressed vs uncompressed",
    kb(median(phoneFirstVisit.contribution.uncompressed.map((v) => v.fileBytes + v.socketBytes))),
    kb(median(phoneFirstVisit.contribution.compressed.map((v) => v.fileBytes + v.socketBytes))),
    median(phoneFirstVisit.contribution.compressed.map((v) => v.fileBytes + v.socketBytes)) / median(phoneFirstVisit.contribution.uncompressed.map((v) => v.fileBytes + v.socketBytes)),
  ],
  [
    "phone's first visit: until the 120 Zettel are readable, the contribution view vs the canvas (both compressed)",
    ms(median(phoneFirstVisit.compressed.map((v) => v.boardMs))),
    ms(median(phoneFirstVisit.contribution.compressed.map((v) => v.boardMs))),
    phoneFirstVisit.ratios.contributionMs,
  ],
  [
    "phone's first visit to the canvas: tldraw's fonts on the wire (Latin subsets since the build makes them), compressed vs uncompressed visit",
    kb(median(phoneFirstVisit.uncompressed.map((v) => v.fontBytes))),
    kb(median(phoneFirstVisit.compressed.map((v) => v.fontBytes))),
    median(phoneFirstVisit.compressed.map((v) => v.fontBytes)) / median(phoneFirstVisit.uncompressed.map((v) => v.fontBytes)),
  ],
  [
    "phone's first visit, the contribution view: its socket on the wire (permessage-deflate) vs what its frames hold",
    kb(median(phoneFirstVisit.contribution.compressed.map((v) => v.socketFrameBytes))),
    kb(median(phoneFirstVisit.contribution.compressed.map((v) => v.socketBytes))),
    phoneFirstVisit.ratios.socketCompression,
  ],
  [
    "first Zettel from a phone: opening the link to the Zettel in its cell on the facilitator's canvas, 40 characters typed at 4/s (goal < 20 s), phone vs laptop",
    ms(median(phoneFirstVisit.journey.laptopMs)),
    ms(median(phoneFirstVisit.journey.phoneMs)),
    phoneFirstVisit.ratios.journey,
  ],
  [
    "first Zettel from a phone (the same, goal < 20 s): in the contribution view a phone gets by default vs on the canvas",
    ms(median(phoneFirstVisit.journey.phoneMs)),
    ms(median(phoneFirstVisit.journey.contributionMs)),
    phoneFirstVisit.ratios.contributionJourney,
  ],
  ['PDF onto a board in Chromium: a 20-page document vs a 1-page one (median)', ms(median(documentImport.onePageMs)), ms(median(documentImport.twentyPagesMs)), documentImport.ratio],
  [
    'version preview (Gründungsveranstaltung, 120 Zettel, 1366 px; goal ≤ 2 s): click on „Ansehen“ to the preview shown vs opening the board',
    ms(median(versionPreview.openBoardMs)),
    ms(median(versionPreview.previewMs)),
    versionPreview.ratio,
  ],
  ['memory per idle loaded board: ours vs reference server (RSS)', mb(idleMemory.reference.rssMbPerBoard), mb(idleMemory.ours.rssMbPerBoard), idleMemory.rssRatio],
  ...coldLoad.boards.map((board) => [
    `cold load of a ${board.shapes}-shape board (${kb(board.boardBytes)}): ours from storage vs reference from memory`,
    ms(median(board.referenceMs)),
    ms(median(board.coldMs)),
    board.ratios.coldVsReference,
  ]),
  [`workers: boards at p95 ≤ ${workers.boundMs} ms, 2 vs 1 processes`, `${workers.one.boardsAtBound} boards`, `${workers.two.boardsAtBound} boards`, workers.ratio],
  [`workers: boards where p95 crosses ${workers.boundMs} ms (interpolated), 2 vs 1 processes`, `${workers.one.boardsAtBoundInterpolated} boards`, `${workers.two.boardsAtBoundInterpolated} boards`, workers.ratioInterpolated],
  ['workers: relay CPU per board (served steps), 2 vs 1 processes', `${workers.one.relayCpuPerBoard} %`, `${workers.two.relayCpuPerBoard} %`, workers.two.relayCpuPerBoard / workers.one.relayCpuPerBoard],
  ['awareness: relay peak RSS, 60 sockets of one address parking 4 × 31 KB and asking, vs quiet', mb(awareness.memory.quiet.peakRssMb), mb(awareness.memory.sixty.peakRssMb), awareness.ratios.memory60VsQuiet],
  ['awareness: relay peak RSS, 500 sockets vs 60 of one address', mb(awareness.memory.sixty.peakRssMb), mb(awareness.memory.fiveHundred.peakRssMb), awareness.ratios.memory500Vs60],
  ['awareness: longest gap of a probe on another board, 500 sockets vs quiet', ms(awareness.memory.quiet.longestGapMs), ms(awareness.memory.fiveHundred.longestGapMs), awareness.ratios.stall500VsQuiet],
  ["awareness: the relay's own longest stall (/metrics), 500 sockets vs quiet", ms(awareness.memory.quiet.relayLongestMs), ms(awareness.memory.fiveHundred.relayLongestMs), awareness.ratios.relayStall500VsQuiet],
  ['awareness: bytes/s per listener, 20 sockets of one address churning 8 KB at 10 Hz vs quiet', kb(awareness.churn.quiet.listenerBytesPerSecond), kb(awareness.churn.twenty.listenerBytesPerSecond), awareness.ratios.churn20VsQuiet],
  ['awareness: bytes/s per listener, 200 churning sockets vs 20 (goal 1)', kb(awareness.churn.twenty.listenerBytesPerSecond), kb(awareness.churn.twoHundred.listenerBytesPerSecond), awareness.ratios.churn200Vs20],
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
    `honest disconnects ${quiet.honestDisconnects} / ${attacked.honestDisconnects}` +
    `${attacked.honestCloses.length ? ` (attacked: ${attacked.honestCloses.join(', ')})` : ''}; max ${ms(quiet.maxMs)} / ${ms(attacked.maxMs)}; ` +
    `relay CPU ${quiet.relayCpuPercent ?? '?'} % / ${attacked.relayCpuPercent ?? '?'} % of a core.`,
  `Hostile: ${hostile.parallel} sockets at a time for ${(hostile.durationMs / 1000).toFixed(1)} s: ${hostile.socketsOpened} opened ` +
    `(${hostile.openFailures} failed), ${hostile.framesSent} frames sent (${list(hostile.framesSentByKind)}), flooder CPU ${hostile.cpuPercent} %.`,
  `Closed by the relay: ${list(hostile.closeCodes) || 'none'} (close code: sockets); closed by the flooder at the end: ${hostile.closedByFlooder}.`,
  `Relay rejected ${Object.values(flood.rejectedByRule).reduce((a, b) => a + b, 0)} updates (${list(flood.rejectedByRule)}).`,
  `Fan-out: one board, people moving their cursor at ${fanOut.hz} Hz, ${fanOut.editors} of them writing a note a second; ` +
    `delivered (notes / cursors): ${fanOut.scenarios
      .map(({ clients, servers, oursTick }) =>
        `${clients}: ${Object.entries({ ...servers, ...(oursTick ? { 'ours (tick)': oursTick } : {}) })
          .map(([kind, s]) => `${kind} ${pct(s.updateDelivered)}/${pct(s.cursorDelivered)} at ${s.serverCpuPercent ?? '?'} % CPU (waited for a core ${s.serverWaitedPercent ?? '?'} %)`)
          .join(', ')}`,
      )
      .join('; ')}.`,
  ...[writersPlain, writersBurning].map((w, i) =>
    `Many writers${i ? ', a core burning beside (the burner got ' + [w.quiet, w.few, w.many].map((p) => p.burnerCpuPercent ?? '?').join(' / ') + ' % of a core)' : ''}: ` +
      `${w.few.writers} and ${w.many.writers} sockets dragging a note (${w.many.notesPerSecond} moves/s in all); ` +
      `sent in the window ${w.few.notesSent} / ${w.many.notesSent}; ` +
      `honest edits delivered ${w.quiet.honest.delivered} / ${w.few.honest.delivered} / ${w.many.honest.delivered} of ${w.quiet.honest.writes}; ` +
      `relay CPU ${w.quiet.relayCpuPercent ?? '?'} / ${w.few.relayCpuPercent ?? '?'} / ${w.many.relayCpuPercent ?? '?'} %, ` +
      `waited for a core ${w.quiet.relayWaitedPercent ?? '?'} / ${w.few.relayWaitedPercent ?? '?'} / ${w.many.relayWaitedPercent ?? '?'} %; ` +
      `load average ${w.quiet.loadAverage} / ${w.few.loadAverage} / ${w.many.loadAverage} (quiet / 15 / 150).`,
  ),
  `Join storm: joiners that had the whole board, ours ${joinStorm.ours.joined}, reference ${joinStorm.reference.joined} of ${joinStorm.joiners}; ` +
    `server CPU ours ${joinStorm.ours.serverCpuPercent ?? '?'} %, reference ${joinStorm.reference.serverCpuPercent ?? '?'} %.`,
  `Plenary: ${plenary.people} people over ${plenary.areas} group areas, ${plenary.movers} moving at ${plenary.hz} Hz; the page sent ` +
    `${kb(plenary.pageSentBytesPerSecond)}/s; ${plenary.inViewMovers} people moved in its view, each ${plenary.inViewRateMin}–${plenary.inViewRateMedian} ` +
    `times a second (min–median); it knew ${plenary.collaboratorsKnown} others and showed ${plenary.peopleCount} people; relay CPU ${plenary.relayCpuPercent ?? '?'} %.`,
  `Idle memory: ${idleMemory.ours.boards} boards (${idleMemory.template} + ${idleMemory.notesPerBoard} notes, ${kb(idleMemory.boardBytes)} each), one client each; ` +
    `RSS ${mb(idleMemory.ours.baselineRssMb)} → ${mb(idleMemory.ours.loadedRssMb)} (reference ${mb(idleMemory.reference.baselineRssMb)} → ${mb(idleMemory.reference.loadedRssMb)}).`,
  `Client packages, rendered before minification (brotli of that): whole client ${packageList(bundle.largest.whole)}; phone's first load ${packageList(bundle.largest.entry)}.`,
  `Cold load: a fresh y-websocket client from connect to every note, after a relay restart; median of ${coldLoad.rounds}.`,
  `Workers: boards of ${workers.peoplePerBoard} people moving their cursor at ${workers.hz} Hz, ${workers.editorsPerBoard} of them writing a note a second; ` +
    `bound ${workers.bound} (${workers.boundMs} ms); p95 in ms per step (✗ not served), 1 process: ${workersCurve(workers.one)}; 2 processes: ${workersCurve(workers.two)}.`,
  `Workers CPU, 1 process ${workersCpu(workers.one)}; 2 processes ${workersCpu(workers.two)}. ` +
    `Delivered at least ${pct(Math.min(...[workers.one, workers.two].flatMap((c) => c.steps.filter((s) => s.served).flatMap((s) => [s.noteDelivered, s.cursorDelivered]))))} in every served step.`,
]
console.log(report.join('\n'))

const results = { startedAt: startedAt.toISOString(), machine, documentFormat, layoutFormats, auditAppend, validation, search, networkScale, flood, typing, stalls, fanOut, manyWriters, joinStorm, stormCompression, fanOutCompression, plenary, phoneFirstVisit, bundle, documentImport, versionPreview, idleMemory, coldLoad, workers, awareness, table: report }
const dir = join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
const json = `${JSON.stringify(results, null, 2)}\n`
const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, json)
writeFileSync(join(dir, 'latest.json'), json)
console.error(`written: ${file}`)
