/**
 * The ledger: the only door to money. Import from here.
 *
 * Every function takes `db`: the app's PrismaClient, or a transaction client to run inside the caller's own
 * transaction (see Db in #app/utils/transaction.server.ts and db.server.ts). Amounts are positive whole numbers of minor units (pence,
 * cents), as bigint or number; balances come back as bigint.
 */
export {
	DEFAULT_FLAGS,
	ensureFunderSourceAccount,
	ensureHolderAccounts,
	ensurePlatformAccounts,
	ensureProviderPayableAccount,
	funderSummaryKey,
	openAccount,
	openCommissionAccount,
	type OpenAccountInput,
} from './accounts.server.ts'
export { type Balance, balanceOf } from './balance.ts'
export { type AccountBalance, getBalance } from './balances.server.ts'
export { checkLedger, type LedgerCheckReport, ledgerCheckReport, type LedgerProblem } from './check.server.ts'
export { isLedgerError, LedgerError, type LedgerErrorCode } from './errors.ts'
export { formatMoney } from './money.ts'
export {
	createTransfers,
	type CreateTransfersOptions,
	expirePendingTransfers,
	postPending,
	reserve,
	transfer,
	voidPending,
} from './transfers.server.ts'
export type {
	Initiator,
	PendingTransferInput,
	ResolvePendingInput,
	SingleTransferInput,
	TransferInput,
	TransferOutcome,
} from './types.ts'
