import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { deleteAllSessions, deleteSession, getSessionUser } from '#app/domain/people/auth.server.ts'
import { readForm, validateCsrf } from '#app/utils/csrf.server.ts'
import { clearSessionCookie, readSessionId } from '#app/utils/session.server.ts'

export async function loader() {
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readForm(request)
	await validateCsrf(formData, request)
	const sessionId = await readSessionId(request)
	// "Sign out everywhere" (the account page): every session of this person ends, not just this browser's.
	const user = sessionId && formData.get('intent') === 'everywhere' ? await getSessionUser(sessionId) : null
	if (user) await deleteAllSessions(user.id)
	else if (sessionId) await deleteSession(sessionId)
	return redirect('/', { headers: { 'Set-Cookie': await clearSessionCookie() } })
}
