/**
 * Budget lines and ring-fencing. Pure: no database.
 *
 * Lines inform, they do not block: spending is recorded against a line so holder and funder see spending by line,
 * and going over a line is allowed (the policy is not to restrict what people buy). The exception is a line the
 * funder has ring-fenced: its share of the money allocated so far is kept for it, and only spending on that line
 * may use it.
 *
 * A ring-fenced line's share grows as instalments arrive: after allocations of `received`, the line is entitled to
 * received × line amount ÷ plan total (never more than the line amount); whatever has been spent or is held on the
 * line already counts against it. What is left of that is "set aside". Money the holder topped up themselves is
 * never ring-fenced.
 */

export type LineUse = {
	id: string
	name: string
	/** The line's amount in the agreed plan. */
	amount: number
	ringFenced: boolean
	/** Spent on this line so far (net of refunds). */
	spent: number
	/** Held for this line (bookings and pledges not yet paid). */
	held: number
}

export type RingFenceState = {
	lines: LineUse[]
	/** Allocations received into the budget so far. */
	received: number
	/** The budget's available balance now. */
	available: number
}

/** What each ring-fenced line still keeps aside, by line id (lines not ring-fenced are absent). */
export function setAside(state: RingFenceState): Map<string, number> {
	const planTotal = state.lines.reduce((sum, line) => sum + line.amount, 0)
	const result = new Map<string, number>()
	if (planTotal <= 0) return result
	for (const line of state.lines) {
		if (!line.ringFenced) continue
		// Exact integer arithmetic: received and amounts are well below 2^53 / plan total for any personal budget.
		const entitled = Math.min(line.amount, Math.floor((Math.max(0, state.received) * line.amount) / planTotal))
		result.set(line.id, Math.max(0, entitled - Math.max(0, line.spent + line.held)))
	}
	return result
}

/**
 * What can be spent against `lineId` (null: not against a line): the available balance less what other ring-fenced
 * lines keep aside. Never below zero.
 */
export function spendableOn(state: RingFenceState, lineId: string | null): number {
	let kept = 0
	for (const [id, amount] of setAside(state)) if (id !== lineId) kept += amount
	return Math.max(0, state.available - kept)
}

export type SpendCheck =
	| { ok: true; spendable: number }
	| { ok: false; spendable: number; protectedBy: { id: string; name: string; amount: number }[] }

/** Whether `amount` may be spent against `lineId` without touching money a ring-fenced line keeps aside. */
export function checkSpend(state: RingFenceState, amount: number, lineId: string | null): SpendCheck {
	const spendable = spendableOn(state, lineId)
	if (amount <= spendable) return { ok: true, spendable }
	const aside = setAside(state)
	const protectedBy = state.lines
		.filter((line) => line.id !== lineId && (aside.get(line.id) ?? 0) > 0)
		.map((line) => ({ id: line.id, name: line.name, amount: aside.get(line.id) ?? 0 }))
	return { ok: false, spendable, protectedBy }
}
