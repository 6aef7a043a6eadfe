/**
 * A small seeded pseudo-random generator for the demo data. Never Math.random: the same seed gives the same data.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128 bits of state, passes PractRand, and needs nothing but
 * 32-bit integer arithmetic, so it gives the same sequence on every JavaScript engine. Seeding is cheap, so
 * every provider and holder gets its own stream (and faker is driven by the same generator: see `Sfc32.seed`).
 */

/** Mixes any number of integers and strings into one 32-bit seed (cyrb53-style), so each entity gets its own stream. */
export function deriveSeed(...parts: (number | string)[]): number {
	let h1 = 0xdeadbeef
	let h2 = 0x41c6ce57
	const mix = (code: number) => {
		h1 = Math.imul(h1 ^ code, 2654435761)
		h2 = Math.imul(h2 ^ code, 1597334677)
	}
	for (const part of parts) {
		const text = typeof part === 'number' ? `n${part}` : `s${part}`
		for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i))
		mix(0x7c) // a separator, so ('ab', 'c') and ('a', 'bc') differ
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
	return (h1 ^ h2) >>> 0
}

export class Sfc32 {
	private a = 0
	private b = 0
	private c = 0
	private d = 0

	constructor(seed: number) {
		this.seed(seed)
	}

	/** Restarts the stream. Also faker's Randomizer interface, so faker can draw from this generator. */
	seed(seed: number | number[]): void {
		this.a = 0x9e3779b9
		this.b = 0x243f6a88
		this.c = 0xb7e15162
		this.d = (Array.isArray(seed) ? deriveSeed(...seed) : seed) >>> 0
		// Warm up, so seeds that differ in a few bits give unrelated sequences.
		for (let i = 0; i < 15; i++) this.nextUint32()
	}

	nextUint32(): number {
		let t = (this.a + this.b) | 0
		this.a = this.b ^ (this.b >>> 9)
		this.b = (this.c + (this.c << 3)) | 0
		this.c = (this.c << 21) | (this.c >>> 11)
		this.d = (this.d + 1) | 0
		t = (t + this.d) | 0
		this.c = (this.c + t) | 0
		return t >>> 0
	}

	/** A float in [0, 1). */
	next(): number {
		return this.nextUint32() / 4294967296
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
			throw new Error(`int(${min}, ${max}): give two integers with min ≤ max`)
		}
		return min + Math.floor(this.next() * (max - min + 1))
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p
	}

	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick: the list is empty')
		return items[Math.floor(this.next() * items.length)] as T
	}

	/** One element, chosen in proportion to its (positive) weight. */
	weighted<T>(items: readonly (readonly [T, number])[]): T {
		let total = 0
		for (const [, weight] of items) {
			if (!(weight > 0)) throw new Error('weighted: every weight must be positive')
			total += weight
		}
		if (items.length === 0) throw new Error('weighted: the list is empty')
		let roll = this.next() * total
		for (const [item, weight] of items) {
			roll -= weight
			if (roll < 0) return item
		}
		// Rounding can leave a sliver of the total: it belongs to the last item.
		return (items[items.length - 1] as readonly [T, number])[0]
	}

	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[] {
		const copy = [...items]
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1))
			const swap = copy[i] as T
			copy[i] = copy[j] as T
			copy[j] = swap
		}
		return copy
	}

	/** `count` distinct elements (fewer if the list is shorter), in random order. */
	sample<T>(items: readonly T[], count: number): T[] {
		return this.shuffle(items).slice(0, Math.max(0, count))
	}

	/** A number from min to max (both included) in whole steps above min: prices in pence, step(1300, 2000, 25). */
	step(min: number, max: number, step: number): number {
		if (!(step > 0) || max < min) throw new Error(`step(${min}, ${max}, ${step}): give min ≤ max and step > 0`)
		return min + this.int(0, Math.floor((max - min) / step)) * step
	}
}

export type Random = Sfc32

export function createRandom(seed: number): Random {
	return new Sfc32(seed)
}
