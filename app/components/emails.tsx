/** The head of an email as the outbox pages show it: who it goes to and its subject. */
export function EmailHeading({ to, subject }: { to: string; subject: string }) {
	return (
		<>
			<p>
				<span className="font-semibold">To:</span> {to}
			</p>
			<p>
				<span className="font-semibold">Subject:</span> {subject}
			</p>
		</>
	)
}
