import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { deleteSession } from '#app/domain/people/auth.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import { clearSessionCookie, readSessionId } from '#app/utils/session.server.ts'

export async function loader() {
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	await validateCsrf(await readForm(request), request)
	const sessionId = await readSessionId(request)
	if (sessionId) await deleteSession(sessionId)
	return redirect('/', { headers: { 'Set-Cookie': await clearSessionCookie() } })
}
