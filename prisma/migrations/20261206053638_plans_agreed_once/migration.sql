-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PlanStatus" ADD VALUE 'SUBMITTED';
ALTER TYPE "PlanStatus" ADD VALUE 'QUESTIONED';
ALTER TYPE "PlanStatus" ADD VALUE 'REPLACED';

-- DropForeignKey
ALTER TABLE "PlanReview" DROP CONSTRAINT "PlanReview_reviewerId_fkey";

-- AlterTable
ALTER TABLE "BudgetHolder" ADD COLUMN     "budgetPaidHow" TEXT,
ADD COLUMN     "budgetSetAt" TIMESTAMP(3),
ADD COLUMN     "indicativeBudgetPence" INTEGER;

-- AlterTable
ALTER TABLE "BudgetLine" ADD COLUMN     "carriedFromLineId" TEXT,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Funder" ADD COLUMN     "reviewEveryMonths" INTEGER NOT NULL DEFAULT 6;

-- AlterTable
ALTER TABLE "PlanReview" ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "dueOn" DATE,
ADD COLUMN     "funderNotes" TEXT,
ADD COLUMN     "funderNotesAt" TIMESTAMP(3),
ADD COLUMN     "remindedDueAt" TIMESTAMP(3),
ADD COLUMN     "remindedOverdueAt" TIMESTAMP(3),
ADD COLUMN     "requestedBy" TEXT,
ALTER COLUMN "reviewerId" DROP NOT NULL,
ALTER COLUMN "heldOn" DROP NOT NULL,
ALTER COLUMN "whatWorked" SET DEFAULT '',
ALTER COLUMN "whatToChange" SET DEFAULT '';

-- Reviews written before issue 11 were held, so they are done: due and completed on the day they were held.
UPDATE "PlanReview" SET "dueOn" = "heldOn", "completedAt" = "createdAt" WHERE "dueOn" IS NULL;
ALTER TABLE "PlanReview" ALTER COLUMN "dueOn" SET NOT NULL;

-- AlterTable
ALTER TABLE "SupportPlan" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "changeReason" TEXT,
ADD COLUMN     "previousPlanId" TEXT,
ADD COLUMN     "question" TEXT,
ADD COLUMN     "questionedAt" TIMESTAMP(3),
ADD COLUMN     "questionedById" TEXT,
ADD COLUMN     "replacedAt" TIMESTAMP(3),
ADD COLUMN     "selfAssessment" JSONB,
ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "whatMatters" TEXT,
ADD COLUMN     "whoHelps" TEXT,
ALTER COLUMN "outcomes" SET DEFAULT '';

-- CreateTable
CREATE TABLE "PlanOutcome" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "PlanOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutcomeRating" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "outcomeId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutcomeRating_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanOutcome_planId_position_key" ON "PlanOutcome"("planId", "position");

-- CreateIndex
CREATE INDEX "OutcomeRating_outcomeId_idx" ON "OutcomeRating"("outcomeId");

-- CreateIndex
CREATE UNIQUE INDEX "OutcomeRating_reviewId_outcomeId_key" ON "OutcomeRating"("reviewId", "outcomeId");

-- CreateIndex
CREATE INDEX "PlanReview_planId_completedAt_idx" ON "PlanReview"("planId", "completedAt");

-- CreateIndex
CREATE INDEX "PlanReview_completedAt_dueOn_idx" ON "PlanReview"("completedAt", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "SupportPlan_previousPlanId_key" ON "SupportPlan"("previousPlanId");

-- CreateIndex
CREATE INDEX "SupportPlan_funderId_status_idx" ON "SupportPlan"("funderId", "status");

-- AddForeignKey
ALTER TABLE "SupportPlan" ADD CONSTRAINT "SupportPlan_previousPlanId_fkey" FOREIGN KEY ("previousPlanId") REFERENCES "SupportPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanOutcome" ADD CONSTRAINT "PlanOutcome_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SupportPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanReview" ADD CONSTRAINT "PlanReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeRating" ADD CONSTRAINT "OutcomeRating_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PlanReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeRating" ADD CONSTRAINT "OutcomeRating_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "PlanOutcome"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing plans kept their outcomes as one text, one a line: give each line its own outcome row.
INSERT INTO "PlanOutcome" ("id", "planId", "position", "text")
SELECT 'outcome_' || md5(p."id" || ':' || o.n::text), p."id", o.n::integer - 1, btrim(o.text)
FROM "SupportPlan" p, regexp_split_to_table(p."outcomes", E'\n') WITH ORDINALITY AS o(text, n)
WHERE btrim(o.text) <> '';
