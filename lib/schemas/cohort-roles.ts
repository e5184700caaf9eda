import { z } from "zod";

/** A person's role inside one cohort (independent of their unit role). */
export const cohortRoles = ["learner", "facilitator", "teacher"] as const;
export const cohortRoleSchema = z.enum(cohortRoles, { error: "Choose a cohort role: learner, facilitator or teacher." });
export type CohortRole = z.infer<typeof cohortRoleSchema>;

export const cohortRoleLabels: Record<CohortRole, string> = {
  learner: "Learner",
  facilitator: "Facilitator",
  teacher: "Teacher",
};
