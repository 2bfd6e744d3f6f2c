/**
 * Why the relay refused a request, as a word the page can say in its own language
 * (`client/apiProblems.ts`): the `error` text beside it is English, for operators and logs.
 * Sent as `{ error, code, limit? }` where a status alone would leave the reason open.
 */
export const problemCodes = [
  /** The network holds `maxNetworkBoards` boards already (`limit`). */
  'network-full',
  'board-in-this-network',
  'board-in-another-network',
  /** Only a board's facilitator link puts it into a network. */
  'facilitator-link-needed',
] as const
export type ProblemCode = (typeof problemCodes)[number]

export const isProblemCode = (code: unknown): code is ProblemCode => (problemCodes as readonly unknown[]).includes(code)
