/**
 * A real SMTP server for tests (the smtp-server package) on a free local port, that keeps every message it accepts,
 * parsed with mailparser. It can be told to refuse recipients, as a mail server does when it is unhappy, with the
 * SMTP reply code given.
 */
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type ReceivedEmail = { from: string; to: string; subject: string; text: string; messageId: string }

export type LocalSmtp = {
	url: string
	received: ReceivedEmail[]
	/** Refuse every recipient with this reply (e.g. 451 "Try again later"), or accept them again with null. */
	refuse: (reply: { code: number; message: string } | null) => void
	close: () => Promise<void>
}

export async function startLocalSmtp(): Promise<LocalSmtp> {
	const received: ReceivedEmail[] = []
	let refusal: { code: number; message: string } | null = null
	const server = new SMTPServer({
		authOptional: true,
		// Plain text on a local port: no certificate to trust.
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (!refusal) return callback()
			const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code })
			callback(error)
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '')
					received.push({
						from: mail.from?.text ?? '',
						to,
						subject: mail.subject ?? '',
						text: mail.text ?? '',
						messageId: mail.messageId ?? '',
					})
					callback()
				})
				.catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))))
		},
	})
	server.on('error', () => {
		// A client that hangs up mid-conversation is not the test's concern; the messages kept are.
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
	const { port } = server.server.address() as AddressInfo
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		refuse(reply) {
			refusal = reply
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}
