import { readdirSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { isAppError } from "../lib/errors";
import { appRouter } from "../server/api/root";
import { createCallerFactory } from "../server/api/trpc";
import type { Actor } from "../server/auth/actor";
import { createDeviceSession } from "../server/services/sessions";
import { createOrgFixture, type OrgFixture } from "./fixtures/org";
import {
  actionExceptions,
  actionMatrix,
  callers,
  fixtureUserOf,
  procedureMatrix,
  type Caller,
  type MatrixEntry,
} from "./permission-matrix";

/**
 * Every tRPC procedure and every server action, called by each kind of
 * caller: the ones a row allows must succeed, everyone else must be refused
 * with UNAUTHORIZED (anonymous) or FORBIDDEN / NOT_FOUND (signed in); the
 * admin of another organisation gets NOT_FOUND, as if the records did not exist.
 */

type Outcome = { ok: true } | { ok: false; code: string; message: string };

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return { ok: true };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

const denyCodes = {
  trpc: { anonymous: ["UNAUTHORIZED"], signedIn: ["FORBIDDEN", "NOT_FOUND"], outsider: ["NOT_FOUND"] },
  action: { anonymous: ["unauthenticated"], signedIn: ["forbidden", "not_found"], outsider: ["not_found"] },
} as const;

function expectOutcome(kind: "trpc" | "action", entry: MatrixEntry, caller: Caller, outcome: Outcome): void {
  if (entry.allow.includes(caller)) {
    expect(outcome, `${caller} should be allowed`).toEqual({ ok: true });
    return;
  }
  expect(outcome.ok, `${caller} should be denied`).toBe(false);
  if (outcome.ok) return;
  const expected =
    caller === "anonymous"
      ? denyCodes[kind].anonymous
      : caller === "otherOrgAdmin" && !entry.notOrgScoped
        ? denyCodes[kind].outsider
        : denyCodes[kind].signedIn;
  expect(outcome.code, `${caller} was refused with ${outcome.code}: ${outcome.message}`).toBeOneOf([...expected]);
}

// ---------------------------------------------------------------------------
// What exists

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

interface ActionExport {
  definition: { requireSignIn: boolean };
  run: (actor: Actor | null, input: unknown) => Promise<unknown>;
}

function isFormAction(value: unknown): value is ActionExport {
  return typeof value === "function" && "definition" in value && "run" in value && typeof value.run === "function";
}

const actionsDir = path.join(process.cwd(), "app", "actions");
const actionFiles = readdirSync(actionsDir).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
const actions = new Map<string, ActionExport>();
const otherActionExports: string[] = [];
for (const file of actionFiles) {
  const mod: Record<string, unknown> = await import(/* @vite-ignore */ path.join(actionsDir, file));
  const base = file.replace(/\.tsx?$/, "");
  for (const [name, value] of Object.entries(mod)) {
    if (isFormAction(value)) actions.set(`${base}.${name}`, value);
    else otherActionExports.push(`${base}.${name}`);
  }
}

function diff(existing: readonly string[], listed: readonly string[]) {
  return {
    withoutRow: existing.filter((name) => !listed.includes(name)),
    rowWithoutTarget: listed.filter((name) => !existing.includes(name)),
  };
}

describe("permission matrix coverage", () => {
  it("has exactly one row per tRPC procedure", () => {
    expect(procedurePaths.length).toBeGreaterThan(0);
    expect(diff(procedurePaths, Object.keys(procedureMatrix))).toEqual({ withoutRow: [], rowWithoutTarget: [] });
  });

  it("has exactly one row per server action, and documents every other export of app/actions", () => {
    expect(diff([...actions.keys()], Object.keys(actionMatrix))).toEqual({ withoutRow: [], rowWithoutTarget: [] });
    expect(diff(otherActionExports, Object.keys(actionExceptions))).toEqual({ withoutRow: [], rowWithoutTarget: [] });
  });

  it("allows anonymous callers exactly on the actions that do not require sign-in", () => {
    for (const [name, action] of actions) {
      const entry = actionMatrix[name];
      if (!entry) continue;
      expect(entry.allow.includes("anonymous"), name).toBe(!action.definition.requireSignIn);
    }
  });
});

// ---------------------------------------------------------------------------
// Calls

let f: OrgFixture;
beforeAll(async () => {
  f = await createOrgFixture("Matrix");
});

function actorOf(caller: Caller): Actor | null {
  return caller === "anonymous" ? null : f.actors[fixtureUserOf[caller]];
}

const createCaller = createCallerFactory(appRouter);
type ProcedureFn = (input: unknown) => Promise<unknown>;

/** The caller proxy walked by dotted path (the table is keyed by strings, not types). */
function procedureAt(caller: ReturnType<typeof createCaller>, dotted: string): ProcedureFn {
  let node: unknown = caller;
  for (const segment of dotted.split(".")) node = (node as Record<string, unknown>)[segment];
  if (typeof node !== "function") throw new Error(`No procedure at ${dotted}`);
  return node as ProcedureFn;
}

const rows = <T extends MatrixEntry>(table: Record<string, T>) =>
  Object.entries(table).flatMap(([name, entry]) => callers.map((caller) => ({ name, caller, entry })));

describe("tRPC procedures", () => {
  it.each(rows(procedureMatrix))("$name by $caller", async ({ name, caller, entry }) => {
    const actor = actorOf(caller);
    // Signed-in requests always come from a device session (account.revokeOtherSessions needs one).
    const deviceSessionId = actor ? (await createDeviceSession({ userId: actor.userId })).id : null;
    const input = await entry.input?.({ f, caller, actor });
    const trpc = createCaller({ actor, deviceSessionId, headers: new Headers() });
    expectOutcome("trpc", entry, caller, await outcomeOf(() => procedureAt(trpc, name)(input)));
  });
});

describe("server actions", () => {
  it.each(rows(actionMatrix))("$name by $caller", async ({ name, caller, entry }) => {
    const action = actions.get(name);
    if (!action) throw new Error(`${name} is not a server action (see the coverage test).`);
    const actor = actorOf(caller);
    const input = await entry.input?.({ f, caller, actor });
    const muted = entry.logsWithoutRequest ? vi.spyOn(console, "error").mockImplementation(() => {}) : undefined;
    try {
      expectOutcome("action", entry, caller, await outcomeOf(() => action.run(actor, input)));
    } finally {
      muted?.mockRestore();
    }
  });
});
