-- DropIndex
DROP INDEX "BudgetHolder_funderId_displayName_id_idx";

-- CreateIndex
CREATE INDEX "BudgetHolder_funderId_displayName_id_joinRequestedAt_idx" ON "BudgetHolder"("funderId", "displayName", "id", "joinRequestedAt");
