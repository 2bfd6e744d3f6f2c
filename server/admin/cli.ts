/**
 * How the admin commands read their arguments: `node:util.parseArgs`, strict. An unknown option,
 * a missing or surplus argument or a value out of its choices is a `UsageError`, which `main.ts`
 * answers with the command's usage on stderr and exit code 2, before anything is touched.
 */
import { parseArgs } from 'node:util'
import { boardIdPattern } from '../../shared/access.ts'

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

/**
 * `args` with every board id made unmistakable for parseArgs: an id is 22 characters of base64url,
 * so about one in 64 starts with `-` and would be read as an option (`export -AbC…`) or refused
 * as an option's value (`audit --board -AbC…`). Options go first, an id after `--name` joins it as
 * `--name=<id>`, and the positionals follow a `--`, in their order.
 */
export function withBoardIds(args: readonly string[], options: Record<string, OptionSpec>): string[] {
  const option = (token: string) => token === '--help' || Object.keys(options).some((name) => token === `--${name}` || token.startsWith(`--${name}=`))
  const value = (token: string) => !token.startsWith('-') || token === '-' || (boardIdPattern.test(token) && !option(token))
  const flags: string[] = []
  const positionals: string[] = []
  for (let at = 0; at < args.length; at++) {
    const token = args[at]!
    if (token === '--') {
      positionals.push(...args.slice(at + 1))
      break
    }
    if (value(token)) positionals.push(token)
    else if (token.startsWith('--') && !token.includes('=') && options[token.slice(2)]?.type === 'string' && args[at + 1] !== undefined && value(args[at + 1]!)) {
      flags.push(`${token}=${args[++at]}`)
    } else flags.push(token)
  }
  return positionals.length > 0 ? [...flags, '--', ...positionals] : flags
}

/** The options and the positionals by name, or a UsageError that says what is wrong. */
export function parseCommand<O extends Record<string, OptionSpec>>(
  args: string[],
  spec: CommandSpec<O>,
): { values: Values<O>; positionals: Record<string, string | undefined> } {
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args: withBoardIds(args, spec.options ?? {}), options: spec.options ?? {}, strict: true, allowPositionals: true })
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
export const boardCount = (count: number) => `${count} ${new Intl.PluralRules('en').select(count) === 'one' ? 'board' : 'boards'}`
