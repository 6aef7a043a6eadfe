-- AlterTable
ALTER TABLE "LedgerAccount" ADD COLUMN     "summaryKey" TEXT;

-- CreateTable
CREATE TABLE "LedgerSummaryTotal" (
    "summaryKey" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "reason" "TransferReason" NOT NULL,
    "shard" SMALLINT NOT NULL,
    "debitsPending" BIGINT NOT NULL DEFAULT 0,
    "debitsPosted" BIGINT NOT NULL DEFAULT 0,
    "creditsPending" BIGINT NOT NULL DEFAULT 0,
    "creditsPosted" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "LedgerSummaryTotal_pkey" PRIMARY KEY ("summaryKey","currency","kind","reason","shard")
);

-- Added by hand (ADR 036): posted totals only ever grow; a summary has at most 16 shards.
ALTER TABLE "LedgerSummaryTotal" ADD CONSTRAINT "ledger_summary_total_debits_posted_not_negative" CHECK ("debitsPosted" >= 0);
ALTER TABLE "LedgerSummaryTotal" ADD CONSTRAINT "ledger_summary_total_credits_posted_not_negative" CHECK ("creditsPosted" >= 0);
ALTER TABLE "LedgerSummaryTotal" ADD CONSTRAINT "ledger_summary_total_shard_in_range" CHECK ("shard" BETWEEN 0 AND 15);

-- Added by hand (ADR 036): a holder's two accounts are summed under their funder.
UPDATE "LedgerAccount" a SET "summaryKey" = 'funder:' || h."funderId"
FROM "BudgetHolder" h
WHERE h."id" = a."holderId" AND a."kind" IN ('HOLDER_BUDGET', 'HOLDER_HELD');

-- Added by hand (ADR 036): the summaries of the ledger as it stands, from its entries, the same sums
-- `npm run ledger:check` compares them with (SUMMARY_TOTAL_WRONG); each account's sums go to one shard. The whole file
-- runs as one transaction, so the setting lasts only for it.
SET LOCAL work_mem = '256MB';
INSERT INTO "LedgerSummaryTotal" ("summaryKey", "currency", "kind", "reason", "shard",
                                  "debitsPending", "debitsPosted", "creditsPending", "creditsPosted")
SELECT a."summaryKey", a."currency", a."kind", t."reason", (hashtext(a."id") & 15)::smallint,
       COALESCE(SUM(-e."amount") FILTER (WHERE e."phase" = 'PENDING' AND e."accountId" = t."debitAccountId"), 0),
       COALESCE(SUM(-e."amount") FILTER (WHERE e."phase" = 'POSTED' AND e."accountId" = t."debitAccountId"), 0),
       COALESCE(SUM(e."amount") FILTER (WHERE e."phase" = 'PENDING' AND e."accountId" = t."creditAccountId"), 0),
       COALESCE(SUM(e."amount") FILTER (WHERE e."phase" = 'POSTED' AND e."accountId" = t."creditAccountId"), 0)
FROM "LedgerEntry" e
JOIN "LedgerTransfer" t ON t."id" = e."transferId"
JOIN "LedgerAccount" a ON a."id" = e."accountId"
WHERE a."summaryKey" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
