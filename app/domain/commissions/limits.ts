/** Limits shared by the schemas and the server. Pure. */

/** The most paying members one commission may have: confirming posts every pledge in one linked ledger call, and
 * the ledger takes at most 500 transfers in one call. */
export const MAX_PAYING = 500
