-- CreateEnum
CREATE TYPE "CommissionPricing" AS ENUM ('PER_PLACE', 'SPLIT_TOTAL');

-- CreateEnum
CREATE TYPE "CommissionSessionStatus" AS ENUM ('SCHEDULED', 'DELIVERED', 'CONFIRMED', 'DISPUTED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "CommissionRequestStatus" AS ENUM ('OPEN', 'CHOSEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "CommissionQuoteStatus" AS ENUM ('OFFERED', 'CHOSEN', 'NOT_CHOSEN', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "AccountKind" ADD VALUE 'COMMISSION_HELD';

-- AlterEnum
ALTER TYPE "PledgeStatus" ADD VALUE 'REFUNDED';

-- AlterTable
ALTER TABLE "Commission" ADD COLUMN     "accountId" TEXT,
ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancellationCutoffHours" INTEGER NOT NULL DEFAULT 48,
ADD COLUMN     "cancellationTerms" TEXT NOT NULL DEFAULT 'If the provider cancels, every member gets back their share of the sessions not delivered.',
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "companionsAllowed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "failedAt" TIMESTAMP(3),
ADD COLUMN     "firstSessionAt" TIMESTAMP(3),
ADD COLUMN     "maxPledgers" INTEGER,
ADD COLUMN     "placePricePence" INTEGER,
ADD COLUMN     "pricingMode" "CommissionPricing" NOT NULL DEFAULT 'SPLIT_TOTAL',
ADD COLUMN     "quoteId" TEXT,
ADD COLUMN     "sessionCount" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "sessionMinutes" INTEGER NOT NULL DEFAULT 60;

-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "inviteToken" TEXT;

-- AlterTable
ALTER TABLE "GroupMember" ADD COLUMN     "addedById" TEXT,
ADD COLUMN     "showFullName" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Pledge" DROP COLUMN "amountPence",
ADD COLUMN     "agreedMaxPence" INTEGER NOT NULL,
ADD COLUMN     "budgetLineId" TEXT,
ADD COLUMN     "companions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "feeBps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "feePence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "pledgedById" TEXT,
ADD COLUMN     "postedPence" INTEGER,
ADD COLUMN     "refundedPence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "sharePence" INTEGER NOT NULL;

-- CreateTable
CREATE TABLE "GroupMessage" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionSession" (
    "id" TEXT NOT NULL,
    "commissionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "CommissionSessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "deliveredAt" TIMESTAMP(3),
    "autoConfirmAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "paidPence" INTEGER,
    "feePence" INTEGER,
    "problem" TEXT,
    "problemById" TEXT,
    "problemAt" TIMESTAMP(3),
    "resolution" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "CommissionSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionRequest" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "need" TEXT NOT NULL,
    "town" TEXT,
    "categorySlug" TEXT,
    "when" TEXT,
    "status" "CommissionRequestStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionQuote" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "serviceId" TEXT,
    "pricingMode" "CommissionPricing" NOT NULL,
    "pricePence" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "firstSessionAt" TIMESTAMP(3) NOT NULL,
    "sessionCount" INTEGER NOT NULL,
    "sessionMinutes" INTEGER NOT NULL,
    "minPeople" INTEGER NOT NULL,
    "maxPeople" INTEGER,
    "message" TEXT NOT NULL,
    "status" "CommissionQuoteStatus" NOT NULL DEFAULT 'OFFERED',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommissionQuote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupMessage_idempotencyKey_key" ON "GroupMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "GroupMessage_groupId_createdAt_idx" ON "GroupMessage"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "CommissionSession_status_autoConfirmAt_idx" ON "CommissionSession"("status", "autoConfirmAt");

-- CreateIndex
CREATE INDEX "CommissionSession_commissionId_startsAt_idx" ON "CommissionSession"("commissionId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionSession_commissionId_number_key" ON "CommissionSession"("commissionId", "number");

-- CreateIndex
CREATE INDEX "CommissionRequest_status_createdAt_idx" ON "CommissionRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CommissionRequest_groupId_idx" ON "CommissionRequest"("groupId");

-- CreateIndex
CREATE INDEX "CommissionQuote_providerId_status_idx" ON "CommissionQuote"("providerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionQuote_requestId_providerId_key" ON "CommissionQuote"("requestId", "providerId");

-- CreateIndex
CREATE UNIQUE INDEX "Commission_accountId_key" ON "Commission"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Commission_quoteId_key" ON "Commission"("quoteId");

-- CreateIndex
CREATE INDEX "Commission_status_deadline_idx" ON "Commission"("status", "deadline");

-- CreateIndex
CREATE INDEX "Commission_providerId_status_idx" ON "Commission"("providerId", "status");

-- CreateIndex
CREATE INDEX "Commission_groupId_idx" ON "Commission"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Group_inviteToken_key" ON "Group"("inviteToken");

-- CreateIndex
CREATE INDEX "GroupMember_holderId_idx" ON "GroupMember"("holderId");

-- CreateIndex
CREATE INDEX "LedgerTransfer_pledgeId_idx" ON "LedgerTransfer"("pledgeId");

-- CreateIndex
CREATE UNIQUE INDEX "Pledge_idempotencyKey_key" ON "Pledge"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Pledge_holderId_status_idx" ON "Pledge"("holderId", "status");

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMessage" ADD CONSTRAINT "GroupMessage_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMessage" ADD CONSTRAINT "GroupMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "LedgerAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "CommissionQuote"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "BudgetLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pledge" ADD CONSTRAINT "Pledge_pledgedById_fkey" FOREIGN KEY ("pledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionSession" ADD CONSTRAINT "CommissionSession_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionSession" ADD CONSTRAINT "CommissionSession_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionSession" ADD CONSTRAINT "CommissionSession_problemById_fkey" FOREIGN KEY ("problemById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionRequest" ADD CONSTRAINT "CommissionRequest_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionRequest" ADD CONSTRAINT "CommissionRequest_categorySlug_fkey" FOREIGN KEY ("categorySlug") REFERENCES "Category"("slug") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionRequest" ADD CONSTRAINT "CommissionRequest_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionQuote" ADD CONSTRAINT "CommissionQuote_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "CommissionRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionQuote" ADD CONSTRAINT "CommissionQuote_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionQuote" ADD CONSTRAINT "CommissionQuote_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionQuote" ADD CONSTRAINT "CommissionQuote_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Commission rules enforced by the database (added by hand; Prisma's schema cannot express CHECK constraints).
ALTER TABLE "Pledge" ADD CONSTRAINT "pledge_amounts_sane"
    CHECK ("agreedMaxPence" > 0 AND "sharePence" >= 0 AND "feePence" >= 0 AND "companions" >= 0 AND "refundedPence" >= 0);
-- A pledge never takes more than the member agreed to, and never returns more than it took.
ALTER TABLE "Pledge" ADD CONSTRAINT "pledge_posted_within_agreed"
    CHECK ("postedPence" IS NULL OR ("postedPence" <= "agreedMaxPence" AND "refundedPence" <= "postedPence"));
ALTER TABLE "Commission" ADD CONSTRAINT "commission_people_sane"
    CHECK ("minPledgers" >= 1 AND ("maxPledgers" IS NULL OR "maxPledgers" >= "minPledgers") AND "sessionCount" >= 1 AND "sessionMinutes" >= 1);
