/** Letters that Unicode does not split into a base letter and an accent. */
const special: Readonly<Record<string, string>> = {
	ł: 'l',
	Ł: 'L',
	ø: 'o',
	Ø: 'O',
	ß: 'ss',
	æ: 'ae',
	Æ: 'AE',
	œ: 'oe',
	đ: 'd',
	ı: 'i',
}

/** Lower-case words joined by hyphens, accents removed: "Newark-on-Trent's Café" → "newark-on-trents-cafe". */
export function slugify(text: string): string {
	return text
		.replace(/[łŁøØßæÆœđı]/g, (c) => special[c] ?? c)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
}

/** A provider's readable slug: the name, then the town unless the name already says it. */
export function providerSlugBase(name: string, town: string): string {
	const nameSlug = slugify(name)
	const townSlug = slugify(town)
	return `-${nameSlug}-`.includes(`-${townSlug}-`) ? nameSlug : `${nameSlug}-${townSlug}`
}

/** Hands out unique slugs: the first "amina-shah-leicester" as is, the next "amina-shah-leicester-2", and so on. */
export class SlugRegistry {
	private readonly taken = new Set<string>()
	private readonly nextSuffix = new Map<string, number>()

	constructor(existing: Iterable<string> = []) {
		for (const slug of existing) this.taken.add(slug)
	}

	take(base: string): string {
		const clean = slugify(base) || 'provider'
		if (!this.taken.has(clean)) {
			this.taken.add(clean)
			return clean
		}
		let n = this.nextSuffix.get(clean) ?? 2
		while (this.taken.has(`${clean}-${n}`)) n++
		const slug = `${clean}-${n}`
		this.nextSuffix.set(clean, n + 1)
		this.taken.add(slug)
		return slug
	}
}
