import { db } from "../db";
import { loadActor } from "../auth/actor";
import { signUp } from "../services/accounts";
import { createInvite } from "../services/invites";
import { createUnit } from "../services/units";
import { demoAccounts, demoLearners, demoPassword } from "./demo-accounts";
import { seedDemoAvailability } from "./demo-availability";
import { seedDemoLearning } from "./demo-learning";

export { demoAccounts, demoLearners, demoPassword };

export const demoOrgName = "Lyceum Demo Academy";

/**
 * Seeds the demo organisation through the same services people use, so the
 * demo data obeys every rule: units and people, then a published course with
 * a running cohort and learners at every stage (server/seed/demo-learning.ts).
 * Idempotent: does nothing when the admin exists.
 */
export async function seedDemo(): Promise<{ created: boolean; accounts: typeof demoAccounts }> {
  const [admin, teacher, facilitator, student, system] = demoAccounts as [
    (typeof demoAccounts)[number],
    (typeof demoAccounts)[number],
    (typeof demoAccounts)[number],
    (typeof demoAccounts)[number],
    (typeof demoAccounts)[number],
  ];
  if (await db().user.findUnique({ where: { email: admin.email }, select: { id: true } })) {
    return { created: false, accounts: demoAccounts };
  }

  const { userId: adminId, orgId } = await signUp({
    name: admin.name,
    email: admin.email,
    password: demoPassword,
    organizationName: demoOrgName,
  });
  const adminActor = await loadActor(db(), adminId);
  if (!adminActor) throw new Error("Demo admin vanished while seeding.");
  const rootUnitId = adminActor.memberships[0]!.unitId;

  const school = await createUnit(adminActor, { orgId, parentId: rootUnitId, name: "North Campus" });
  const science = await createUnit(adminActor, { orgId, parentId: school.id, name: "Science Department" });
  const cohort = await createUnit(adminActor, { orgId, parentId: science.id, name: "Cohort 2026 · Physics" });
  await createUnit(adminActor, { orgId, parentId: rootUnitId, name: "South Campus" });

  const joins = [
    { account: teacher, unitId: science.id, role: "teacher" as const },
    { account: facilitator, unitId: cohort.id, role: "facilitator" as const },
    { account: student, unitId: cohort.id, role: "student" as const },
    { account: system, unitId: rootUnitId, role: "student" as const },
  ];
  const people = new Map<string, { userId: string; name: string; email: string }>();
  for (const join of joins) {
    // Demo addresses are not real mailboxes: no invite emails, even when SMTP is configured.
    const { url } = await createInvite(
      adminActor,
      { orgId, unitId: join.unitId, role: join.role, email: join.account.email },
      { sendEmail: false },
    );
    const token = new URL(url).searchParams.get("invite");
    if (!token) throw new Error("Invite link without a token.");
    const { userId } = await signUp({ name: join.account.name, email: join.account.email, password: demoPassword, inviteToken: token });
    people.set(join.account.email, { userId, name: join.account.name, email: join.account.email });
  }
  // The system-admin flag is a deployment-level power with no UI to grant it.
  await db().user.update({ where: { email: system.email }, data: { isSystemAdmin: true } });

  const person = (email: string) => {
    const found = people.get(email);
    if (!found) throw new Error(`The demo account ${email} was not created.`);
    return found;
  };
  // In the cohort unit: its facilitator and student then need no other role, and the teacher above it writes courses there.
  const learning = await seedDemoLearning({
    orgId,
    unitId: cohort.id,
    teacher: person(teacher.email),
    facilitator: person(facilitator.email),
    student: person(student.email),
  });
  // Weekly availability of the cohort's learners and facilitators, ready to schedule (server/seed/demo-availability.ts).
  const teacherActor = await loadActor(db(), person(teacher.email).userId);
  if (!teacherActor) throw new Error("Demo teacher vanished while seeding.");
  await seedDemoAvailability({ cohortId: learning.cohortId, orgId, unitId: cohort.id, admin: adminActor, teacher: teacherActor });
  return { created: true, accounts: demoAccounts };
}
