-- CreateTable
CREATE TABLE "SearchDocument" (
    "providerId" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "fields" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "indexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("providerId")
);

-- CreateTable
CREATE TABLE "SearchPlace" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "providers" INTEGER NOT NULL,

    CONSTRAINT "SearchPlace_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PriceGuide" (
    "area" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "categorySlug" TEXT NOT NULL,
    "priceUnit" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "listings" INTEGER NOT NULL,
    "minPence" INTEGER NOT NULL,
    "p25Pence" INTEGER NOT NULL,
    "medianPence" INTEGER NOT NULL,
    "p75Pence" INTEGER NOT NULL,
    "maxPence" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceGuide_pkey" PRIMARY KEY ("area","kind","categorySlug","priceUnit","currency")
);

-- CreateTable
CREATE TABLE "SearchWorkerLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchWorkerLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "SearchDocument_seq_idx" ON "SearchDocument"("seq");

-- CreateIndex
CREATE INDEX "SearchPlace_key_idx" ON "SearchPlace" USING GIN ("key" gin_trgm_ops);
