import type { Prisma } from '#app/generated/prisma/client.ts'
import type { Db } from '#app/utils/transaction.server.ts'

/** One audit-log row: who did what to which record, for which holder (their trail, ADR 020), and the details. */
export type AuditEntry = {
	/** Null when the system acted (a job), not a person. */
	actorId: string | null
	holderId?: string | null
	action: string
	entityType: string
	entityId: string
	detail?: Prisma.InputJsonValue
}

/** Writes one audit-log row, in the caller's transaction so it stands or falls with the change it records. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
	await db.auditLog.create({ data: entry })
}
