import { z } from 'zod'

/**
 * Bidirectional-override and isolate controls (U+202A–U+202E, U+2066–U+2069) make text display in another order than
 * it was typed ("Trojan Source"): a review could show a different amount or name. Nobody needs them in a form, so
 * every form field loses them as it is read (readForm in csrf.server.ts), and JSON input uses `plainText`.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g

export function withoutBidiControls(text: string): string {
	return text.replace(BIDI_CONTROLS, '')
}

/** A zod string without bidirectional controls: the shared helper for free text that does not come through a form. */
export function plainText() {
	return z.string().transform(withoutBidiControls)
}
