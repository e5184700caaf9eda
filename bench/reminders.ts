/**
 * `npm run bench:reminders`: 10,000 reminders due in the same minute (issue 3).
 *
 * On a fresh PostgreSQL database (created here, dropped at the end; admin URL
 * TEST_DATABASE_ADMIN_URL or postgresql://postgres@127.0.0.1:5432/postgres):
 * 2,000 people with 5 reminders each, in-app only, in a dozen time zones,
 * one-off and weekly, at the time or 10/30/60 minutes before, every one of
 * them with a send due in the same minute. Then three runs:
 *
 *   A. one embedded worker (the app's real serve handler and dispatch-reminders
 *      function) started before that minute: its every-minute cron fires, and
 *      we time until every send is recorded, with the lateness of each send
 *      (ReminderSend.sentAt and Notification.createdAt minus the due time);
 *   B. the same with two workers on the same database at once;
 *   C. two dispatchers that bypass the function's concurrency limit
 *      (dispatchDueReminders twice in parallel), so only SKIP LOCKED and the
 *      unique send row stand between them and a duplicate.
 *
 * Duplicates count sends and notifications beyond one per (reminder,
 * occurrence, offset); missing counts sends that never happened. Both must be 0.
 * The last line is `reminders: sent=N duplicates=N p50_ms=N p99_ms=N total_s=N`
 * for run A, with the duplicates of all three runs.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";

const total = Number(process.env.BENCH_REMINDERS ?? 10_000);
const people = Number(process.env.BENCH_PEOPLE ?? 2_000);
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `lyceum_bench_${process.pid}_${Date.now()}`;
const minuteMs = 60_000;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await admin(`CREATE DATABASE "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
// Before the app's modules load: they read the environment once.
process.env.DATABASE_URL = url.toString();
process.env.AUTH_SECRET ??= "bench-secret-not-for-production-0123456789";
process.env.LYCEUM_TEST_CLOCK = "false";
for (const key of ["INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_API_BASE_URL", "INNGEST_EVENT_API_BASE_URL", "INNGEST_SIGNING_KEY"]) delete process.env[key];

const { migrate } = await import("../server/database/migrate");
const { createDb, setDb } = await import("../server/db");
const { localDateAt, zonedParts } = await import("../lib/reminders");
const { createWorkflowEngine, silentLogger } = await import("../server/workflows");
const { callServeHandler } = await import("../inngest/worker");
const { dispatchDueReminders } = await import("../server/services/reminders");

const db = createDb(process.env.DATABASE_URL, { max: 10 });
setDb(db);

const zones = [
  "UTC",
  "Europe/Brussels",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "Africa/Nairobi",
  "Asia/Kathmandu",
];
const offsetChoices = [0, 10, 30, 60];

interface Figures {
  label: string;
  expected: number;
  sent: number;
  duplicates: number;
  missing: number;
  totalMs: number;
  lateness: number[];
  notificationLateness: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

const hhmm = (p: { hour: number; minute: number }) => `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;

async function seedPeople(): Promise<string[]> {
  const ids = Array.from({ length: people }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 1000) {
    await db.user.createMany({
      data: ids.slice(i, i + 1000).map((id, j) => ({ id, email: `bench-${i + j}@bench.lyceum.dev`, name: `Bench ${i + j}`, timeZone: zones[(i + j) % zones.length] })),
    });
  }
  return ids;
}

/** `total` reminders, each with exactly one send due at `dueAt` (offsets chosen so that one of them lands there). */
async function seedReminders(userIds: string[], dueAt: Date): Promise<void> {
  const rows = [];
  for (let i = 0; i < total; i++) {
    const timeZone = zones[i % zones.length] ?? "UTC";
    const offset = offsetChoices[Math.floor(i / zones.length) % offsetChoices.length] ?? 0;
    const occurrenceAt = new Date(dueAt.getTime() + offset * minuteMs);
    const local = zonedParts(occurrenceAt, timeZone);
    const recurring = i % 2 === 1;
    rows.push({
      userId: userIds[i % userIds.length] ?? "",
      title: `Bench reminder ${i}`,
      kind: recurring ? ("recurring" as const) : ("once" as const),
      timeZone,
      localTime: hhmm(local),
      weekdays: recurring ? [local.weekday] : [],
      date: recurring ? null : localDateAt(occurrenceAt, timeZone),
      offsets: [offset],
      channels: ["in_app" as const],
      nextSendAt: dueAt,
      nextOccurrenceAt: occurrenceAt,
      nextOffset: offset,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.reminder.createMany({ data: rows.slice(i, i + 1000) });
}

async function resetRun(): Promise<void> {
  await db.$executeRawUnsafe(
    `TRUNCATE "ReminderSend", "Reminder", "NotificationDelivery", "Notification", "WorkflowWaiter", "WorkflowStep", "WorkflowRun", "WorkflowEvent", "WorkflowSchedule"`,
  );
}

async function sendCount(): Promise<number> {
  return db.reminderSend.count();
}

async function measure(label: string, dueAt: Date, startedAt: number, doneAt: number): Promise<Figures> {
  const [sends] = await db.$queryRaw<{ rows: bigint; distinct: bigint }[]>`
    SELECT count(*) AS rows, count(DISTINCT ("reminderId", "occurrenceAt", "offsetMinutes")) AS distinct FROM "ReminderSend"`;
  const [notes] = await db.$queryRaw<{ rows: bigint; distinct: bigint }[]>`
    SELECT count(*) AS rows,
           count(DISTINCT (data->>'reminderId', data->>'occurrenceAt', data->>'offsetMinutes')) AS distinct
      FROM "Notification" WHERE type = 'reminder'`;
  const lateness = (await db.$queryRaw<{ ms: number }[]>`
    SELECT (EXTRACT(EPOCH FROM ("sentAt" - "dueAt")) * 1000)::float8 AS ms FROM "ReminderSend"`).map((r) => r.ms);
  const notificationLateness = (await db.$queryRaw<{ ms: number }[]>`
    SELECT (EXTRACT(EPOCH FROM ("createdAt" - ${dueAt}::timestamp(3))) * 1000)::float8 AS ms FROM "Notification" WHERE type = 'reminder'`).map((r) => r.ms);
  const sent = Number(sends?.distinct ?? 0);
  return {
    label,
    expected: total,
    sent,
    duplicates: Number(sends?.rows ?? 0) - sent + (Number(notes?.rows ?? 0) - Number(notes?.distinct ?? 0)),
    missing: total - sent,
    totalMs: doneAt - startedAt,
    lateness: lateness.sort((a, b) => a - b),
    notificationLateness: notificationLateness.sort((a, b) => a - b),
  };
}

async function waitForSends(deadlineMs: number): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if ((await sendCount()) >= total) return Date.now();
    if (Date.now() > deadline) return Date.now();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Workers started before the minute; the dispatch cron fires at it. */
async function runWithWorkers(label: string, workers: number, userIds: string[]): Promise<Figures> {
  await resetRun();
  const dueAt = new Date((Math.floor(Date.now() / minuteMs) + 1) * minuteMs);
  // Leave time to seed before the minute starts.
  const seedBy = dueAt.getTime() - 5_000;
  const seedStart = Date.now();
  await seedReminders(userIds, Date.now() > seedBy ? new Date(dueAt.getTime() + minuteMs) : dueAt);
  const due = (await db.reminder.findFirstOrThrow({ select: { nextSendAt: true } })).nextSendAt ?? dueAt;
  console.log(`${label}: seeded ${total} reminders in ${((Date.now() - seedStart) / 1000).toFixed(1)} s, all due at ${due.toISOString()}`);

  const stop = new AbortController();
  const engines = Array.from({ length: workers }, () => createWorkflowEngine({ handler: callServeHandler, logger: silentLogger }));
  for (const engine of engines) await engine.sync();
  const loops = engines.map((engine) => engine.start({ signal: stop.signal }));
  const wait = due.getTime() - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const doneAt = await waitForSends(10 * minuteMs);
  // Let the runs finish (their last batch finds nothing due) before stopping the workers.
  const settleBy = Date.now() + minuteMs;
  while (Date.now() < settleBy) {
    const open = await db.workflowRun.count({ where: { functionId: "lyceum-dispatch-reminders", status: { in: ["queued", "running"] } } });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  stop.abort();
  await Promise.all(loops);
  const runs = await db.workflowRun.findMany({ where: { functionId: "lyceum-dispatch-reminders" }, select: { status: true } });
  console.log(`${label}: dispatch runs ${runs.map((r) => r.status).join(", ") || "none"}`);
  return measure(label, due, due.getTime(), doneAt);
}

/** Two dispatchers at once with no concurrency limit in front of them. */
async function runRacing(label: string, userIds: string[]): Promise<Figures> {
  await resetRun();
  const due = new Date(Math.floor(Date.now() / minuteMs) * minuteMs);
  await seedReminders(userIds, due);
  const started = Date.now();
  const results = await Promise.all([dispatchDueReminders({ now: new Date() }), dispatchDueReminders({ now: new Date() })]);
  const doneAt = Date.now();
  console.log(`${label}: dispatcher 1 sent ${results[0].sent} in ${results[0].batches} batches, dispatcher 2 sent ${results[1].sent} in ${results[1].batches}`);
  return measure(label, due, started, doneAt);
}

function print(f: Figures, options: { lateness?: boolean } = {}): void {
  const ms = (n: number) => Math.round(n).toLocaleString("en-GB");
  console.log(
    `${f.label}: sent ${f.sent}/${f.expected}, duplicates ${f.duplicates}, missing ${f.missing}, ` +
      `all sent ${(f.totalMs / 1000).toFixed(1)} s after ${options.lateness === false ? "starting" : "the due minute"}, ${Math.round(f.sent / Math.max(f.totalMs / 1000, 0.001))} sends/s` +
      (options.lateness === false
        ? ""
        : `; lateness p50 ${ms(quantile(f.lateness, 0.5))} ms, p99 ${ms(quantile(f.lateness, 0.99))} ms, max ${ms(f.lateness[f.lateness.length - 1] ?? 0)} ms ` +
      `(notification createdAt: p50 ${ms(quantile(f.notificationLateness, 0.5))} ms, p99 ${ms(quantile(f.notificationLateness, 0.99))} ms)`),
  );
}

let exitCode = 0;
try {
  await migrate(process.env.DATABASE_URL);
  const userIds = await seedPeople();
  console.log(`Reminders benchmark: ${total} reminders of ${people} people, in-app, ${zones.length} time zones, batches of 500\n`);

  const single = await runWithWorkers("A. one worker", 1, userIds);
  print(single);
  const pair = await runWithWorkers("B. two workers", 2, userIds);
  print(pair);
  const racing = await runRacing("C. two dispatchers, no concurrency limit", userIds);
  // Both dispatchers pass one "now" for all their batches, so their lateness says nothing.
  print(racing, { lateness: false });

  const duplicates = single.duplicates + pair.duplicates + racing.duplicates;
  const missing = single.missing + pair.missing + racing.missing;
  if (duplicates > 0 || missing > 0) exitCode = 1;
  console.log(
    `\nreminders: sent=${single.sent} duplicates=${duplicates} p50_ms=${Math.round(quantile(single.lateness, 0.5))} ` +
      `p99_ms=${Math.round(quantile(single.lateness, 0.99))} total_s=${Math.round(single.totalMs / 1000)}`,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await db.$disconnect();
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
}
process.exit(exitCode);
