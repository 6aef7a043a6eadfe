-- CreateIndex
CREATE INDEX "Allocation_holderId_idx" ON "Allocation"("holderId");
