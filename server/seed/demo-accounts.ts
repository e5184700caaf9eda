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
