import type { LoaderFunctionArgs } from '@remix-run/node'
import { getPhotoStore } from '#app/domain/providers/photos.server.ts'
import { PHOTO_NAME } from '#app/domain/providers/profile-photo.ts'

/**
 * Profile photos, by their content-hash name. A name never changes meaning (a new photo gets a new name), so the
 * browser and any cache in between may keep it for a year without asking again.
 */
export async function loader({ params }: LoaderFunctionArgs) {
	const name = params.file ?? ''
	const bytes = PHOTO_NAME.test(name) ? await getPhotoStore().get(name) : null
	if (!bytes) {
		return new Response('Not found', {
			status: 404,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		})
	}
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': 'image/webp',
			'Content-Length': String(bytes.byteLength),
			'Cache-Control': 'public, max-age=31536000, immutable',
			ETag: `"${name.slice(0, 64)}"`,
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
