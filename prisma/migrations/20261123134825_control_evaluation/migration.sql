-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "evaluatedAt" TIMESTAMP(3),
ADD COLUMN     "evaluationError" TEXT;

-- AlterTable
ALTER TABLE "Control" ADD COLUMN     "acceptsAttestation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "areaName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ControlResult" ADD COLUMN     "needsAttestation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "severity" "Severity" NOT NULL,
ADD COLUMN     "suppressionId" TEXT;

-- CreateTable
CREATE TABLE "AlertReview" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "reviewedById" TEXT NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT NOT NULL,

    CONSTRAINT "AlertReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertReview_customerId_reviewedAt_idx" ON "AlertReview"("customerId", "reviewedAt" DESC);

-- CreateIndex
CREATE INDEX "ControlResult_awsAccountId_isCurrent_idx" ON "ControlResult"("awsAccountId", "isCurrent");

-- AddForeignKey
ALTER TABLE "AlertReview" ADD CONSTRAINT "AlertReview_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertReview" ADD CONSTRAINT "AlertReview_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
