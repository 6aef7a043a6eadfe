-- CreateIndex
CREATE INDEX "BudgetHolder_displayName_idx" ON "BudgetHolder" USING GIN ("displayName" gin_trgm_ops);
