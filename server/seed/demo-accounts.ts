import type { Role } from "@/lib/schemas/roles";

/** The demo sign-ins a fresh database gets; shown in the terminal and on the sign-in page in development. */
export const demoPassword = "lyceum-demo-2026";

export interface DemoAccount {
  email: string;
  name: string;
  label: string;
  role: Role | "system_admin";
}

export const demoAccounts: DemoAccount[] = [
  { email: "admin@demo.lyceum.dev", name: "Ada Admin", label: "Org admin", role: "org_admin" },
  { email: "teacher@demo.lyceum.dev", name: "Theo Teacher", label: "Teacher", role: "teacher" },
  { email: "facilitator@demo.lyceum.dev", name: "Fay Facilitator", label: "Facilitator", role: "facilitator" },
  { email: "student@demo.lyceum.dev", name: "Sam Student", label: "Student", role: "student" },
  { email: "root@demo.lyceum.dev", name: "Sys Admin", label: "System admin", role: "system_admin" },
];

/**
 * Learners of the demo cohort, each with their own story (far ahead, failing,
 * never started...). They sign in with the demo password too, but are left
 * out of `demoAccounts` so the printed list of sign-ins stays short; the
 * cohort dashboard lists them.
 */
export const demoLearners: DemoAccount[] = [
  { email: "amara@demo.lyceum.dev", name: "Amara Okafor", label: "Learner", role: "student" },
  { email: "lucas@demo.lyceum.dev", name: "Lucas Martin", label: "Learner", role: "student" },
  { email: "sofia@demo.lyceum.dev", name: "Sofia Rossi", label: "Learner", role: "student" },
  { email: "kenji@demo.lyceum.dev", name: "Kenji Watanabe", label: "Learner", role: "student" },
  { email: "priya@demo.lyceum.dev", name: "Priya Sharma", label: "Learner", role: "student" },
  { email: "mateo@demo.lyceum.dev", name: "Mateo García", label: "Learner", role: "student" },
  { email: "chloe@demo.lyceum.dev", name: "Chloé Dubois", label: "Learner", role: "student" },
  { email: "fatima@demo.lyceum.dev", name: "Fatima Al-Sayed", label: "Learner", role: "student" },
];
