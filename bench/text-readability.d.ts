/** The few functions bench/readability.ts uses from text-readability (which ships no types). */
declare module 'text-readability' {
	const readability: {
		fleschReadingEase(text: string): number
		fleschKincaidGrade(text: string): number
		textStandard(text: string, floatOutput?: boolean | null): number | string
		lexiconCount(text: string, removePunctuation?: boolean): number
		syllableCount(text: string): number
	}
	export default readability
}
