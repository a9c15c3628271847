-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "executionPlan" TEXT,
ADD COLUMN     "finalResult" TEXT,
ADD COLUMN     "governanceApprovalRequired" BOOLEAN NOT NULL DEFAULT false;
