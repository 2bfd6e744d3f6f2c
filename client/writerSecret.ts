/**
 * This browser's writer secret (`shared/author.ts`): made once, kept in localStorage, sent only to
 * the relay when connecting. Without localStorage (blocked, private mode) it lasts as long as the
 * page: the person's notes then count as someone else's after a reload.
 */
import { writerSecretPattern } from '../shared/author.ts'
import { randomKey } from './randomKey.ts'

const storageKey = 'netzwerkstatt:writer'
let pageSecret: string | undefined

export function writerSecret(): string {
  try {
    const stored = localStorage.getItem(storageKey)
    if (stored && writerSecretPattern.test(stored)) return stored
    const made = randomKey(24)
    localStorage.setItem(storageKey, made)
    return made
  } catch {
    pageSecret ??= randomKey(24)
    return pageSecret
  }
}
