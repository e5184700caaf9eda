import { dripSettingsSchema, type DripSettings } from "@/lib/schemas/courses";

/** Cohort.drip as stored (JSON or null) to typed settings; a malformed row means no drip rather than a crash. */
export function readDripSettings(json: unknown): DripSettings | null {
  if (json === null || json === undefined) return null;
  const parsed = dripSettingsSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
