-- CreateIndex
CREATE INDEX "Review_visibleFrom_idx" ON "Review"("visibleFrom");
