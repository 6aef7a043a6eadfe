-- CreateTable
CREATE TABLE "FunderScheduledTotal" (
    "funderId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "shard" SMALLINT NOT NULL,
    "amountPence" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FunderScheduledTotal_pkey" PRIMARY KEY ("funderId","currency","shard")
);

-- AddForeignKey
ALTER TABLE "FunderScheduledTotal" ADD CONSTRAINT "FunderScheduledTotal_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand (ADR 036): never below zero; a total has at most 16 shards.
ALTER TABLE "FunderScheduledTotal" ADD CONSTRAINT "funder_scheduled_total_not_negative" CHECK ("amountPence" >= 0);
ALTER TABLE "FunderScheduledTotal" ADD CONSTRAINT "funder_scheduled_total_shard_in_range" CHECK ("shard" BETWEEN 0 AND 15);

-- Added by hand (ADR 036): every write of an instalment moves its funder's total. An instalment leaving SCHEDULED (or
-- deleted, or changed) takes its old amount off; one arriving in SCHEDULED adds its new amount. The funder and the
-- currency are its allocation's. A scheduled instalment whose allocation is gone (deleted with it, by the cascade)
-- cannot say whose total to take it off, so that is refused: cancel the instalments first.
CREATE FUNCTION instalment_scheduled_total() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  moved integer;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" = 'SCHEDULED' THEN
    -- An update, not an upsert: the row is there since the instalment was added to it (and an insert of a negative
    -- amount would meet the CHECK constraint before its conflict).
    UPDATE "FunderScheduledTotal" t SET "amountPence" = t."amountPence" - OLD."amountPence"
    FROM "Allocation" a
    WHERE a."id" = OLD."allocationId" AND t."funderId" = a."funderId" AND t."currency" = a."currency"
      AND t."shard" = (hashtext(OLD."allocationId") & 15)::smallint;
    GET DIAGNOSTICS moved = ROW_COUNT;
    IF moved = 0 THEN
      RAISE EXCEPTION 'instalment % is still scheduled and its allocation is gone: cancel it before deleting the allocation', OLD."id";
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" = 'SCHEDULED' THEN
    INSERT INTO "FunderScheduledTotal" AS t ("funderId", "currency", "shard", "amountPence")
    SELECT a."funderId", a."currency", (hashtext(NEW."allocationId") & 15)::smallint, NEW."amountPence"
    FROM "Allocation" a WHERE a."id" = NEW."allocationId"
    ON CONFLICT ("funderId", "currency", "shard") DO UPDATE SET "amountPence" = t."amountPence" + EXCLUDED."amountPence";
  END IF;
  RETURN NULL;
END
$fn$;

-- Deferred to the commit, so the total's row is locked after every other lock the transaction takes: making an
-- allocation writes its instalments and then pays the first from the funder's source account, while the instalment
-- job locks the source account and then marks an instalment paid; locking the total at each write would let the two
-- wait for each other in a circle when their allocations share a shard.
CREATE CONSTRAINT TRIGGER instalment_scheduled_total AFTER INSERT OR UPDATE OR DELETE ON "Instalment"
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION instalment_scheduled_total();

-- Added by hand (ADR 036): the totals of the instalments as they stand.
INSERT INTO "FunderScheduledTotal" ("funderId", "currency", "shard", "amountPence")
SELECT a."funderId", a."currency", (hashtext(i."allocationId") & 15)::smallint, SUM(i."amountPence")
FROM "Instalment" i JOIN "Allocation" a ON a."id" = i."allocationId"
WHERE i."status" = 'SCHEDULED'
GROUP BY 1, 2, 3;
