-- CreateEnum
CREATE TYPE "ConnectionTestOutcome" AS ENUM ('PASSED', 'WARNINGS', 'FAILED');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "pendingExternalId" TEXT,
ADD COLUMN     "pendingExternalIdSetAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ConnectionTest" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "awsAccountId" TEXT NOT NULL,
    "testedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "ConnectionTestOutcome" NOT NULL,
    "testedPendingExternalId" BOOLEAN NOT NULL DEFAULT false,
    "pendingExternalIdAccepted" BOOLEAN NOT NULL DEFAULT false,
    "durationMs" INTEGER NOT NULL,
    "checks" JSONB NOT NULL,
    "testedById" TEXT,

    CONSTRAINT "ConnectionTest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConnectionTest_awsAccountId_testedAt_idx" ON "ConnectionTest"("awsAccountId", "testedAt");

-- CreateIndex
CREATE INDEX "ConnectionTest_customerId_idx" ON "ConnectionTest"("customerId");

-- AddForeignKey
ALTER TABLE "ConnectionTest" ADD CONSTRAINT "ConnectionTest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionTest" ADD CONSTRAINT "ConnectionTest_awsAccountId_fkey" FOREIGN KEY ("awsAccountId") REFERENCES "AwsAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
