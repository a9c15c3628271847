-- AlterTable
ALTER TABLE "AwsAccount" ADD COLUMN     "archivedAt" TIMESTAMP(3);
