/**
 * The board's open comment threads as the export and the report list them, "Offene Fragen": each
 * thread's question, who asked it (the display name they wrote under), what it is about, and its
 * replies. Resolved threads are settled and stay out.
 */
import { commentThreads, type Comment, type CommentTarget } from '../board/comments.ts'
import type { Locale } from '../locale.ts'

/** What a thread is about: a shape (its text, if it shows one), a place on a page, or nothing left. */
export type QuestionAbout = { kind: 'shape'; text: string | null } | { kind: 'place'; page: string } | { kind: 'gone' }

export interface OpenQuestion {
  text: string
  /** The display name the question was asked under ('' for none). */
  author: string
  about: QuestionAbout
  replies: Array<{ text: string; author: string }>
}

export const openQuestionWords = {
  title: { de: 'Offene Fragen (Kommentare)', en: 'Open questions (comments)' },
  question: { de: 'Frage', en: 'Question' },
  about: { de: 'Zu', en: 'About' },
  replies: { de: 'Antworten', en: 'Replies' },
  place: { de: 'eine Stelle auf „{page}“', en: 'a spot on “{page}”' },
  shape: { de: 'eine Form', en: 'a shape' },
  gone: { de: 'etwas, das nicht mehr da ist', en: 'something no longer there' },
  anonymous: { de: 'ohne Namen', en: 'no name' },
}

/** The open threads, oldest first; `about` names each target (undefined: it is gone). */
export function openQuestions(comments: ReadonlyMap<string, Comment>, about: (target: CommentTarget) => QuestionAbout): OpenQuestion[] {
  return commentThreads(comments)
    .filter((thread) => !thread.resolved)
    .map((thread) => ({
      text: thread.start.text,
      author: thread.start.name.trim(),
      about: about(thread.start.target),
      replies: thread.replies.map(({ comment }) => ({ text: comment.text, author: comment.name.trim() })),
    }))
}

export function aboutText(about: QuestionAbout, locale: Locale): string {
  const w = openQuestionWords
  if (about.kind === 'gone') return w.gone[locale]
  if (about.kind === 'place') return w.place[locale].replace('{page}', about.page)
  return about.text?.replace(/\s+/g, ' ').trim() || w.shape[locale]
}

const signed = (text: string, author: string, locale: Locale) => `${text} (${author || openQuestionWords.anonymous[locale]})`

/** The open questions as rows of a table: question (with who asked), about, replies (each with who). */
export const openQuestionRows = (questions: readonly OpenQuestion[], locale: Locale): string[][][] =>
  questions.map((q) => [[signed(q.text, q.author, locale)], [aboutText(q.about, locale)], q.replies.map((r) => signed(r.text, r.author, locale))])

export const openQuestionColumns = (locale: Locale): string[] => [openQuestionWords.question[locale], openQuestionWords.about[locale], openQuestionWords.replies[locale]]
