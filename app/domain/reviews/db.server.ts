/**
 * How reviews run their transactions, on the shared toolkit in `#app/utils/transaction.server.ts`. Each write (a
 * review, feedback, a reply, a report, a moderator's decision) is one transaction with everything it causes: the
 * visibility of the other side, the provider's cached rating, the search outbox row, the notifications and the
 * audit trail commit or roll back together.
 */
import { isUniqueViolation, type TransactionOptions } from '#app/utils/transaction.server.ts'

/**
 * A unique violation or a write conflict (two requests racing, such as a double click) runs the transaction once
 * more: the second time it sees what the first one wrote and answers as a retry. Three attempts, 30 s each.
 */
export const reviewWrites: TransactionOptions = {
	attempts: 3,
	maxWait: 30_000,
	timeout: 30_000,
	retryable: (error) => isUniqueViolation(error),
}
