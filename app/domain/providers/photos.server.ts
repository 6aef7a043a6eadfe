/**
 * Profile photos: checked, resized and stored.
 *
 * - `preparePhoto` reads the upload with sharp, refuses anything that is not really a JPEG, PNG or WebP image (the
 *   bytes decide, not the file name or the browser's content type), turns it the right way up (EXIF orientation),
 *   crops it to a 400 × 400 square around the most interesting part, and writes it as WebP with no metadata (so no
 *   location or camera data is published). The file name is the SHA-256 of the result, so a name never changes
 *   meaning and can be cached for ever.
 * - A `PhotoStore` keeps the files. The default keeps them on disk in PHOTO_DIR (default `.data/photos`). It is a
 *   tiny interface so a shared store (a shared volume, S3, the database) can replace it when several web servers
 *   run: see docs/decisions/010-provider-profiles-and-photos.md.
 */
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { getEnv } from '#app/utils/env.server.ts'
import { ProfileError } from './profile-errors.ts'
import { PHOTO_NAME } from './profile-photo.ts'

export const PHOTO_PIXELS = 400
/** Larger images are refused before decoding (a "decompression bomb" would otherwise take all the memory). */
const MAX_INPUT_PIXELS = 50_000_000
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp'])

export type PhotoStore = {
	/** Writes the photo under this name (a no-op when it is already there: names are content hashes). */
	put(name: string, bytes: Uint8Array): Promise<void>
	/** The photo's bytes, or null when there is none by that name. */
	get(name: string): Promise<Uint8Array | null>
	/** Removes the photo; a missing one is not an error. */
	delete(name: string): Promise<void>
}

function checkName(name: string): void {
	if (!PHOTO_NAME.test(name)) throw new RangeError(`Not a photo name: ${name}`)
}

/** Photos as files in one folder, written to a temporary name first so a reader never sees half a file. */
export function diskPhotoStore(dir: string): PhotoStore {
	return {
		async put(name, bytes) {
			checkName(name)
			await fs.mkdir(dir, { recursive: true })
			const file = path.join(dir, name)
			const tmp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`
			await fs.writeFile(tmp, bytes)
			await fs.rename(tmp, file)
		},
		async get(name) {
			if (!PHOTO_NAME.test(name)) return null
			try {
				return await fs.readFile(path.join(dir, name))
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
				throw error
			}
		},
		async delete(name) {
			checkName(name)
			await fs.rm(path.join(dir, name), { force: true })
		},
	}
}

const KEY = Symbol.for('budget-market.photo-store')
type WithStore = typeof globalThis & { [KEY]?: PhotoStore }

/** The process's photo store: on disk in PHOTO_DIR unless a test or another deployment set one. */
export function getPhotoStore(): PhotoStore {
	const g = globalThis as WithStore
	g[KEY] ??= diskPhotoStore(getEnv().PHOTO_DIR)
	return g[KEY]
}

/** For tests, and for deployments with a shared store: use this store (undefined goes back to the default). */
export function setPhotoStore(store: PhotoStore | undefined): void {
	;(globalThis as WithStore)[KEY] = store
}

export type PreparedPhoto = { name: string; bytes: Buffer }

const notAPhoto = () =>
	ProfileError.field('photo', 'The file is not a photo we can read. Upload a JPEG, PNG or WebP image')

/** The upload as a 400 × 400 WebP, named by its hash; a ProfileError on the `photo` field when it is not a photo. */
export async function preparePhoto(input: Uint8Array): Promise<PreparedPhoto> {
	// Loaded on the first upload, not with the server: sharp's native libvips and its threads cost the server about
	// 10 MiB of resident memory for a feature most processes never use (issue 14).
	const { default: sharp } = await import('sharp')
	let format: string | undefined
	try {
		const meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()
		format = meta.format
	} catch {
		throw notAPhoto()
	}
	if (!format || !ACCEPTED_FORMATS.has(format)) {
		throw ProfileError.field('photo', 'The photo must be a JPEG, PNG or WebP image')
	}
	let bytes: Buffer
	try {
		bytes = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
			.rotate()
			.resize(PHOTO_PIXELS, PHOTO_PIXELS, { fit: 'cover', position: sharp.strategy.attention })
			.webp({ quality: 80 })
			.toBuffer()
	} catch {
		throw notAPhoto()
	}
	const hash = crypto.createHash('sha256').update(bytes).digest('hex')
	return { name: `${hash}.webp`, bytes }
}
