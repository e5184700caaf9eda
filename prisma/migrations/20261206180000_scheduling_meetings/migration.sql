-- CreateEnum
CREATE TYPE "ScheduleRole" AS ENUM ('participant', 'facilitator');

-- CreateEnum
CREATE TYPE "ScheduleRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'published', 'superseded');

-- CreateEnum
CREATE TYPE "RsvpResponse" AS ENUM ('yes', 'no', 'maybe');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('present', 'late', 'absent', 'excused');

-- AlterTable
ALTER TABLE "MailMessage" ADD COLUMN     "attachments" JSONB;

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "availabilityClosedAt" TIMESTAMP(3),
ADD COLUMN     "groupMaxSize" INTEGER NOT NULL DEFAULT 6,
ADD COLUMN     "groupMinSize" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "meetingMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "meetingWeeks" INTEGER NOT NULL DEFAULT 8,
ADD COLUMN     "meetingsStartDate" TEXT;

-- CreateTable
CREATE TABLE "CohortAvailability" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "ScheduleRole" NOT NULL,
    "timeZone" TEXT NOT NULL,
    "regularCells" INTEGER[],
    "ifNeededCells" INTEGER[],
    "intervals" JSONB NOT NULL,
    "ifNeededIntervals" JSONB NOT NULL,
    "warnings" JSONB,
    "maxGroups" INTEGER,
    "unplacedCode" TEXT,
    "unplacedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CohortAvailability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleRun" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "createdById" TEXT,
    "status" "ScheduleRunStatus" NOT NULL DEFAULT 'queued',
    "params" JSONB NOT NULL,
    "keepManualChanges" BOOLEAN NOT NULL DEFAULT false,
    "baseRunId" TEXT,
    "progress" JSONB,
    "result" JSONB,
    "draft" JSONB,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScheduleRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CohortGroup" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "runId" TEXT,
    "name" TEXT NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "facilitatorId" TEXT,
    "location" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CohortGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CohortGroupMember" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isFacilitator" BOOLEAN NOT NULL DEFAULT false,
    "onIfNeeded" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CohortGroupMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "originalStartsAt" TIMESTAMP(3),
    "canceledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRsvp" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "response" "RsvpResponse" NOT NULL,
    "via" TEXT NOT NULL DEFAULT 'web',
    "respondedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingRsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "recordedById" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CohortAvailability_userId_idx" ON "CohortAvailability"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CohortAvailability_cohortId_userId_key" ON "CohortAvailability"("cohortId", "userId");

-- CreateIndex
CREATE INDEX "ScheduleRun_cohortId_createdAt_idx" ON "ScheduleRun"("cohortId", "createdAt");

-- CreateIndex
CREATE INDEX "CohortGroup_cohortId_idx" ON "CohortGroup"("cohortId");

-- CreateIndex
CREATE INDEX "CohortGroup_facilitatorId_idx" ON "CohortGroup"("facilitatorId");

-- CreateIndex
CREATE INDEX "CohortGroupMember_userId_idx" ON "CohortGroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CohortGroupMember_groupId_userId_key" ON "CohortGroupMember"("groupId", "userId");

-- CreateIndex
CREATE INDEX "Meeting_startsAt_idx" ON "Meeting"("startsAt");

-- CreateIndex
CREATE INDEX "Meeting_cohortId_startsAt_idx" ON "Meeting"("cohortId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_groupId_seq_key" ON "Meeting"("groupId", "seq");

-- CreateIndex
CREATE INDEX "MeetingRsvp_userId_idx" ON "MeetingRsvp"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRsvp_meetingId_userId_key" ON "MeetingRsvp"("meetingId", "userId");

-- CreateIndex
CREATE INDEX "MeetingAttendance_userId_idx" ON "MeetingAttendance"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAttendance_meetingId_userId_key" ON "MeetingAttendance"("meetingId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_userId_key" ON "CalendarFeed"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- AddForeignKey
ALTER TABLE "CohortAvailability" ADD CONSTRAINT "CohortAvailability_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortAvailability" ADD CONSTRAINT "CohortAvailability_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleRun" ADD CONSTRAINT "ScheduleRun_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleRun" ADD CONSTRAINT "ScheduleRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortGroup" ADD CONSTRAINT "CohortGroup_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortGroup" ADD CONSTRAINT "CohortGroup_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScheduleRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortGroup" ADD CONSTRAINT "CohortGroup_facilitatorId_fkey" FOREIGN KEY ("facilitatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortGroupMember" ADD CONSTRAINT "CohortGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "CohortGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortGroupMember" ADD CONSTRAINT "CohortGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "CohortGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRsvp" ADD CONSTRAINT "MeetingRsvp_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRsvp" ADD CONSTRAINT "MeetingRsvp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
