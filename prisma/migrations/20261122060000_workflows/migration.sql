-- CreateEnum
CREATE TYPE "WorkflowRunStatus" AS ENUM ('queued', 'running', 'sleeping', 'waiting', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "WorkflowEvent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WorkflowEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowRun" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "status" "WorkflowRunStatus" NOT NULL DEFAULT 'queued',
    "eventIds" JSONB NOT NULL DEFAULT '[]',
    "event" JSONB NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "nextRunAt" TIMESTAMP(3),
    "leasedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "stack" JSONB NOT NULL DEFAULT '[]',
    "plannedSteps" JSONB NOT NULL DEFAULT '[]',
    "disableImmediateExecution" BOOLEAN NOT NULL DEFAULT false,
    "concurrencyKeys" JSONB NOT NULL DEFAULT '[]',
    "idempotencyKey" TEXT,
    "parentRunId" TEXT,
    "parentStepId" TEXT,
    "output" JSONB,
    "error" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkflowRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowStep" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "hashedId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "result" JSONB,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "wakeAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WorkflowStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowWaiter" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "hashedId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "expression" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowWaiter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowSchedule" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "nextFireAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkflowSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkflowEvent_processedAt_receivedAt_idx" ON "WorkflowEvent"("processedAt", "receivedAt");

-- CreateIndex
CREATE INDEX "WorkflowEvent_name_receivedAt_idx" ON "WorkflowEvent"("name", "receivedAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_status_nextRunAt_idx" ON "WorkflowRun"("status", "nextRunAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_functionId_idempotencyKey_idx" ON "WorkflowRun"("functionId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "WorkflowRun_functionId_createdAt_idx" ON "WorkflowRun"("functionId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_parentRunId_idx" ON "WorkflowRun"("parentRunId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowStep_runId_hashedId_key" ON "WorkflowStep"("runId", "hashedId");

-- CreateIndex
CREATE INDEX "WorkflowWaiter_event_idx" ON "WorkflowWaiter"("event");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowWaiter_runId_hashedId_key" ON "WorkflowWaiter"("runId", "hashedId");

-- CreateIndex
CREATE INDEX "WorkflowSchedule_nextFireAt_idx" ON "WorkflowSchedule"("nextFireAt");

-- AddForeignKey
ALTER TABLE "WorkflowStep" ADD CONSTRAINT "WorkflowStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WorkflowRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowWaiter" ADD CONSTRAINT "WorkflowWaiter_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WorkflowRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
