import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of this response (server/http-security.ts makes one per request): Remix's inline
 * scripts carry it, so the policy allows them and nothing else inline. Browsers hide it from the page afterwards.
 */
const NonceContext = createContext<string>('')

export const NonceProvider = NonceContext.Provider

export function useNonce(): string {
	return useContext(NonceContext)
}
