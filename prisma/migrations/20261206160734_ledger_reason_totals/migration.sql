-- CreateTable
CREATE TABLE "LedgerReasonTotal" (
    "accountId" TEXT NOT NULL,
    "reason" "TransferReason" NOT NULL,
    "debitsPosted" BIGINT NOT NULL DEFAULT 0,
    "creditsPosted" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "LedgerReasonTotal_pkey" PRIMARY KEY ("accountId","reason")
);

-- AddForeignKey
ALTER TABLE "LedgerReasonTotal" ADD CONSTRAINT "LedgerReasonTotal_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LedgerAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand (ADR 030): posted totals only ever grow, as the accounts' own posted totals do.
ALTER TABLE "LedgerReasonTotal" ADD CONSTRAINT "ledger_reason_total_debits_posted_not_negative" CHECK ("debitsPosted" >= 0);
ALTER TABLE "LedgerReasonTotal" ADD CONSTRAINT "ledger_reason_total_credits_posted_not_negative" CHECK ("creditsPosted" >= 0);

-- Added by hand (ADR 030): the totals of the ledger as it stands, from its POSTED entries, the same sums
-- `npm run ledger:check` compares them with (REASON_TOTAL_WRONG). The whole file runs as one transaction, so the
-- setting lasts only for it; a region's worth of entries is sorted in memory instead of on disk.
SET LOCAL work_mem = '256MB';
INSERT INTO "LedgerReasonTotal" ("accountId", "reason", "debitsPosted", "creditsPosted")
SELECT e."accountId", t."reason",
       COALESCE(SUM(-e."amount") FILTER (WHERE e."accountId" = t."debitAccountId"), 0),
       COALESCE(SUM(e."amount") FILTER (WHERE e."accountId" = t."creditAccountId"), 0)
FROM "LedgerEntry" e
JOIN "LedgerTransfer" t ON t."id" = e."transferId"
WHERE e."phase" = 'POSTED'
GROUP BY e."accountId", t."reason";
