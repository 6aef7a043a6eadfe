-- CreateIndex
CREATE INDEX "Provider_ownerId_idx" ON "Provider"("ownerId");
