-- CreateIndex
CREATE INDEX "AccessReview_createdAt_id_idx" ON "AccessReview"("createdAt" DESC, "id");

-- ADR 031: the Reviews list's first page (newest first, 25 at a time) for a staff member who sees every customer
-- read 25 index entries instead of sorting every campaign (20,000 at 5,000 customers); the count of all
-- campaigns becomes an index-only scan of it.
