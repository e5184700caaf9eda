import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import rules of ARCHITECTURE.md live in eslint.config.mjs as
 * per-folder restrictions; these fixtures prove they fire (and do not fire
 * where imports are allowed), so a config refactor cannot silently drop one.
 */

const rule = "@typescript-eslint/no-restricted-imports";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The import-rule messages for `code` as if it were the file at `filePath`. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe("architecture import rules", () => {
  it("forbids React in lib/", async () => {
    const messages = await restrictedImports("lib/fixture-boundary.ts", 'import { useState } from "react";\nexport const s = useState;\n');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/lib\/ is pure code/);
  }, 60_000);

  it("forbids next/headers in server/services", async () => {
    const messages = await restrictedImports(
      "server/services/fixture-boundary.ts",
      'import { headers } from "next/headers";\nexport const h = headers;\n',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/plain Node/);
  }, 60_000);

  it.each([
    ["lib/a.ts", 'import { db } from "../server/db";', 1],
    ["lib/a.ts", 'import { can } from "@/server/auth/permissions";', 1],
    ["lib/a.ts", 'import { z } from "zod";', 0],
    ["lib/org/a.ts", 'import { childPath } from "../org/tree";', 0],
    ["server/auth/a.ts", 'import "server-only";', 1],
    ["server/auth/a.ts", 'import { PrismaClient } from "../generated/prisma/client";', 1],
    ["server/mail/a.ts", 'import { Prisma } from "@prisma/client";', 1],
    ["server/services/a.ts", 'import { Prisma } from "../generated/prisma/client";', 0],
    ["server/db.ts", 'import { PrismaPg } from "@prisma/adapter-pg";', 0],
    ["server/api/a.ts", 'import { headers } from "next/headers";', 0],
    ["server/api/a.ts", 'import type { Prisma } from "../generated/prisma/client";', 1],
    ["server/auth/next-auth.ts", 'import NextAuth from "next-auth";', 0],
    ["app/a/page.tsx", 'import { db } from "@/server/db";\nimport { PrismaClient } from "@/server/generated/prisma/client";', 1],
    ["components/a/b.tsx", 'import type { Actor } from "@/server/auth/actor";', 0],
    ["components/a/b.tsx", 'import { loadActor } from "@/server/auth/actor";', 1],
    ["components/a/b.tsx", 'import { loadActor } from "../../server/auth/actor";', 1],
    ["bot/commands/a.ts", 'import { appRouter } from "@/server/api/root";', 1],
    ["inngest/functions/a.ts", 'import { Button } from "@/components/ui/button";', 1],
    ["bot/commands/a.ts", 'import { listMembers } from "@/server/services/members";', 0],
    ["tests/a.ts", 'import { PrismaClient } from "../server/generated/prisma/client";', 0],
    ["scripts/a.ts", 'import { Prisma } from "@prisma/client";', 0],
  ] as const)("%s: %s -> %i", async (filePath, code, expected) => {
    expect(await restrictedImports(filePath, `${code}\n`)).toHaveLength(expected);
  }, 60_000);

  it("reports `any` as an error", async () => {
    const [result] = await eslint.lintText("export const x: any = 1;\n", { filePath: "lib/fixture-any.ts" });
    expect(result?.messages.filter((m) => m.ruleId === "@typescript-eslint/no-explicit-any").map((m) => m.severity)).toEqual([2]);
  }, 60_000);
});
