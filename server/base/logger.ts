/**
 * One JSON line per event on stdout. Callers pass ids, counts and codes only: never board
 * contents, titles or secrets, so logs can be shipped anywhere.
 */

/** LOG_LEVEL's values (`config.ts`): here, so that the logger needs nothing of the settings. */
export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

type Fields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  debug(msg: string, fields?: Fields): void
  info(msg: string, fields?: Fields): void
  warn(msg: string, fields?: Fields): void
  error(msg: string, fields?: Fields): void
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const log = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Fields) => {
    if (rank[lvl] < rank[level]) return
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }))
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

/** Error name and SQLite/Node code, without the message (it can quote data). */
export function describeError(error: unknown): Fields {
  if (error instanceof Error) {
    return { error: error.name, code: (error as { code?: string }).code }
  }
  return { error: typeof error }
}
