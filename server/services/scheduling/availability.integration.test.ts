import { beforeAll, describe, expect, it } from "vitest";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { cellAt } from "@/lib/scheduling/local-grid";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { createCourseFixture, type CourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { getMyAvailability, listAvailabilityResponses, saveMyAvailability } from "./availability";

/**
 * Availability against PostgreSQL: what members save and read back, the UTC
 * intervals derived for the scheduler (daylight saving included), who may
 * save what, closing, and the staff's list of responses. Each test works on
 * its own cohort (createCourseFixture) so counts stay its own.
 */

let f: OrgFixture;

beforeAll(async () => {
  f = await createOrgFixture("Availability");
});

async function errorOf(promise: Promise<unknown>): Promise<{ code: AppErrorCode | string; message: string; fieldErrors?: Record<string, string[]> }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (isAppError(error)) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  return { code: String(error), message: String(error) };
}

const row = (hour: number, minute = 0) => hour * 2 + minute / 30;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** Tuesday 18:00-20:00 local. */
const tuesdayEvening = range(cellAt(1, row(18)), cellAt(1, row(20)));

/** A cohort whose meetings run `weeks` weeks from `meetingsStartDate` (Europe/Brussels). */
async function cohortWith(options: { startDate?: string; meetingsStartDate?: string | null; weeks?: number } = {}): Promise<CourseFixture> {
  const c = await createCourseFixture(f, { startDate: options.startDate ?? "2026-09-07" });
  await db().cohort.update({
    where: { id: c.cohortId },
    data: { meetingsStartDate: options.meetingsStartDate ?? null, meetingWeeks: options.weeks ?? 4 },
  });
  return c;
}

async function storedRow(cohortId: string, userId: string) {
  return db().cohortAvailability.findUnique({ where: { cohortId_userId: { cohortId, userId } } });
}

describe("getMyAvailability", () => {
  it("gives a member the cohort's meeting settings and no availability before they save", async () => {
    const c = await cohortWith({ startDate: "2026-09-07", weeks: 6 });
    const mine = await getMyAvailability(f.actors.student, { cohortId: c.cohortId });
    expect(mine.availability).toBeNull();
    expect(mine.unplaced).toBeNull();
    expect(mine.group).toBeNull();
    expect(mine.member).toMatchObject({ cohortRole: "learner", canFacilitate: false });
    expect(mine.cohort).toMatchObject({
      id: c.cohortId,
      orgId: f.org.id,
      timeZone: "Europe/Brussels",
      meetingMinutes: 60,
      // No meetingsStartDate: meetings start with the cohort.
      meetingsStartDate: "2026-09-07",
      meetingWeeks: 6,
      closed: false,
      archived: false,
    });
    const fac = await getMyAvailability(f.actors.facilitator, { cohortId: c.cohortId });
    expect(fac.member).toMatchObject({ cohortRole: "facilitator", canFacilitate: true });
  });

  it("refuses people who are not members: staff are told why, outsiders that the cohort does not exist", async () => {
    const c = await cohortWith();
    expect((await errorOf(getMyAvailability(f.actors.teacher, { cohortId: c.cohortId }))).code).toBe("forbidden");
    expect((await errorOf(getMyAvailability(f.actors.otherAdmin, { cohortId: c.cohortId }))).code).toBe("not_found");
    const outsider = await f.addMember(f.units.department, "student", "Not in cohort");
    expect((await errorOf(getMyAvailability(outsider.actor, { cohortId: c.cohortId }))).code).toBe("not_found");
    expect((await errorOf(getMyAvailability(null, { cohortId: c.cohortId }))).code).toBe("unauthenticated");
    expect((await errorOf(getMyAvailability(f.actors.student, { cohortId: "" }))).code).toBe("invalid");
  });
});

describe("saveMyAvailability", () => {
  it("stores the local grid and the reference-week intervals, and replaces them on the next save", async () => {
    const c = await cohortWith({ startDate: "2026-09-07", weeks: 4 });
    const saved = await saveMyAvailability(f.actors.student, {
      cohortId: c.cohortId,
      role: "participant",
      timeZone: "Europe/Brussels",
      regularCells: [...tuesdayEvening].reverse(),
      ifNeededCells: [cellAt(3, row(9))],
    });
    expect(saved.availability).toMatchObject({ role: "participant", timeZone: "Europe/Brussels", regularCells: tuesdayEvening, ifNeededCells: [cellAt(3, row(9))], maxGroups: null, warnings: [] });
    expect(saved.availability.usableHours).toEqual({ regular: 2, ifNeeded: 0.5 });
    const stored = await storedRow(c.cohortId, f.users.student.id);
    // 18:00-20:00 Brussels summer time = 16:00-18:00 UTC on the reference Tuesday; Thursday 09:00 = 07:00 UTC.
    expect(stored?.intervals).toEqual([[1440 + 16 * 60, 1440 + 18 * 60]]);
    expect(stored?.ifNeededIntervals).toEqual([[3 * 1440 + 7 * 60, 3 * 1440 + 7 * 60 + 30]]);

    await saveMyAvailability(f.actors.student, { cohortId: c.cohortId, role: "participant", timeZone: "Asia/Tokyo", regularCells: [cellAt(0, row(8))], ifNeededCells: [] });
    const mine = await getMyAvailability(f.actors.student, { cohortId: c.cohortId });
    expect(mine.availability).toMatchObject({ timeZone: "Asia/Tokyo", regularCells: [cellAt(0, row(8))], ifNeededCells: [] });
    // Monday 08:00 Tokyo (UTC+9) = Sunday 23:00 UTC: the end of the reference week.
    expect((await storedRow(c.cohortId, f.users.student.id))?.intervals).toEqual([[6 * 1440 + 23 * 60, 6 * 1440 + 23 * 60 + 30]]);
    expect(await db().cohortAvailability.count({ where: { cohortId: c.cohortId } })).toBe(1);
  });

  it("warns, and keeps only what lines up every week, when clocks change on different dates (New York vs a Brussels cohort)", async () => {
    // Brussels goes back on 25 October, New York on 1 November.
    const c = await cohortWith({ startDate: "2026-09-07", meetingsStartDate: "2026-10-19", weeks: 3 });
    const { availability } = await saveMyAvailability(f.actors.student, {
      cohortId: c.cohortId,
      role: "participant",
      timeZone: "America/New_York",
      regularCells: range(cellAt(1, row(12)), cellAt(1, row(14))),
      ifNeededCells: [],
    });
    expect(availability.warnings).toHaveLength(1);
    expect(availability.warnings[0]).toMatchObject({ fromDate: "2026-10-26", lostCells: 2 });
    expect(availability.warnings[0]?.message).toMatch(/Clocks change during the cohort, so 1 hour/);
    expect(availability.usableHours.regular).toBe(1);
    expect((await storedRow(c.cohortId, f.users.student.id))?.intervals).toEqual([[1440 + 16 * 60, 1440 + 17 * 60]]);
    const mine = await getMyAvailability(f.actors.student, { cohortId: c.cohortId });
    expect(mine.availability?.warnings).toEqual(availability.warnings);
    expect(mine.cohort.meetingsStartDate).toBe("2026-10-19");
  });

  it("lets facilitators and teachers of the cohort sign up as facilitators, with a group limit", async () => {
    const c = await cohortWith();
    const { availability } = await saveMyAvailability(f.actors.facilitator, {
      cohortId: c.cohortId,
      role: "facilitator",
      timeZone: "Europe/Brussels",
      regularCells: tuesdayEvening,
      ifNeededCells: [],
      maxGroups: 2,
    });
    expect(availability).toMatchObject({ role: "facilitator", maxGroups: 2 });
    // The unit's teacher, once a teacher of the cohort, may too; no limit is null.
    await db().cohortMember.create({ data: { cohortId: c.cohortId, userId: f.users.teacher.id, role: "teacher" } });
    const teacher = await saveMyAvailability(f.actors.teacher, { cohortId: c.cohortId, role: "facilitator", timeZone: "UTC", regularCells: [0], ifNeededCells: [], maxGroups: null });
    expect(teacher.availability).toMatchObject({ role: "facilitator", maxGroups: null });
    // Switching to participant drops the limit.
    const back = await saveMyAvailability(f.actors.facilitator, { cohortId: c.cohortId, role: "participant", timeZone: "Europe/Brussels", regularCells: tuesdayEvening, ifNeededCells: [] });
    expect(back.availability).toMatchObject({ role: "participant", maxGroups: null });
  });

  it("refuses a learner who asks to facilitate, saying how to fix it, and stores nothing", async () => {
    const c = await cohortWith();
    const error = await errorOf(saveMyAvailability(f.actors.student, { cohortId: c.cohortId, role: "facilitator", timeZone: "UTC", regularCells: [1], ifNeededCells: [], maxGroups: 1 }));
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/Choose participant/);
    expect(error.fieldErrors?.role?.[0]).toMatch(/facilitators and teachers/);
    expect(await storedRow(c.cohortId, f.users.student.id)).toBeNull();
  });

  it("rejects bad grids with messages that say what to fix, and changes nothing", async () => {
    const c = await cohortWith();
    const base = { cohortId: c.cohortId, role: "participant" as const, timeZone: "Europe/Brussels", regularCells: [10, 11], ifNeededCells: [] as number[] };
    await saveMyAvailability(f.actors.student, base);
    const before = await storedRow(c.cohortId, f.users.student.id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ifNeededCells: [11, 12] }, "ifNeededCells", /either available or if needed, not both: 1 time is marked twice/],
      [{ regularCells: [10, 10] }, "regularCells", /appears once/],
      [{ regularCells: [336] }, "regularCells.0", /from 0 \(Monday 00:00\) to 335 \(Sunday 23:30\)/],
      [{ regularCells: [1.5] }, "regularCells.0", /half-hour cells/],
      [{ regularCells: [], ifNeededCells: [] }, "regularCells", /Paint at least one half hour/],
      [{ timeZone: "Mars/Olympus" }, "timeZone", /valid time zone/],
      [{ timeZone: "" }, "timeZone", /Choose the time zone/],
      [{ role: "observer" }, "role", /participant or a facilitator/],
      [{ maxGroups: 3 }, "maxGroups", /Only facilitators/],
    ];
    for (const [change, field, message] of cases) {
      const error = await errorOf(saveMyAvailability(f.actors.student, { ...base, ...change }));
      expect(error.code, JSON.stringify(change)).toBe("invalid");
      expect(error.fieldErrors?.[field]?.join(" "), JSON.stringify(change)).toMatch(message);
    }
    const tooMany = await errorOf(saveMyAvailability(f.actors.facilitator, { ...base, role: "facilitator", maxGroups: 21 }));
    expect(tooMany.fieldErrors?.maxGroups?.[0]).toMatch(/at most 20/);
    expect(await storedRow(c.cohortId, f.users.student.id)).toEqual(before);
    expect(await storedRow(c.cohortId, f.users.facilitator.id)).toBeNull();
  });

  it("is refused once availability is closed or the cohort is archived, and the page says it is closed", async () => {
    const c = await cohortWith();
    const input = { cohortId: c.cohortId, role: "participant" as const, timeZone: "UTC", regularCells: [5], ifNeededCells: [] };
    await db().cohort.update({ where: { id: c.cohortId }, data: { availabilityClosedAt: new Date() } });
    const closed = await errorOf(saveMyAvailability(f.actors.student, input));
    expect(closed.code).toBe("conflict");
    expect(closed.message).toMatch(/closed/);
    expect((await getMyAvailability(f.actors.student, { cohortId: c.cohortId })).cohort).toMatchObject({ closed: true, archived: false });

    await db().cohort.update({ where: { id: c.cohortId }, data: { availabilityClosedAt: null, archivedAt: new Date() } });
    expect((await errorOf(saveMyAvailability(f.actors.student, input))).message).toMatch(/ended/);
    expect((await getMyAvailability(f.actors.student, { cohortId: c.cohortId })).cohort).toMatchObject({ closed: true, archived: true });
    expect(await storedRow(c.cohortId, f.users.student.id)).toBeNull();
  });

  it("clears the last schedule's verdict when the person saves new times", async () => {
    const c = await cohortWith();
    const input = { cohortId: c.cohortId, role: "participant" as const, timeZone: "UTC", regularCells: [5], ifNeededCells: [] };
    await saveMyAvailability(f.actors.student, input);
    await db().cohortAvailability.update({
      where: { cohortId_userId: { cohortId: c.cohortId, userId: f.users.student.id } },
      data: { unplacedCode: "no_fitting_time", unplacedReason: "None of the available blocks fits a whole 1-hour meeting. Add a block of at least 60 minutes." },
    });
    expect((await getMyAvailability(f.actors.student, { cohortId: c.cohortId })).unplaced).toEqual({
      code: "no_fitting_time",
      reason: "None of the available blocks fits a whole 1-hour meeting. Add a block of at least 60 minutes.",
    });
    await saveMyAvailability(f.actors.student, { ...input, regularCells: [5, 6] });
    expect((await getMyAvailability(f.actors.student, { cohortId: c.cohortId })).unplaced).toBeNull();
    expect(await storedRow(c.cohortId, f.users.student.id)).toMatchObject({ unplacedCode: null, unplacedReason: null });
  });
});

describe("the published group", () => {
  it("shows the member's group with its first and next meeting; archived groups are gone", async () => {
    const c = await cohortWith({ startDate: "2026-09-07", meetingsStartDate: "2099-01-05", weeks: 2 });
    // Tuesday 17:00 UTC of the reference week = 18:00 Brussels (winter time).
    const startMinute = 1440 + 17 * 60;
    const group = await db().cohortGroup.create({
      data: {
        cohortId: c.cohortId,
        name: "Group 2",
        startMinute,
        facilitatorId: f.users.facilitator.id,
        location: "Room 4",
        members: { create: [{ userId: f.users.facilitator.id, isFacilitator: true }, { userId: f.users.student.id }] },
      },
      select: { id: true },
    });
    await db().meeting.createMany({
      data: [
        { groupId: group.id, cohortId: c.cohortId, seq: 1, startsAt: new Date("2099-01-06T17:00:00Z"), endsAt: new Date("2099-01-06T18:00:00Z") },
        { groupId: group.id, cohortId: c.cohortId, seq: 2, startsAt: new Date("2099-01-13T17:00:00Z"), endsAt: new Date("2099-01-13T18:00:00Z"), canceledAt: new Date() },
      ],
    });
    const mine = await getMyAvailability(f.actors.student, { cohortId: c.cohortId });
    expect(mine.group).toMatchObject({
      id: group.id,
      name: "Group 2",
      startMinute,
      location: "Room 4",
      facilitatorName: f.users.facilitator.name,
      isFacilitator: false,
      memberCount: 2,
      meetingMinutes: 60,
    });
    expect(mine.group?.firstMeetingAt.toISOString()).toBe("2099-01-06T17:00:00.000Z");
    expect(mine.group?.nextMeetingAt?.toISOString()).toBe("2099-01-06T17:00:00.000Z");
    expect((await getMyAvailability(f.actors.facilitator, { cohortId: c.cohortId })).group?.isFacilitator).toBe(true);

    await db().cohortGroup.update({ where: { id: group.id }, data: { archivedAt: new Date() } });
    expect((await getMyAvailability(f.actors.student, { cohortId: c.cohortId })).group).toBeNull();
  });
});

describe("listAvailabilityResponses", () => {
  it("lists who responded and who has not, with counts, page by page, for the cohort's staff only", async () => {
    const c = await cohortWith();
    const learners: { id: string; actor: Actor }[] = [];
    for (const name of ["Ana", "Bo", "Cy", "Di"]) {
      const { user, actor } = await f.addMember(f.units.department, "student", `${name} Avail`);
      await db().cohortMember.create({ data: { cohortId: c.cohortId, userId: user.id, role: "learner" } });
      learners.push({ id: user.id, actor });
    }
    await saveMyAvailability(learners[0]!.actor, { cohortId: c.cohortId, role: "participant", timeZone: "Asia/Tokyo", regularCells: tuesdayEvening, ifNeededCells: [200, 201] });
    await saveMyAvailability(learners[2]!.actor, { cohortId: c.cohortId, role: "participant", timeZone: "America/New_York", regularCells: [100], ifNeededCells: [] });
    await saveMyAvailability(f.actors.facilitator, { cohortId: c.cohortId, role: "facilitator", timeZone: "Europe/Brussels", regularCells: tuesdayEvening, ifNeededCells: [], maxGroups: 3 });
    // A teacher of the cohort is not expected to respond, and is not listed as missing.
    await db().cohortMember.create({ data: { cohortId: c.cohortId, userId: f.users.teacher.id, role: "teacher" } });

    const all = await listAvailabilityResponses(f.actors.teacher, { cohortId: c.cohortId });
    // Learners: 4 + the fixture student; facilitators: 1.
    expect(all.counts).toEqual({ expected: 6, responded: 3, missing: 3, facilitators: 1 });
    expect(all.closed).toBe(false);
    expect(all.items).toHaveLength(6);
    expect(all.items.map((r) => r.userId)).not.toContain(f.users.teacher.id);
    const ana = all.items.find((r) => r.userId === learners[0]!.id);
    expect(ana?.response).toMatchObject({ role: "participant", timeZone: "Asia/Tokyo", availableHours: 2, ifNeededHours: 1, summary: "2 h available, 1 h if needed", warnings: 0 });
    expect(all.items.find((r) => r.userId === f.users.facilitator.id)?.response).toMatchObject({ role: "facilitator", maxGroups: 3 });
    expect(all.items.find((r) => r.userId === learners[1]!.id)?.response).toBeNull();

    const missing = await listAvailabilityResponses(f.actors.facilitator, { cohortId: c.cohortId, filter: "missing" });
    expect(missing.items.map((r) => r.userId).sort()).toEqual([learners[1]!.id, learners[3]!.id, f.users.student.id].sort());
    const responded = await listAvailabilityResponses(f.actors.rootAdmin, { cohortId: c.cohortId, filter: "responded" });
    expect(responded.items.every((r) => r.response !== null)).toBe(true);
    expect(responded.items).toHaveLength(3);

    // Pages of 2 walk everyone once, in name order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listAvailabilityResponses(f.actors.teacher, { cohortId: c.cohortId, take: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r) => r.name));
    expect(new Set(seen).size).toBe(6);

    expect((await errorOf(listAvailabilityResponses(f.actors.student, { cohortId: c.cohortId }))).code).toBe("forbidden");
    expect((await errorOf(listAvailabilityResponses(f.actors.otherAdmin, { cohortId: c.cohortId }))).code).toBe("not_found");
    expect((await errorOf(listAvailabilityResponses(f.actors.teacher, { cohortId: c.cohortId, cursor: "nonsense" }))).code).toBe("invalid");
  });
});
