import { useSearchParams } from '@remix-run/react'

/**
 * What the last action did, read from the address it redirected to: `?done=<key>` as the page's message for that
 * key, and `?invited=<email>`.
 */
export function useOutcome(messages: Record<string, string>): { done: string | undefined; invited: string | null } {
	const [searchParams] = useSearchParams()
	return { done: messages[searchParams.get('done') ?? ''], invited: searchParams.get('invited') }
}
