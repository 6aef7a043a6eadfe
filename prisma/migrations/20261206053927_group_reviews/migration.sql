-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "commissionId" TEXT,
ALTER COLUMN "bookingId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Review_commissionId_holderId_key" ON "Review"("commissionId", "holderId");

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A review is of exactly one thing: a booking, or a group activity (written by hand: Prisma does not model CHECKs).
ALTER TABLE "Review" ADD CONSTRAINT "Review_one_subject" CHECK (("bookingId" IS NULL) <> ("commissionId" IS NULL));
