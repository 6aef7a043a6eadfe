-- AlterTable
ALTER TABLE "BudgetHolder" ADD COLUMN     "joinDeclinedAt" TIMESTAMP(3),
ADD COLUMN     "joinRequestedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "BudgetHolder_funderId_joinRequestedAt_idx" ON "BudgetHolder"("funderId", "joinRequestedAt");
