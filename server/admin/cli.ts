/**
 * How the admin commands read their arguments: `node:util.parseArgs`, strict. An unknown option,
 * a missing or surplus argument or a value out of its choices is a `UsageError`, which `main.ts`
 * answers with the command's usage on stderr and exit code 2, before anything is touched.
 */
import { parseArgs } from 'node:util'

export class UsageError extends Error {}

/** A command: its usage lines, and what runs it (the exit code). */
export interface AdminCommand {
  usage: string
  run(args: string[]): Promise<number>
}

type OptionSpec = { type: 'string' | 'boolean'; short?: string }

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The command's name, for messages. */
  name: string
  options?: O
  /** Names of the positional arguments; a name ending in `?` may be left out (only at the end). */
  positionals?: readonly string[]
}

type Values<O extends Record<string, OptionSpec>> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }

/** The options and the positionals by name, or a UsageError that says what is wrong. */
export function parseCommand<O extends Record<string, OptionSpec>>(
  args: string[],
  spec: CommandSpec<O>,
): { values: Values<O>; positionals: Record<string, string | undefined> } {
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args, options: spec.options ?? {}, strict: true, allowPositionals: true })
  } catch (error) {
    // parseArgs' own messages name the option and say what is wrong with it.
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message.split('. ')[0]!)
    throw error
  }
  const names = spec.positionals ?? []
  const required = names.filter((name) => !name.endsWith('?'))
  if (parsed.positionals.length < required.length) throw new UsageError(`${spec.name} needs <${required[parsed.positionals.length]}>`)
  if (parsed.positionals.length > names.length) throw new UsageError(`${spec.name} does not take ${JSON.stringify(parsed.positionals[names.length])}`)
  const positionals: Record<string, string | undefined> = {}
  names.forEach((name, at) => (positionals[name.replace(/\?$/, '')] = parsed.positionals[at]))
  return { values: parsed.values as Values<O>, positionals }
}

/** Whether the arguments ask for help (`--help`, `-h`), before a `--` that ends the options. */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--')
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')
}

/** `1 board`, `3 boards`: the commands' closing lines. */
export const boardCount = (count: number) => `${count} board${count === 1 ? '' : 's'}`
