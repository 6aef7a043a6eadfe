/**
 * The small-numbers rule of the funder's view (ADR 023): no figure about fewer than 5 people is shown in an
 * aggregate, on the page or in a CSV. This is the only place the rule lives; the page, the charts and the CSV
 * downloads all show what `protectTable` and `protectFigure` return. Pure: no I/O.
 *
 * A figure is "about" the people who contributed to it: the holders whose money is in a sum, who are counted in a
 * count, or whose ratings are in an average. A figure about nobody is shown (0 says nothing about anyone).
 *
 * Two kinds of hiding:
 * - `few`: the figure is about 1 to 4 people (primary suppression);
 * - `protect`: the figure is about 5 or more, but it is hidden too, because its rows add up to a total that is shown,
 *   and leaving it would let anyone work out a hidden one by subtraction (secondary suppression). More rows are
 *   hidden, fewest people first, until the hidden rows together are about 5 or more people.
 */

/** Figures about fewer people than this are not shown. */
export const FEWEST_PEOPLE = 5

/** What is shown in place of a hidden figure. */
export const HIDDEN_TEXT = { few: 'fewer than 5', protect: 'hidden' } as const

export type Hidden = keyof typeof HIDDEN_TEXT

/** A figure before the rule: its value, and who it is about (holder ids). */
export type RawFigure = { value: number; people: ReadonlySet<string> }

/** A figure after the rule: shown with its value and how many people it is about, or hidden and why. */
export type SafeFigure = { hidden: null; value: number; people: number } | { hidden: Hidden; value: null; people: null }

/** True when a figure about this many people must not be shown: 1 to 4. */
export function tooFew(people: number): boolean {
	return people > 0 && people < FEWEST_PEOPLE
}

function shown(f: RawFigure): SafeFigure {
	return { hidden: null, value: f.value, people: f.people.size }
}

function hide(why: Hidden): SafeFigure {
	return { hidden: why, value: null, people: null }
}

/** One figure on its own (no total it adds up to). */
export function protectFigure(f: RawFigure): SafeFigure {
	return tooFew(f.people.size) ? hide('few') : shown(f)
}

/**
 * A table whose rows add up to `total` (pass null when they do not add up, e.g. averages). If the total itself is
 * about too few people, every row is hidden with it.
 */
export function protectTable(
	rows: readonly RawFigure[],
	total: RawFigure | null = null,
): { rows: SafeFigure[]; total: SafeFigure | null } {
	if (total && tooFew(total.people.size)) {
		// Even a row of 0 would say something about those few people.
		return { rows: rows.map(() => hide('few')), total: hide('few') }
	}
	const hidden = new Map<number, Hidden>()
	rows.forEach((r, i) => {
		if (tooFew(r.people.size)) hidden.set(i, 'few')
	})
	if (total) {
		// Secondary suppression: the hidden rows' sum is total minus the shown rows, so it must be about 5 or more.
		for (;;) {
			const together = new Set<string>()
			for (const i of hidden.keys()) for (const p of rows[i]!.people) together.add(p)
			if (!tooFew(together.size)) break
			const next = rows
				.map((r, i) => ({ i, people: r.people.size }))
				.filter(({ i, people }) => !hidden.has(i) && people > 0)
				.sort((a, b) => a.people - b.people || a.i - b.i)[0]
			if (!next) {
				// Nothing left to hide with them: the total would give them away, so it goes too.
				return { rows: rows.map((r, i) => (hidden.has(i) ? hide(hidden.get(i)!) : shown(r))), total: hide('protect') }
			}
			hidden.set(next.i, 'protect')
		}
	}
	return {
		rows: rows.map((r, i) => (hidden.has(i) ? hide(hidden.get(i)!) : shown(r))),
		total: total ? shown(total) : null,
	}
}

/** The words for a figure: the formatted value, or what is shown instead. */
export function figureText(f: SafeFigure, format: (value: number) => string): string {
	return f.hidden ? HIDDEN_TEXT[f.hidden] : format(f.value)
}
