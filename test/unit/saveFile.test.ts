import { describe, expect, it } from 'vitest'
import { fileNameFromDisposition } from '../../client/saveFile.ts'

describe('export file names', () => {
  it('prefers the UTF-8 name, then the plain one', () => {
    const header = `attachment; filename="Gruendung-Netzwerk.md"; filename*=UTF-8''${encodeURIComponent('Gründung-Netzwerk.md')}`
    expect(fileNameFromDisposition(header, 'board.md')).toBe('Gründung-Netzwerk.md')
    expect(fileNameFromDisposition('attachment; filename="Plan.csv"', 'board.csv')).toBe('Plan.csv')
    expect(fileNameFromDisposition('attachment; filename=Plan.json', 'board.json')).toBe('Plan.json')
  })

  it('falls back when there is no usable name, and never returns a path', () => {
    expect(fileNameFromDisposition(null, 'board.md')).toBe('board.md')
    expect(fileNameFromDisposition('attachment', 'board.md')).toBe('board.md')
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A`, 'board.md')).toBe('board.md')
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', 'x')).toBe('.._.._etc_passwd')
  })
})
