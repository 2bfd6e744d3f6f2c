/**
 * A real SMTP server in a child process (the `smtp-server` package), for the relay's digest to
 * send to: it accepts every mail without TLS or sign-in and hands each one to the test whole, as
 * it came over the wire. `readMail` takes such a message apart (headers, encoded words, a base64
 * or quoted-printable body) as a mail program would, for the plain text mails the relay sends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { appRoot } from '../../server/base/appRoot.ts'
import { hang } from './hang.ts'

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
}

export interface SmtpSink {
  port: number
  url: string
  /** Every mail received so far. */
  mails: ReceivedMail[]
  /** The next mail not yet taken, waiting up to `timeoutMs` for it. */
  nextMail(timeoutMs?: number): Promise<ReceivedMail>
  close(): Promise<void>
}

const serverScript = `
import { SMTPServer } from 'smtp-server'
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, done) {
    const chunks = []
    stream.on('data', (chunk) => chunks.push(chunk))
    stream.on('end', () => {
      const mail = { from: session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') }
      process.stdout.write(JSON.stringify({ mail }) + '\\n')
      done()
    })
  },
})
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.server.address().port }) + '\\n'))
`

export async function startSmtpSink(): Promise<SmtpSink> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', serverScript], { cwd: appRoot, stdio: ['ignore', 'pipe', 'inherit'] })
  const mails: ReceivedMail[] = []
  let taken = 0
  const waiting: Array<() => void> = []
  const lines = createInterface({ input: child.stdout! })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP server stopped (${code})`)))
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { port?: number; mail?: ReceivedMail }
      if (message.port) resolve(message.port)
      if (message.mail) {
        mails.push(message.mail)
        for (const wake of waiting.splice(0)) wake()
      }
    })
  })
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async nextMail(timeoutMs = hang(30_000)) {
      const deadline = Date.now() + timeoutMs
      while (mails.length <= taken) {
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no mail within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left)
          waiting.push(() => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
      return mails[taken++]!
    },
    async close() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill()
      await exited
    },
  }
}

/** `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words of a header, decoded. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** The mail's headers (names in lower case, folded lines joined, words decoded) and its text. */
export function readMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()))
  }
  const body = raw.slice(split + 4)
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
  const text =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body
  return { headers, text: text.replace(/\r\n/g, '\n') }
}
