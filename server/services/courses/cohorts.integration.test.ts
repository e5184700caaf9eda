import { describe, expect, it } from "vitest";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { createCourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { loadActor, type Actor } from "../../auth/actor";
import { db } from "../../db";
import { appUrl } from "../../env";
import { hashSecret } from "../../security/tokens";
import { signUp } from "../accounts";
import { archiveCohort, createCohort, getCohortSettings, listCohortsOfCourse, updateCohort } from "./cohorts";
import { createInviteLink, disableInviteLink, joinCohort, joinLinkMessages, previewJoin, rotateInviteLink } from "./cohorts-invite";
import { addCohortMember, changeCohortMemberRole, listCohortMembers, removeCohortMember } from "./cohorts-members";
import { listMyCohorts } from "./cohorts-mine";

async function failure(call: Promise<unknown>): Promise<{ code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await call;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  throw new Error("Expected the call to fail.");
}

function tokenOf(url: string): string {
  const prefix = `${appUrl()}/join/`;
  expect(url.startsWith(prefix)).toBe(true);
  return decodeURIComponent(url.slice(prefix.length));
}

async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(db(), userId);
  if (!actor) throw new Error("no actor");
  return actor;
}

async function draftCourse(f: OrgFixture): Promise<string> {
  const course = await db().course.create({
    data: { orgId: f.org.id, unitId: f.units.department.id, title: "Draft course", createdById: f.users.teacher.id },
    select: { id: true },
  });
  return course.id;
}

async function newCohort(f: OrgFixture, courseId: string, name = "Spring 2026") {
  return createCohort(f.actors.teacher, { courseId, name, startDate: "2026-03-02", timeZone: "Europe/Brussels" });
}

async function linkFor(f: OrgFixture, cohortId: string): Promise<string> {
  return tokenOf((await createInviteLink(f.actors.teacher, { cohortId })).url);
}

describe("createCohort", () => {
  it("starts a cohort of a published course with the creator as its teacher, in the creator's zone by default", async () => {
    const f = await createOrgFixture();
    const { courseId } = await createCourseFixture(f);
    await db().user.update({ where: { id: f.users.teacher.id }, data: { timeZone: "America/New_York" } });
    // Each request loads its actor afresh, with the zone the profile has now.
    const teacher = await loadActor(db(), f.users.teacher.id);

    const cohort = await createCohort(teacher, {
      courseId,
      name: "  Spring 2026  ",
      startDate: "2026-03-02",
      drip: { every: 1, unit: "week", anchor: "cohort_start" },
    });
    expect(cohort).toMatchObject({
      courseId,
      orgId: f.org.id,
      name: "Spring 2026",
      startDate: "2026-03-02",
      timeZone: "America/New_York",
      drip: { every: 1, unit: "week", anchor: "cohort_start" },
      atRiskAfterDays: 7,
      inviteLinkEnabled: false,
      memberCounts: { learner: 0, facilitator: 0, teacher: 1 },
      myRole: "teacher",
      canManage: true,
    });
    const members = await db().cohortMember.findMany({ where: { cohortId: cohort.id } });
    expect(members).toMatchObject([{ userId: f.users.teacher.id, role: "teacher" }]);
    const audit = await db().auditLog.findFirst({ where: { orgId: f.org.id, action: "cohort.created", targetId: cohort.id } });
    expect(audit?.actorId).toBe(f.users.teacher.id);
  });

  it("refuses a draft course with a message saying to publish it, and creates nothing", async () => {
    const f = await createOrgFixture();
    const courseId = await draftCourse(f);
    const error = await failure(newCohort(f, courseId));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("still a draft");
    expect(error.message).toContain("Publish it");
    expect(await db().cohort.count({ where: { courseId } })).toBe(0);
  });

  it("lets only the course unit's teachers and admins create; other organisations learn nothing", async () => {
    const f = await createOrgFixture();
    const { courseId } = await createCourseFixture(f);
    const before = await db().cohort.count({ where: { courseId } });
    const input = { courseId, name: "Nope", startDate: "2026-03-02", timeZone: "UTC" };
    expect((await failure(createCohort(f.actors.student, input))).code).toBe("forbidden");
    expect((await failure(createCohort(f.actors.facilitator, input))).code).toBe("forbidden");
    expect((await failure(createCohort(f.actors.otherAdmin, input))).code).toBe("not_found");
    expect((await failure(createCohort(null, input))).code).toBe("unauthenticated");
    await expect(createCohort(f.actors.schoolAdmin, input)).resolves.toMatchObject({ name: "Nope" });
    expect(await db().cohort.count({ where: { courseId } })).toBe(before + 1);
  });

  it("says what to fix in bad input and changes nothing", async () => {
    const f = await createOrgFixture();
    const { courseId } = await createCourseFixture(f);
    const before = await db().cohort.count({ where: { courseId } });
    const error = await failure(
      createCohort(f.actors.teacher, {
        courseId,
        name: " ",
        startDate: "2026-02-30",
        timeZone: "Mars/Olympus_Mons",
        drip: { every: 0, unit: "month", anchor: "cohort_start" },
        atRiskAfterDays: 0,
      } as never),
    );
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["atRiskAfterDays", "drip.every", "drip.unit", "name", "startDate", "timeZone"]);
    expect(error.fieldErrors?.startDate).toEqual(["Choose a real first day, as YYYY-MM-DD."]);
    expect(await db().cohort.count({ where: { courseId } })).toBe(before);
  });
});

describe("updateCohort and archiveCohort", () => {
  it("replaces the schedule for managers only, and freezes an archived cohort", async () => {
    const f = await createOrgFixture();
    const { courseId, cohortId } = await createCourseFixture(f);
    const update = { cohortId, name: "Renamed", startDate: "2026-04-06", timeZone: "Asia/Tokyo", drip: { every: 2, unit: "day", anchor: "join_date" }, atRiskAfterDays: 3 } as const;

    expect((await failure(updateCohort(f.actors.student, update))).code).toBe("forbidden");
    expect((await failure(updateCohort(f.actors.facilitator, update))).code).toBe("forbidden");
    expect((await failure(updateCohort(f.actors.otherAdmin, update))).code).toBe("not_found");

    const updated = await updateCohort(f.actors.teacher, update);
    expect(updated).toMatchObject({ name: "Renamed", startDate: "2026-04-06", timeZone: "Asia/Tokyo", drip: update.drip, atRiskAfterDays: 3, canManage: true, myRole: null });

    const off = await updateCohort(f.actors.teacher, { ...update, drip: null });
    expect(off.drip).toBeNull();
    expect((await db().cohort.findUniqueOrThrow({ where: { id: cohortId } })).drip).toBeNull();

    const token = await linkFor(f, cohortId);
    const archived = await archiveCohort(f.actors.teacher, { cohortId });
    expect(archived).toMatchObject({ status: "archived", inviteLinkEnabled: false });
    expect((await failure(updateCohort(f.actors.teacher, update))).code).toBe("conflict");
    expect((await failure(joinCohort(f.actors.otherAdmin, { token }))).code).toBe("not_found");
    // Archiving again is harmless and writes one audit row.
    await archiveCohort(f.actors.teacher, { cohortId });
    expect(await db().auditLog.count({ where: { action: "cohort.archived", targetId: cohortId } })).toBe(1);
    expect((await listCohortsOfCourse(f.actors.teacher, { courseId })).items.map((c) => c.id)).not.toContain(cohortId);
    expect((await listCohortsOfCourse(f.actors.teacher, { courseId, status: "archived" })).items.map((c) => c.id)).toEqual([cohortId]);
  });
});

describe("listCohortsOfCourse and getCohortSettings", () => {
  it("pages a course's cohorts with member counts, newest start first", async () => {
    const f = await createOrgFixture();
    const { courseId, cohortId } = await createCourseFixture(f);
    const later = await createCohort(f.actors.teacher, { courseId, name: "Later", startDate: "2026-09-01", timeZone: "UTC" });
    const first = await listCohortsOfCourse(f.actors.teacher, { courseId, take: 1 });
    expect(first.items.map((c) => c.id)).toEqual([later.id]);
    expect(first.canCreate).toBe(true);
    expect(first.course).toMatchObject({ id: courseId });
    const second = await listCohortsOfCourse(f.actors.teacher, { courseId, take: 1, cursor: first.nextCursor ?? undefined });
    expect(second.items).toMatchObject([{ id: cohortId, memberCounts: { learner: 1, facilitator: 1, teacher: 0 } }]);
    expect(second.nextCursor).toBeNull();

    expect((await failure(listCohortsOfCourse(f.actors.facilitator, { courseId }))).code).toBe("forbidden");
    expect((await failure(listCohortsOfCourse(f.actors.student, { courseId }))).code).toBe("forbidden");
    expect((await failure(listCohortsOfCourse(f.actors.otherAdmin, { courseId }))).code).toBe("not_found");
  });

  it("shows settings to the cohort's facilitators read-only, and not to its learners", async () => {
    const f = await createOrgFixture();
    const { cohortId } = await createCourseFixture(f);
    await expect(getCohortSettings(f.actors.facilitator, { cohortId })).resolves.toMatchObject({ myRole: "facilitator", canManage: false });
    await expect(getCohortSettings(f.actors.rootAdmin, { cohortId })).resolves.toMatchObject({ myRole: null, canManage: true });
    expect((await failure(getCohortSettings(f.actors.student, { cohortId }))).code).toBe("forbidden");
    expect((await failure(getCohortSettings(f.actors.otherAdmin, { cohortId }))).code).toBe("not_found");
    // An org member outside the cohort, without rights at the course's unit, is told it does not exist.
    const outsider = await f.addMember(f.units.sibling, "teacher", "Outsider");
    expect((await failure(getCohortSettings(outsider.actor, { cohortId }))).code).toBe("not_found");
  });
});

describe("join links", () => {
  it("shows the link once, stores only its hash, and lets anyone with it see what it is for", async () => {
    const f = await createOrgFixture();
    const { cohortId } = await createCourseFixture(f);
    const { url } = await createInviteLink(f.actors.teacher, { cohortId });
    const token = tokenOf(url);
    const row = await db().cohort.findUniqueOrThrow({ where: { id: cohortId } });
    expect(row.inviteTokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(await db().auditLog.findMany({ where: { targetId: cohortId } }))).not.toContain(token);
    expect((await getCohortSettings(f.actors.teacher, { cohortId })).inviteLinkEnabled).toBe(true);

    const preview = await previewJoin({ token });
    expect(preview).toEqual({
      cohortName: row.name,
      courseTitle: expect.stringContaining("Fixture course") as string,
      orgName: f.org.name,
      startDate: "2026-01-05",
      timeZone: "Europe/Brussels",
      valid: true,
    });

    const again = await failure(createInviteLink(f.actors.teacher, { cohortId }));
    expect(again.code).toBe("conflict");
    expect(again.message).toContain("Replace it");
    expect((await db().cohort.findUniqueOrThrow({ where: { id: cohortId } })).inviteTokenHash).toBe(hashSecret(token));

    expect((await failure(createInviteLink(f.actors.facilitator, { cohortId }))).code).toBe("forbidden");
    expect((await failure(rotateInviteLink(f.actors.student, { cohortId }))).code).toBe("forbidden");
    expect((await failure(disableInviteLink(f.actors.otherAdmin, { cohortId }))).code).toBe("not_found");
  });

  it("joins as a learner once, with a student role at the course's unit for people from elsewhere", async () => {
    const f = await createOrgFixture();
    const { cohortId } = await createCourseFixture(f);
    const token = await linkFor(f, cohortId);

    // The other organisation's admin holds no role here: joining gives them one, at the course's unit.
    const joined = await joinCohort(f.actors.otherAdmin, { token });
    expect(joined).toMatchObject({ orgId: f.org.id, cohortId, role: "learner", alreadyMember: false, grantedOrgMembership: true });
    const membership = await db().membership.findMany({ where: { userId: f.users.otherAdmin.id, orgId: f.org.id } });
    expect(membership).toMatchObject([{ unitId: f.units.department.id, role: "student" }]);
    const refreshed = await actorOf(f.users.otherAdmin.id);
    await expect(listMyCohorts(refreshed, { orgId: f.org.id })).resolves.toMatchObject({ items: [{ cohortId, role: "learner" }] });

    // Twice: nothing changes, and the result says so.
    const twice = await joinCohort(refreshed, { token });
    expect(twice).toMatchObject({ alreadyMember: true, role: "learner", grantedOrgMembership: false });
    expect(await db().cohortMember.count({ where: { cohortId, userId: f.users.otherAdmin.id } })).toBe(1);
    expect(await db().membership.count({ where: { userId: f.users.otherAdmin.id, orgId: f.org.id } })).toBe(1);

    // A teacher of the School already covers the course's unit: no extra role.
    const teacherJoin = await joinCohort(f.actors.teacher, { token });
    expect(teacherJoin).toMatchObject({ alreadyMember: false, grantedOrgMembership: false });
    expect(await db().membership.count({ where: { userId: f.users.teacher.id, orgId: f.org.id } })).toBe(1);

    // The facilitator is already in the cohort: they stay a facilitator.
    await expect(joinCohort(f.actors.facilitator, { token })).resolves.toMatchObject({ alreadyMember: true, role: "facilitator" });
    expect((await failure(joinCohort(null, { token }))).code).toBe("unauthenticated");
  });

  it("refuses a replaced or disabled link, and rotating lets the new one in", async () => {
    const f = await createOrgFixture();
    const { cohortId } = await createCourseFixture(f);
    const oldToken = await linkFor(f, cohortId);
    const newToken = tokenOf((await rotateInviteLink(f.actors.teacher, { cohortId })).url);
    expect(newToken).not.toBe(oldToken);

    const refused = await failure(joinCohort(f.actors.otherAdmin, { token: oldToken }));
    expect(refused).toMatchObject({ code: "not_found", message: joinLinkMessages.unknown });
    expect((await failure(previewJoin({ token: oldToken }))).code).toBe("not_found");
    expect(await db().cohortMember.count({ where: { cohortId, userId: f.users.otherAdmin.id } })).toBe(0);

    const outsider = await f.addMember(f.units.sibling, "student", "Sibling student");
    await expect(joinCohort(outsider.actor, { token: newToken })).resolves.toMatchObject({ alreadyMember: false });

    await disableInviteLink(f.actors.teacher, { cohortId });
    await disableInviteLink(f.actors.teacher, { cohortId });
    expect(await db().auditLog.count({ where: { action: "cohort.link_disabled", targetId: cohortId } })).toBe(1);
    expect((await failure(joinCohort(f.actors.otherAdmin, { token: newToken }))).code).toBe("not_found");
    expect((await getCohortSettings(f.actors.teacher, { cohortId })).inviteLinkEnabled).toBe(false);
  });

  it("explains that an archived course can no longer be joined", async () => {
    const f = await createOrgFixture();
    const { courseId, cohortId } = await createCourseFixture(f);
    const token = await linkFor(f, cohortId);
    await db().course.update({ where: { id: courseId }, data: { archivedAt: new Date() } });
    await expect(previewJoin({ token })).resolves.toMatchObject({ valid: false, reason: joinLinkMessages.courseArchived });
    expect(await failure(joinCohort(f.actors.otherAdmin, { token }))).toMatchObject({ code: "conflict", message: joinLinkMessages.courseArchived });
  });
});

describe("signing up from a join link", () => {
  it("creates an account without an organisation of its own that joins the cohort", async () => {
    const f = await createOrgFixture();
    const { cohortId } = await createCourseFixture(f);
    const token = await linkFor(f, cohortId);
    const email = `joiner-${f.suffix}@example.test`;

    const result = await signUp({ name: "Jo Joiner", email: email.toUpperCase(), password: "correct horse battery", cohortInvite: token });
    expect(result).toMatchObject({ orgId: f.org.id, cohortId });
    const user = await db().user.findUniqueOrThrow({
      where: { email },
      select: { id: true, memberships: { select: { orgId: true, unitId: true, role: true } }, cohortMemberships: { select: { cohortId: true, role: true } } },
    });
    expect(user.id).toBe(result.userId);
    expect(user.memberships).toEqual([{ orgId: f.org.id, unitId: f.units.department.id, role: "student" }]);
    expect(user.cohortMemberships).toEqual([{ cohortId, role: "learner" }]);
    const audit = await db().auditLog.findFirst({ where: { action: "cohort.joined", targetId: cohortId, actorId: user.id } });
    expect(audit?.data).toMatchObject({ newAccount: true, grantedOrgMembership: true });
  });

  it("refuses a bad link or a taken email and creates nothing", async () => {
    const f = await createOrgFixture();
    const { cohortId } = await createCourseFixture(f);
    const token = await linkFor(f, cohortId);
    const email = `nobody-${f.suffix}@example.test`;

    const bad = await failure(signUp({ name: "Nobody", email, password: "correct horse battery", cohortInvite: "not-a-real-link" }));
    expect(bad).toMatchObject({ code: "invalid", fieldErrors: { cohortInvite: [joinLinkMessages.unknown] } });
    expect(await db().user.count({ where: { email } })).toBe(0);

    const taken = await failure(signUp({ name: "Student again", email: f.users.student.email, password: "correct horse battery", cohortInvite: token }));
    expect(taken.code).toBe("conflict");
    expect(taken.fieldErrors?.email?.[0]).toContain("Sign in, then open the join link again");
    expect(await db().cohortMember.count({ where: { cohortId } })).toBe(2);
  });
});

describe("cohort members", () => {
  it("lists members by name with role filter, search and pages, for staff only", async () => {
    const f = await createOrgFixture();
    const { cohortId } = await createCourseFixture(f);
    const all = await listCohortMembers(f.actors.facilitator, { cohortId });
    expect(all.items.map((m) => [m.userId, m.role])).toEqual([
      [f.users.facilitator.id, "facilitator"],
      [f.users.student.id, "learner"],
    ]);
    const learners = await listCohortMembers(f.actors.teacher, { cohortId, role: "learner" });
    expect(learners.items.map((m) => m.userId)).toEqual([f.users.student.id]);
    const search = await listCohortMembers(f.actors.teacher, { cohortId, query: "STUDENT" });
    expect(search.items.map((m) => m.userId)).toEqual([f.users.student.id]);
    const page1 = await listCohortMembers(f.actors.teacher, { cohortId, take: 1 });
    const page2 = await listCohortMembers(f.actors.teacher, { cohortId, take: 1, cursor: page1.nextCursor ?? undefined });
    expect([...page1.items, ...page2.items].map((m) => m.userId)).toEqual(all.items.map((m) => m.userId));
    expect(page2.nextCursor).toBeNull();

    expect((await failure(listCohortMembers(f.actors.student, { cohortId }))).code).toBe("forbidden");
    expect((await failure(listCohortMembers(f.actors.otherAdmin, { cohortId }))).code).toBe("not_found");
    expect((await failure(listCohortMembers(f.actors.teacher, { cohortId, cursor: "garbage" }))).code).toBe("invalid");
  });

  it("adds organisation members by email, changes roles and removes them while keeping their work", async () => {
    const f = await createOrgFixture();
    const { cohortId, lessonId } = await createCourseFixture(f);
    const helper = await f.addMember(f.units.sibling, "facilitator", "Helper");

    const added = await addCohortMember(f.actors.teacher, { cohortId, email: helper.user.email.toUpperCase(), role: "facilitator" });
    expect(added).toMatchObject({ userId: helper.user.id, role: "facilitator" });
    // Facilitators and teachers need no role at the course's unit.
    expect(await db().membership.count({ where: { userId: helper.user.id } })).toBe(1);

    const dup = await failure(addCohortMember(f.actors.teacher, { cohortId, email: helper.user.email, role: "learner" }));
    expect(dup.code).toBe("conflict");
    expect(dup.fieldErrors?.email?.[0]).toContain("already a facilitator");

    const stranger = await failure(addCohortMember(f.actors.teacher, { cohortId, email: f.users.otherAdmin.email, role: "learner" }));
    expect(stranger.code).toBe("not_found");
    expect(stranger.fieldErrors?.email?.[0]).toContain("join link");
    expect(await db().cohortMember.count({ where: { cohortId } })).toBe(3);

    expect((await failure(addCohortMember(f.actors.facilitator, { cohortId, email: helper.user.email, role: "learner" }))).code).toBe("forbidden");

    const promoted = await changeCohortMemberRole(f.actors.teacher, { memberId: added.id, role: "teacher" });
    expect(promoted.role).toBe("teacher");
    expect((await failure(changeCohortMemberRole(f.actors.student, { memberId: added.id, role: "learner" }))).code).toBe("forbidden");
    expect((await failure(changeCohortMemberRole(f.actors.otherAdmin, { memberId: added.id, role: "learner" }))).code).toBe("not_found");
    expect((await failure(changeCohortMemberRole(f.actors.teacher, { memberId: added.id, role: "owner" } as never))).code).toBe("invalid");
    expect((await db().cohortMember.findUniqueOrThrow({ where: { id: added.id } })).role).toBe("teacher");

    await db().itemProgress.create({ data: { cohortId, userId: f.users.student.id, itemId: lessonId, status: "completed", completedAt: new Date() } });
    const studentMember = await db().cohortMember.findUniqueOrThrow({ where: { cohortId_userId: { cohortId, userId: f.users.student.id } } });
    await removeCohortMember(f.actors.teacher, { memberId: studentMember.id });
    expect(await db().cohortMember.count({ where: { cohortId, userId: f.users.student.id } })).toBe(0);
    expect(await db().itemProgress.count({ where: { cohortId, userId: f.users.student.id } })).toBe(1);
    expect((await failure(removeCohortMember(f.actors.teacher, { memberId: studentMember.id }))).code).toBe("not_found");
  });
});

describe("listMyCohorts", () => {
  it("gives learners their progress and next item, with its drip date", async () => {
    const f = await createOrgFixture();
    const startDate = "2099-01-05";
    const { cohortId, lessonId, quizId } = await createCourseFixture(f, { drip: { every: 1, unit: "week", anchor: "cohort_start" }, startDate });
    await db().itemProgress.create({ data: { cohortId, userId: f.users.student.id, itemId: lessonId, status: "completed", completedAt: new Date() } });

    const mine = await listMyCohorts(f.actors.student, { orgId: f.org.id });
    expect(mine.items).toHaveLength(1);
    const [entry] = mine.items;
    expect(entry).toMatchObject({
      cohortId,
      role: "learner",
      status: "upcoming",
      progress: { completed: 1, total: 3 },
      nextItem: { id: quizId, kind: "quiz", title: "Planets quiz", unlocked: false },
    });
    expect(entry?.progress?.fraction).toBeCloseTo(1 / 3);
    // The quiz is second in the drip order: one week after the start, at midnight in Brussels.
    expect(entry?.nextItem?.unlocksAt?.toISOString()).toBe("2099-01-11T23:00:00.000Z");

    const facilitator = await listMyCohorts(f.actors.facilitator, { orgId: f.org.id });
    expect(facilitator.items).toMatchObject([{ cohortId, role: "facilitator", progress: null, nextItem: null }]);
    expect((await failure(listMyCohorts(f.actors.otherAdmin, { orgId: f.org.id }))).code).toBe("not_found");
    await expect(listMyCohorts(f.actors.otherAdmin, { orgId: f.otherOrg.id })).resolves.toEqual({ items: [], nextCursor: null });
  });
});
