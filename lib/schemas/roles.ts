import { z } from "zod";

export const roles = ["org_admin", "teacher", "facilitator", "student"] as const;
export const roleSchema = z.enum(roles, { error: "Choose a role: org admin, teacher, facilitator or student." });
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  org_admin: "Org admin",
  teacher: "Teacher",
  facilitator: "Facilitator",
  student: "Student",
};

/** Higher rank = more powers; used to pick a person's main role for navigation. */
export const roleRank: Record<Role, number> = { org_admin: 4, teacher: 3, facilitator: 2, student: 1 };
