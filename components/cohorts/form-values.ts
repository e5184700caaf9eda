import type { DripAnchor, DripSettings, DripUnit } from "@/lib/schemas/courses";

/**
 * What the cohort form holds while someone types (numbers as the text in
 * their fields), and the service input it becomes. Plain functions, shared by
 * the "New cohort" dialog and the settings page.
 */

export interface CohortFormValues {
  name: string;
  startDate: string;
  timeZone: string;
  dripOn: boolean;
  every: string;
  unit: DripUnit;
  anchor: DripAnchor;
  atRiskAfterDays: string;
}

/** Text from a number field: NaN when empty, so the schema says "enter a number" instead of reading 0. */
function numberOf(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

export function newCohortValues(timeZone: string, today: string): CohortFormValues {
  return { name: "", startDate: today, timeZone, dripOn: false, every: "1", unit: "week", anchor: "cohort_start", atRiskAfterDays: "7" };
}

export function cohortValues(cohort: { name: string; startDate: string; timeZone: string; drip: DripSettings | null; atRiskAfterDays: number }): CohortFormValues {
  return {
    name: cohort.name,
    startDate: cohort.startDate,
    timeZone: cohort.timeZone,
    dripOn: cohort.drip !== null,
    every: String(cohort.drip?.every ?? 1),
    unit: cohort.drip?.unit ?? "week",
    anchor: cohort.drip?.anchor ?? "cohort_start",
    atRiskAfterDays: String(cohort.atRiskAfterDays),
  };
}

/** The drip the form describes, or null when it is off (or not a number yet, for the live example). */
export function dripOf(values: CohortFormValues): DripSettings | null {
  if (!values.dripOn) return null;
  return { every: numberOf(values.every), unit: values.unit, anchor: values.anchor };
}

export function cohortInputOf(values: CohortFormValues) {
  return {
    name: values.name,
    startDate: values.startDate,
    timeZone: values.timeZone,
    drip: dripOf(values),
    atRiskAfterDays: numberOf(values.atRiskAfterDays),
  };
}
