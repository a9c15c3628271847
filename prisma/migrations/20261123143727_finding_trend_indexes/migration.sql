-- CreateIndex
CREATE INDEX "Finding_customerId_firstSeenAt_idx" ON "Finding"("customerId", "firstSeenAt");

-- CreateIndex
CREATE INDEX "Finding_customerId_resolvedAt_idx" ON "Finding"("customerId", "resolvedAt");
