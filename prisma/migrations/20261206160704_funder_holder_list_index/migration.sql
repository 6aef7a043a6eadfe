-- CreateIndex
CREATE INDEX "BudgetHolder_funderId_displayName_id_idx" ON "BudgetHolder"("funderId", "displayName", "id");
