-- btree_gist lets one exclusion constraint compare a provider id (=) and a time range (&&) (added by hand).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "autoConfirmAt" TIMESTAMP(3),
ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancellationChargePence" INTEGER,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "lateCancelPercent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "oneToOne" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "BookingMessage" ADD COLUMN     "idempotencyKey" TEXT;

-- AlterTable
ALTER TABLE "BookingProblem" ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "proposedById" TEXT,
ADD COLUMN     "proposedNote" TEXT,
ADD COLUMN     "proposedPaidPence" INTEGER;

-- AlterTable
ALTER TABLE "ProviderFeedback" ADD COLUMN     "visibleFrom" TIMESTAMP(3) NOT NULL;

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "removedById" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "calendarToken" TEXT;

-- CreateIndex
CREATE INDEX "Booking_status_autoConfirmAt_idx" ON "Booking"("status", "autoConfirmAt");

-- CreateIndex
CREATE INDEX "Booking_status_startsAt_idx" ON "Booking"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Booking_serviceId_startsAt_idx" ON "Booking"("serviceId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "BookingMessage_idempotencyKey_key" ON "BookingMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "BookingProblem_bookingId_idx" ON "BookingProblem"("bookingId");

-- CreateIndex
CREATE INDEX "BookingProblem_status_createdAt_idx" ON "BookingProblem"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewReport_resolvedAt_createdAt_idx" ON "ReviewReport"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewReport_reviewId_idx" ON "ReviewReport"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarToken_key" ON "User"("calendarToken");

-- AddForeignKey
ALTER TABLE "BookingProblem" ADD CONSTRAINT "BookingProblem_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_removedById_fkey" FOREIGN KEY ("removedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Booking rules enforced by the database (added by hand; Prisma's schema cannot express them, and its differ
-- ignores CHECK and EXCLUDE constraints, so they cause no spurious migration).

-- No double booking: a provider's live one-to-one bookings never overlap in time. [) ranges, so 10:00-12:00 and
-- 12:00-13:00 do not clash. Declined and cancelled bookings free the time.
ALTER TABLE "Booking" ADD CONSTRAINT "booking_one_to_one_no_overlap"
    EXCLUDE USING gist ("providerId" WITH =, tsrange("startsAt", "endsAt", '[)') WITH &&)
    WHERE ("oneToOne" AND "status" IN ('REQUESTED', 'ACCEPTED', 'DELIVERED', 'CONFIRMED', 'DISPUTED', 'RESOLVED'));

ALTER TABLE "Booking" ADD CONSTRAINT "booking_ends_after_it_starts" CHECK ("endsAt" > "startsAt");
ALTER TABLE "Booking" ADD CONSTRAINT "booking_amounts_not_negative"
    CHECK ("totalPence" >= 0 AND "feePence" >= 0 AND "unitPricePence" >= 0 AND COALESCE("cancellationChargePence", 0) >= 0);
ALTER TABLE "Booking" ADD CONSTRAINT "booking_late_cancel_percent_range" CHECK ("lateCancelPercent" BETWEEN 0 AND 100);

ALTER TABLE "Review" ADD CONSTRAINT "review_stars_range"
    CHECK ("rating" BETWEEN 1 AND 5 AND "reliable" BETWEEN 1 AND 5 AND "respectful" BETWEEN 1 AND 5 AND "didWhatAgreed" BETWEEN 1 AND 5);
ALTER TABLE "ProviderFeedback" ADD CONSTRAINT "provider_feedback_stars_range" CHECK ("rating" BETWEEN 1 AND 5);
