/**
 * Booking, from a request to a delivered, paid session: the public API, by phase. Every change is one database
 * transaction that also writes the booking's history, the notifications and any money it moves (through the one
 * door, money.server.ts), so nothing is ever half-done; every change is idempotent. The code lives in:
 *  - request.server.ts   quote and send a request;
 *  - changes.server.ts   accept, decline, cancel, mark delivered, confirm;
 *  - problems.server.ts  problems and settlements;
 *  - jobs.server.ts      the scheduled job (confirm after the time to report a problem, expire unanswered requests);
 *  - locking.server.ts   what every change shares (the booking's lock, the rules' check, history and notices);
 *  - money.server.ts     the only bookings module that reaches app/domain/money and the ledger.
 * The app imports the phase modules directly; this index keeps the older import path working.
 */
export {
	acceptBooking,
	type CancelResult,
	cancelBooking,
	confirmBooking,
	declineBooking,
	markDelivered,
} from './changes.server.ts'
export { type BookingJobsReport, runBookingJobs } from './jobs.server.ts'
export { type ActingUser, SYSTEM } from './locking.server.ts'
export { acceptSettlement, proposeSettlement, reportProblem, resolveAsFunder } from './problems.server.ts'
export {
	type BookingQuote,
	type BookingRequestInput,
	loadProviderTime,
	quoteBooking,
	type RequestResult,
	requestBooking,
	sentRequest,
} from './request.server.ts'
