/**
 * How easy the app's words are to read (issue 12: aim for a reading age of about 9). Pure: given the visible text
 * of each page, it finds the sentences, measures them with text-readability (docs/decisions/017), and ranks the
 * hardest. bench/readability.ts reads the text the 320 px browser test saved and prints the figures.
 */
import readability from 'text-readability'

export type PageText = { who: string; url: string; status: number; text: string }
export type Sentence = { text: string; url: string; words: number; grade: number }
export type Figures = {
	pages: number
	sentences: number
	words: number
	fleschReadingEase: number
	fleschKincaidGrade: number
	/** UK reading age: the US school grade plus 5. */
	readingAge: number
	hardest: Sentence[]
}

/** A sentence has at least this many words; shorter lines are labels, buttons, names and figures. */
const MIN_WORDS = 4

/**
 * The sentences of a page's visible text: each line (and table cell) split after . ? or !, keeping what ends like
 * a sentence, has enough words and is mostly letters. Headings, labels, buttons, names and table rows ("£45.00
 * 12 March") are not prose, and a formula made for prose gives them nonsense grades.
 */
export function sentencesOf(text: string): string[] {
	return text
		.split(/[\n\t]+/)
		.flatMap((line) => line.split(/(?<=[.?!][”"’)]?)\s+(?=[A-Z“"‘(£0-9])/))
		.map((s) => s.replace(/\s+/g, ' ').trim())
		.filter((s) => /[.?!][”"’)]?$/.test(s))
		.filter((s) => s.split(' ').length >= MIN_WORDS)
		.filter((s) => (s.match(/[A-Za-z]/g)?.length ?? 0) / s.length > 0.6)
}

/** The Flesch–Kincaid grade of one sentence (its words and syllables), as text-readability computes it. */
export function gradeOf(sentence: string): number {
	return readability.fleschKincaidGrade(sentence)
}

/**
 * Every distinct sentence counted once (the header and footer repeat on every page), attributed to the first page
 * it was seen on; the overall figures are computed on all of them together.
 */
export function measure(pages: readonly PageText[], hardestCount = 15): Figures {
	const seen = new Map<string, Sentence>()
	for (const page of pages) {
		for (const text of sentencesOf(page.text)) {
			if (seen.has(text)) continue
			const words = readability.lexiconCount(text)
			seen.set(text, { text, url: page.url, words, grade: gradeOf(text) })
		}
	}
	const all = [...seen.values()]
	const body = all.map((s) => s.text).join(' ')
	const grade = all.length ? readability.fleschKincaidGrade(body) : 0
	return {
		pages: new Set(pages.map((p) => p.url)).size,
		sentences: all.length,
		words: all.reduce((sum, s) => sum + s.words, 0),
		fleschReadingEase: all.length ? readability.fleschReadingEase(body) : 0,
		fleschKincaidGrade: grade,
		readingAge: Math.round((grade + 5) * 10) / 10,
		hardest: hardestOf(all, hardestCount),
	}
}

/**
 * The hardest sentences, hardest first; of sentences made by the same template ("Typical for … : £14–£17 an hour")
 * only the hardest is listed, so one template does not fill the list.
 */
function hardestOf(all: readonly Sentence[], count: number): Sentence[] {
	const templates = new Set<string>()
	const hardest: Sentence[] = []
	for (const s of [...all].sort((a, b) => b.grade - a.grade || b.words - a.words)) {
		const template = s.text.split(' ').slice(0, 2).join(' ')
		if (templates.has(template)) continue
		templates.add(template)
		hardest.push(s)
		if (hardest.length === count) break
	}
	return hardest
}
