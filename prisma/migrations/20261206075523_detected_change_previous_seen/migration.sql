-- AlterTable
ALTER TABLE "DetectedChange" ADD COLUMN     "previousSeenAt" TIMESTAMP(3);
