/**
 * Collective commissioning (issue 9; docs/decisions/015-collective-commissioning.md): groups of budget holders
 * pool their budgets to buy together what none could buy alone. The one public door: routes import from here.
 *
 * The phases, each in its own module:
 *  - forming (offers.server.ts): startGroup, groupInviteToken, joinGroup, postGroupMessage, createOffer,
 *    requestQuotes, answerQuote, chooseQuote;
 *  - pledging (pledges.server.ts): pledge, withdrawPledge, confirmCommission, settleAtDeadline, cancelByProvider;
 *  - delivery (delivery.server.ts): markSessionDelivered, confirmSession, reportSessionProblem, resolveSessionProblem;
 *  - jobs (jobs.server.ts): runCommissionJobs, expireDueCommissions (wired into app/jobs/scheduler.server.ts);
 *  - reading (queries.server.ts): getCommissionView, listOpenCommissions, commissionsForHolder.
 * Pure rules (rules.ts: what may this person do now), shares (shares.ts: who pays what), input schemas
 * (schemas.ts) and errors (errors.ts: CommissionError, code → HTTP status) can be imported by pages directly.
 * Money moves only through money.server.ts, the domain's one door to the ledger and the money modules.
 *
 * Every change takes the acting user (`SessionUser` fits; SYSTEM for jobs) and an optional `now` (the app's clock).
 */
export { type ActingUser, SYSTEM } from './access.server.ts'
export { confirmSession, markSessionDelivered, reportSessionProblem, resolveSessionProblem } from './delivery.server.ts'
export { CommissionError, type CommissionErrorCode, isCommissionError } from './errors.ts'
export { type CommissionJobsReport, expireDueCommissions, runCommissionJobs } from './jobs.server.ts'
export {
	answerQuote,
	chooseQuote,
	createOffer,
	groupInviteToken,
	joinGroup,
	postGroupMessage,
	requestQuotes,
	startGroup,
} from './offers.server.ts'
export {
	cancelByProvider,
	confirmCommission,
	pledge,
	sessionTimes,
	settleAtDeadline,
	withdrawPledge,
} from './pledges.server.ts'
export {
	type CommissionView,
	commissionsForHolder,
	getCommissionView,
	listOpenCommissions,
	type OpenCommissionCard,
} from './queries.server.ts'
