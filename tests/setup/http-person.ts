/**
 * A person using the running server over HTTP, as a browser without JavaScript would: cookies kept between requests,
 * the CSRF token read from the root loader's data and sent with every form, redirects not followed (the answer is
 * returned so a test can read its status and Location). Used by the fault tests and bench/load.ts.
 */
export type PersonOptions = {
	/** Sent as X-Forwarded-For, so a server run with TRUST_PROXY sees each person at their own address. */
	address?: string
	/** Milliseconds before a request is given up (default 60 s). */
	timeoutMs?: number
}

export class HttpPerson {
	baseUrl: string
	readonly cookies = new Map<string, string>()
	private readonly options: PersonOptions
	private csrfToken: string | null = null

	constructor(baseUrl: string, options: PersonOptions = {}) {
		this.baseUrl = baseUrl
		this.options = options
	}

	private headers(extra: Record<string, string> = {}): Record<string, string> {
		const headers: Record<string, string> = { ...extra }
		if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
		if (this.options.address) headers['X-Forwarded-For'] = this.options.address
		return headers
	}

	private keepCookies(response: Response): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';')
			const eq = pair?.indexOf('=') ?? -1
			if (!pair || eq < 1) continue
			const name = pair.slice(0, eq).trim()
			const value = pair.slice(eq + 1).trim()
			if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name)
			else this.cookies.set(name, value)
		}
	}

	/** A GET; the body is left for the caller to read. */
	async get(path: string): Promise<Response> {
		const response = await fetch(new URL(path, this.baseUrl), {
			headers: this.headers(),
			redirect: 'manual',
			signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
		})
		this.keepCookies(response)
		return response
	}

	/** The CSRF token for this person's browser (from the root loader's data, which also sets the cookie). */
	async csrf(): Promise<string> {
		if (this.csrfToken) return this.csrfToken
		const response = await this.get('/?_data=root')
		if (!response.ok) throw new Error(`Could not read the CSRF token: ${response.status}`)
		const data = (await response.json()) as { csrfToken?: string }
		if (!data.csrfToken) throw new Error('The root loader gave no CSRF token')
		this.csrfToken = data.csrfToken
		return data.csrfToken
	}

	/** A form POST (URL-encoded) with the CSRF token and the page's own Origin, as a browser sends it. */
	async post(path: string, fields: Record<string, string>): Promise<Response> {
		const body = new URLSearchParams(fields)
		body.set('csrf', await this.csrf())
		const response = await fetch(new URL(path, this.baseUrl), {
			method: 'POST',
			body,
			headers: this.headers({
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: new URL(this.baseUrl).origin,
			}),
			redirect: 'manual',
			signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
		})
		this.keepCookies(response)
		return response
	}

	/** Signs in; throws unless the server redirected (a 302 to the page after sign-in). */
	async signIn(email: string, password: string): Promise<void> {
		const response = await this.post('/login', { email, password, redirectTo: '/' })
		await response.body?.cancel()
		if (response.status !== 302) throw new Error(`Sign-in as ${email} answered ${response.status}, not a redirect`)
		// Signing in gives a new session; the CSRF token belongs to the browser, not the session, so it stays.
	}
}
