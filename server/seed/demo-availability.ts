import { cellAt } from "@/lib/scheduling/local-grid";
import type { ScheduleRole } from "@/lib/schemas/availability";
import { addDays, formatLocalDate, isoWeekday, localDateAt, parseLocalDate, parseLocalTime } from "@/lib/time-zone";
import { loadActor, type Actor } from "../auth/actor";
import { appNow } from "../clock";
import { db } from "../db";
import { signUp, updateProfile } from "../services/accounts";
import { addCohortMember } from "../services/courses/cohorts-members";
import { createInvite } from "../services/invites";
import { saveMyAvailability } from "../services/scheduling/availability";
import { demoPassword, type DemoAccount } from "./demo-accounts";

/**
 * The scheduling half of the demo: the demo cohort gets six weekly meetings
 * from next Monday, two more facilitators join it (in Chicago and Sydney,
 * next to Fay in Brussels), and its learners give their weekly availability,
 * each painted on their own clock (Americas, Europe, Asia-Pacific) through
 * the same service as the enrolment wizard. Scheduling the cohort then forms
 * three groups (an evening group in Europe, one in the Americas, one in
 * Asia-Pacific) and leaves Fatima out, whose only time nobody shares, so the
 * "why was I not placed" path has a face. demo-availability.test.ts checks
 * that outcome for meeting weeks on both sides of every daylight-saving
 * change, because the seed date moves.
 *
 * The demo student (Sam) gives no availability, so whoever signs in as them
 * meets the wizard.
 */

export const demoMeetingWeeks = 6;

/** The two extra facilitators: they sign in with the demo password, and are not listed on the sign-in page. */
export const demoFacilitators: (DemoAccount & { timeZone: string })[] = [
  { email: "marcus@demo.lyceum.dev", name: "Marcus Johnson", label: "Facilitator", role: "facilitator", timeZone: "America/Chicago" },
  { email: "aiko@demo.lyceum.dev", name: "Aiko Tanaka", label: "Facilitator", role: "facilitator", timeZone: "Australia/Sydney" },
];

/** A weekly block on the painter's own clock: days 0 = Monday ... 6 = Sunday, "HH:MM" to "HH:MM" (24:00 = midnight). */
interface Block {
  days: readonly number[];
  from: string;
  to: string;
}

export interface DemoWeek {
  email: string;
  timeZone: string;
  role: ScheduleRole;
  maxGroups?: number | null;
  regular: readonly Block[];
  ifNeeded?: readonly Block[];
}

const MON = 0;
const TUE = 1;
const WED = 2;
const THU = 3;
const SAT = 5;

/**
 * Who can meet when. The blocks are three to four hours wide on purpose:
 * meetings keep Brussels' wall-clock time, so for someone whose clocks change
 * on another date (or never) an hour of their block stops lining up for some
 * weeks, and a one-hour meeting must still fit in what remains.
 */
export const demoWeeks: readonly DemoWeek[] = [
  // Europe and Africa, Tuesday evening (Brussels time), led by Fay.
  { email: "facilitator@demo.lyceum.dev", timeZone: "Europe/Brussels", role: "facilitator", maxGroups: 1, regular: [{ days: [TUE], from: "18:00", to: "21:00" }], ifNeeded: [{ days: [THU], from: "18:00", to: "20:00" }] },
  { email: "lucas@demo.lyceum.dev", timeZone: "Europe/Paris", role: "participant", regular: [{ days: [TUE], from: "17:30", to: "21:00" }, { days: [WED], from: "19:00", to: "21:00" }] },
  { email: "sofia@demo.lyceum.dev", timeZone: "Europe/Rome", role: "participant", regular: [{ days: [TUE], from: "19:00", to: "22:00" }], ifNeeded: [{ days: [MON], from: "12:00", to: "14:00" }] },
  { email: "amara@demo.lyceum.dev", timeZone: "Africa/Lagos", role: "participant", regular: [{ days: [TUE], from: "17:00", to: "20:30" }, { days: [SAT], from: "10:00", to: "12:00" }] },
  // The Americas, Wednesday evening, led by Marcus.
  { email: "marcus@demo.lyceum.dev", timeZone: "America/Chicago", role: "facilitator", maxGroups: 2, regular: [{ days: [WED], from: "18:00", to: "22:00" }], ifNeeded: [{ days: [SAT], from: "10:00", to: "12:00" }] },
  { email: "mateo@demo.lyceum.dev", timeZone: "America/Mexico_City", role: "participant", regular: [{ days: [WED], from: "17:00", to: "21:00" }] },
  { email: "chloe@demo.lyceum.dev", timeZone: "America/Toronto", role: "participant", regular: [{ days: [WED], from: "19:00", to: "23:00" }], ifNeeded: [{ days: [THU], from: "19:00", to: "21:00" }] },
  // Asia-Pacific, Thursday evening, led by Aiko.
  { email: "aiko@demo.lyceum.dev", timeZone: "Australia/Sydney", role: "facilitator", maxGroups: 1, regular: [{ days: [THU], from: "19:00", to: "23:30" }] },
  { email: "kenji@demo.lyceum.dev", timeZone: "Asia/Tokyo", role: "participant", regular: [{ days: [THU], from: "18:00", to: "22:00" }] },
  { email: "priya@demo.lyceum.dev", timeZone: "Asia/Kolkata", role: "participant", regular: [{ days: [THU], from: "14:30", to: "18:30" }], ifNeeded: [{ days: [SAT], from: "09:00", to: "11:00" }] },
  // Only early on Saturday, when no facilitator is free: the schedule cannot place her, and says why.
  { email: "fatima@demo.lyceum.dev", timeZone: "Asia/Dubai", role: "participant", regular: [{ days: [SAT], from: "07:00", to: "09:00" }] },
];

function rowAt(time: string): number {
  if (time === "24:00") return 48;
  const parsed = parseLocalTime(time);
  if (!parsed || parsed.minute % 30 !== 0) throw new Error(`The demo week uses ${time}: use whole or half hours (HH:00 or HH:30).`);
  return parsed.hour * 2 + parsed.minute / 30;
}

/** The local cells a list of blocks covers. */
export function cellsOf(blocks: readonly Block[]): number[] {
  const cells = blocks.flatMap((b) => b.days.flatMap((day) => Array.from({ length: rowAt(b.to) - rowAt(b.from) }, (_, i) => cellAt(day, rowAt(b.from) + i))));
  return [...new Set(cells)].sort((a, b) => a - b);
}

/** The Monday after `now`'s date in `timeZone` (a week on, when today is a Monday): the demo's first meeting week. */
export function demoMeetingsStartDate(now: Date, timeZone: string): string {
  const today = parseLocalDate(localDateAt(now, timeZone));
  if (!today) throw new Error(`Could not read today's date in ${timeZone}.`);
  return formatLocalDate(addDays(today, 8 - isoWeekday(today.year, today.month, today.day)));
}

export interface DemoAvailabilityInput {
  cohortId: string;
  orgId: string;
  /** The unit of the demo cohort, where its facilitators hold their organisation role. */
  unitId: string;
  admin: Actor;
  teacher: Actor;
}

async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(db(), userId);
  if (!actor) throw new Error("A demo account vanished while seeding.");
  return actor;
}

/** A demo facilitator joins the organisation by an invite and the cohort through its teacher, as a person would. */
async function addFacilitator(input: DemoAvailabilityInput, account: (typeof demoFacilitators)[number]): Promise<void> {
  // Demo addresses are not real mailboxes: no invite emails, even when SMTP is configured.
  const { url } = await createInvite(input.admin, { orgId: input.orgId, unitId: input.unitId, role: "facilitator", email: account.email }, { sendEmail: false });
  const token = new URL(url).searchParams.get("invite");
  if (!token) throw new Error("Invite link without a token.");
  const { userId } = await signUp({ name: account.name, email: account.email, password: demoPassword, inviteToken: token });
  await updateProfile(await actorOf(userId), { name: account.name, timeZone: account.timeZone });
  await addCohortMember(input.teacher, { cohortId: input.cohortId, email: account.email, role: "facilitator" });
}

export async function seedDemoAvailability(input: DemoAvailabilityInput): Promise<void> {
  const cohort = await db().cohort.findUniqueOrThrow({ where: { id: input.cohortId }, select: { timeZone: true } });
  // No service sets the meeting calendar yet (the scheduling settings come with the scheduling page), so it is written here.
  await db().cohort.update({
    where: { id: input.cohortId },
    data: { meetingsStartDate: demoMeetingsStartDate(await appNow(), cohort.timeZone), meetingWeeks: demoMeetingWeeks },
  });
  for (const account of demoFacilitators) await addFacilitator(input, account);

  const users = await db().user.findMany({ where: { email: { in: demoWeeks.map((w) => w.email) } }, select: { id: true, email: true } });
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  for (const week of demoWeeks) {
    const userId = idOf.get(week.email);
    if (!userId) throw new Error(`The demo availability names ${week.email}, who is not in the demo: see server/seed/demo-accounts.ts.`);
    await saveMyAvailability(await actorOf(userId), {
      cohortId: input.cohortId,
      role: week.role,
      timeZone: week.timeZone,
      regularCells: cellsOf(week.regular),
      ifNeededCells: cellsOf(week.ifNeeded ?? []),
      maxGroups: week.role === "facilitator" ? (week.maxGroups ?? null) : null,
    });
  }
}
