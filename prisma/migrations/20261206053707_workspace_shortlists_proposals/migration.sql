-- CreateEnum
CREATE TYPE "ShortlistStatus" AS ENUM ('DRAFT', 'SENT', 'CHOSEN', 'MORE_WANTED', 'HELPER_CHOOSES');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('WAITING', 'APPROVED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ProposalReason" AS ENUM ('OVER_LIMIT', 'SUGGEST_ONLY');

-- CreateTable
CREATE TABLE "Shortlist" (
    "id" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" "ShortlistStatus" NOT NULL DEFAULT 'DRAFT',
    "sentAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "answerNote" TEXT,
    "chosenItemId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shortlist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShortlistItem" (
    "id" TEXT NOT NULL,
    "shortlistId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShortlistItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookingProposal" (
    "id" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "minutes" INTEGER,
    "weeks" INTEGER NOT NULL DEFAULT 1,
    "budgetLineId" TEXT,
    "note" TEXT,
    "totalPence" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" "ProposalReason" NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'WAITING',
    "tokenHash" TEXT NOT NULL,
    "tokenUsedAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "answeredById" TEXT,
    "declineReason" TEXT,
    "bookingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookingProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Shortlist_holderId_status_idx" ON "Shortlist"("holderId", "status");

-- CreateIndex
CREATE INDEX "Shortlist_createdById_status_idx" ON "Shortlist"("createdById", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ShortlistItem_shortlistId_providerId_key" ON "ShortlistItem"("shortlistId", "providerId");

-- CreateIndex
CREATE UNIQUE INDEX "BookingProposal_idempotencyKey_key" ON "BookingProposal"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "BookingProposal_tokenHash_key" ON "BookingProposal"("tokenHash");

-- CreateIndex
CREATE INDEX "BookingProposal_holderId_status_idx" ON "BookingProposal"("holderId", "status");

-- CreateIndex
CREATE INDEX "BookingProposal_proposedById_status_idx" ON "BookingProposal"("proposedById", "status");

-- AddForeignKey
ALTER TABLE "Shortlist" ADD CONSTRAINT "Shortlist_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "BudgetHolder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shortlist" ADD CONSTRAINT "Shortlist_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistItem" ADD CONSTRAINT "ShortlistItem_shortlistId_fkey" FOREIGN KEY ("shortlistId") REFERENCES "Shortlist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistItem" ADD CONSTRAINT "ShortlistItem_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingProposal" ADD CONSTRAINT "BookingProposal_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "BudgetHolder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingProposal" ADD CONSTRAINT "BookingProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingProposal" ADD CONSTRAINT "BookingProposal_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingProposal" ADD CONSTRAINT "BookingProposal_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
