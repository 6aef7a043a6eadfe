/** Where profile photos are served, and what their names look like. Pure: used by the server and the browser. */

/** Stored photo names: a SHA-256 in hex and .webp. Anything else is never read from or written to the store. */
export const PHOTO_NAME = /^[a-f0-9]{64}\.webp$/

/** The address of a stored photo (served by app/routes/photos.$file.tsx), or null when there is none. */
export function photoUrl(photoPath: string | null | undefined): string | null {
	return photoPath && PHOTO_NAME.test(photoPath) ? `/photos/${photoPath}` : null
}
