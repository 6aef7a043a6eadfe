-- CreateTable
CREATE TABLE "PublicContentVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PublicContentVersion_pkey" PRIMARY KEY ("id")
);

-- Its one row, so writers only ever update it (written by hand).
INSERT INTO "PublicContentVersion" ("id", "version") VALUES (1, 0);
