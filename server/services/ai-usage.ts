import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { ModelPurpose, ResolvedModel } from "../ai/registry";

/**
 * Token metering: one row per AI call, per user and organisation. The offline
 * model spends nothing, so it is recorded with zero tokens only when asked
 * (its calls still show up in usage counts).
 */

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

export interface AiUsageInput {
  orgId: string | null;
  userId: string | null;
  purpose: ModelPurpose;
  model: Pick<ResolvedModel, "id" | "provider">;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}

export async function recordAiUsage(input: AiUsageInput, client: Client = db()): Promise<void> {
  await client.aiUsage.create({
    data: {
      orgId: input.orgId,
      userId: input.userId,
      purpose: input.purpose,
      provider: input.model.provider,
      model: input.model.id,
      inputTokens: Math.max(0, Math.round(input.inputTokens ?? 0)),
      outputTokens: Math.max(0, Math.round(input.outputTokens ?? 0)),
    },
  });
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** Totals since an instant, for one user or one organisation (usage pages and quotas). */
export async function usageTotals(where: { orgId?: string; userId?: string; since: Date }, client: Client = db()): Promise<UsageTotals> {
  const result = await client.aiUsage.aggregate({
    where: { orgId: where.orgId, userId: where.userId, createdAt: { gte: where.since } },
    _count: { _all: true },
    _sum: { inputTokens: true, outputTokens: true },
  });
  return { calls: result._count._all, inputTokens: result._sum.inputTokens ?? 0, outputTokens: result._sum.outputTokens ?? 0 };
}
