/**
 * Who runs the workflows. With an Inngest server configured (Inngest Cloud
 * keys, or INNGEST_DEV / INNGEST_BASE_URL for a dev or self-hosted server) that
 * server calls /api/inngest and runs everything. With none, the embedded
 * executor in this folder drives the same functions through the same serve
 * handler and keeps its state in PostgreSQL.
 */
export type WorkflowMode = "inngest" | "embedded";

export interface WorkflowModeInfo {
  mode: WorkflowMode;
  /** The variable that selected an Inngest server, for logs. */
  reason: string;
}

const serverVariables = ["INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_API_BASE_URL", "INNGEST_EVENT_API_BASE_URL", "INNGEST_SIGNING_KEY"] as const;

type EnvSource = Record<string, string | undefined>;

function isSet(value: string | undefined): boolean {
  const v = value?.trim();
  // INNGEST_DEV=0 means "not dev" to the SDK, so it selects no server either.
  return Boolean(v) && v !== "0" && v?.toLowerCase() !== "false";
}

export function workflowMode(env: EnvSource = process.env): WorkflowModeInfo {
  const variable = serverVariables.find((name) => isSet(env[name]));
  if (variable) return { mode: "inngest", reason: `${variable} is set` };
  return { mode: "embedded", reason: "no Inngest server is configured" };
}

/** True when an Inngest server runs the workflows; false when the embedded executor must. */
export function workflowsConfigured(env: EnvSource = process.env): boolean {
  return workflowMode(env).mode === "inngest";
}
