/** Reads one line from stdin without echoing it when it is a terminal (a password prompt). */
import { createInterface } from 'node:readline'

export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    // Piped: the first line is the secret.
    const lines = createInterface({ input })
    for await (const line of lines) return line
    return ''
  }
  process.stderr.write(prompt)
  input.setRawMode(true)
  input.setEncoding('utf8')
  input.resume()
  return new Promise((resolve, reject) => {
    let secret = ''
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(secret)
        if (char === '\u0003') return done(null)
        if (char === '\u007f' || char === '\b') secret = secret.slice(0, -1)
        else secret += char
      }
    }
    const done = (value: string | null) => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      process.stderr.write('\n')
      if (value === null) reject(new Error('cancelled'))
      else resolve(value)
    }
    input.on('data', onData)
  })
}
