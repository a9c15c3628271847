-- AlterEnum
ALTER TYPE "StepStatus" ADD VALUE 'PARTIAL';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "failedCalls" JSONB NOT NULL DEFAULT '[]';
