-- AlterTable
ALTER TABLE "Delegation" ADD COLUMN     "perBookingLimitPence" INTEGER,
ADD COLUMN     "perMonthLimitPence" INTEGER;

-- CreateTable
CREATE TABLE "HelperInvite" (
    "id" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "kind" "DelegateKind" NOT NULL,
    "rights" "DelegatedRight"[],
    "perBookingLimitPence" INTEGER,
    "perMonthLimitPence" INTEGER,
    "endsAt" TIMESTAMP(3),
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HelperInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HelperInvite_tokenHash_key" ON "HelperInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "HelperInvite_holderId_createdAt_idx" ON "HelperInvite"("holderId", "createdAt");

-- AddForeignKey
ALTER TABLE "HelperInvite" ADD CONSTRAINT "HelperInvite_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "BudgetHolder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelperInvite" ADD CONSTRAINT "HelperInvite_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
