-- CreateEnum
CREATE TYPE "ChangeStatus" AS ENUM ('DRAFT', 'ASSESSED', 'APPROVED', 'REJECTED', 'IN_PROGRESS', 'VALIDATED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ChangeApprovalRole" AS ENUM ('TECHNICAL_MANAGER', 'CUSTOMER', 'GOVERNANCE');

-- CreateEnum
CREATE TYPE "ChangeApprovalVerdict" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ChangeOutcome" AS ENUM ('SUCCESSFUL', 'ROLLED_BACK', 'FAILED');

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "preliminaryImpact" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "windowTimeZone" TEXT NOT NULL,
    "responsibleRole" TEXT NOT NULL,
    "responsibleName" TEXT NOT NULL,
    "status" "ChangeStatus" NOT NULL DEFAULT 'DRAFT',
    "requestedById" TEXT,
    "impactAvailability" TEXT,
    "impactSecurity" TEXT,
    "impactPerformance" TEXT,
    "viability" TEXT,
    "needsMaintenanceWindow" BOOLEAN,
    "rollbackPlan" TEXT,
    "assessedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "rollbackInvoked" BOOLEAN,
    "servicesChecked" TEXT,
    "stabilityObserved" TEXT,
    "observations" TEXT,
    "outcome" "ChangeOutcome",
    "validatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeComponent" (
    "id" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "awsAccountId" TEXT NOT NULL,
    "region" TEXT,
    "resourceKind" TEXT,
    "resourceId" TEXT,

    CONSTRAINT "ChangeComponent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeApproval" (
    "id" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "role" "ChangeApprovalRole" NOT NULL,
    "verdict" "ChangeApprovalVerdict" NOT NULL,
    "approverId" TEXT,
    "comment" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DetectedChange" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "awsAccountId" TEXT NOT NULL,
    "syncRunId" TEXT,
    "region" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resourceKind" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "controlId" TEXT,
    "summary" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "changeRequestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DetectedChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeRequest_customerId_status_idx" ON "ChangeRequest"("customerId", "status");

-- CreateIndex
CREATE INDEX "ChangeRequest_customerId_windowStart_idx" ON "ChangeRequest"("customerId", "windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_customerId_number_key" ON "ChangeRequest"("customerId", "number");

-- CreateIndex
CREATE INDEX "ChangeComponent_changeRequestId_idx" ON "ChangeComponent"("changeRequestId");

-- CreateIndex
CREATE INDEX "ChangeComponent_awsAccountId_idx" ON "ChangeComponent"("awsAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeApproval_changeRequestId_role_key" ON "ChangeApproval"("changeRequestId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "DetectedChange_dedupKey_key" ON "DetectedChange"("dedupKey");

-- CreateIndex
CREATE INDEX "DetectedChange_customerId_firstSeenAt_idx" ON "DetectedChange"("customerId", "firstSeenAt");

-- CreateIndex
CREATE INDEX "DetectedChange_awsAccountId_firstSeenAt_idx" ON "DetectedChange"("awsAccountId", "firstSeenAt");

-- CreateIndex
CREATE INDEX "DetectedChange_changeRequestId_idx" ON "DetectedChange"("changeRequestId");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeComponent" ADD CONSTRAINT "ChangeComponent_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeComponent" ADD CONSTRAINT "ChangeComponent_awsAccountId_fkey" FOREIGN KEY ("awsAccountId") REFERENCES "AwsAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeApproval" ADD CONSTRAINT "ChangeApproval_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeApproval" ADD CONSTRAINT "ChangeApproval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectedChange" ADD CONSTRAINT "DetectedChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectedChange" ADD CONSTRAINT "DetectedChange_awsAccountId_fkey" FOREIGN KEY ("awsAccountId") REFERENCES "AwsAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectedChange" ADD CONSTRAINT "DetectedChange_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
