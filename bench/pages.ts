/**
 * `npm run bench:pages`: the learner course page and the teacher's cohort
 * dashboard under load, served by the production build (issue 4).
 *
 * On a fresh PostgreSQL database (created here, dropped at the end; admin URL
 * TEST_DATABASE_ADMIN_URL or postgresql://postgres@127.0.0.1:5432/postgres) it
 * writes a cohort of 500 learners on a course of 50 published items (lessons,
 * quizzes, assignments), with progress, graded attempts and activity spread
 * over the learners, plus a small cohort (20 learners, 10 items) to compare
 * query counts. Then it runs `next build` (skip with BENCH_SKIP_BUILD=1 when
 * .next is fresh), starts the app as `npm start` does, signs in a learner and
 * a teacher, and for each page sends requests at a fixed rate (open loop: a
 * request leaves every 1/rate seconds whatever the answers, and its latency
 * counts from when it was due, so a slow server cannot hide its queueing).
 * `/api/health` (no database) at the same rate is the framework's floor.
 * Query counts and one-request-at-a-time service times are taken on one
 * Next.js process (the counter is per process); the load runs on
 * BENCH_PROCESSES processes (default 1; `npm start` with WEB_CONCURRENCY).
 *
 * Query counts come from the server's own counter (LYCEUM_QUERY_STATS,
 * GET /api/dev/query-stats) around one request of each page, for the big and
 * the small cohort: they must be equal, i.e. not grow with learners or items.
 *
 * Last line: `pages: course_p99_ms=N dashboard_p99_ms=N floor_p99_ms=N
 * queries_course=N queries_dashboard=N`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

const rate = Number(process.env.BENCH_RATE ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const learners = Number(process.env.BENCH_LEARNERS ?? 500);
const itemsPerModule = 10;
const modules = Number(process.env.BENCH_MODULES ?? 5);
const port = Number(process.env.BENCH_PORT ?? 3400);
/** Next.js processes for the load phase (WEB_CONCURRENCY); BENCH_PROCESSES=2 on a 2-core machine tries one per core. */
const processes = Number(process.env.BENCH_PROCESSES ?? 1);
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `lyceum_bench_pages_${process.pid}_${Date.now()}`;
const password = "bench-password-2026";
const base = `http://127.0.0.1:${port}`;

/** Ends the run after seeding (BENCH_DATA_ONLY=1). */
class DataOnly extends Error {}

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
process.env.DATABASE_URL = url.toString();
process.env.AUTH_SECRET ??= "bench-secret-not-for-production-0123456789";

const { migrate } = await import("../server/database/migrate");
const { createDb, setDb } = await import("../server/db");
const { hashPassword } = await import("../server/security/password");
const { itemContentSchema } = await import("../lib/schemas/course-content");

const db = createDb(process.env.DATABASE_URL, { max: 10 });
setDb(db);
let server: ChildProcess | null = null;

async function stopServer(): Promise<void> {
  if (server?.pid && server.exitCode === null) {
    // The whole group: npx, the launcher with its workflow worker, and Next.
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      server.kill("SIGTERM");
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  server = null;
}

async function cleanUp(): Promise<void> {
  await stopServer();
  await db.$disconnect().catch(() => {});
  if (process.env.BENCH_KEEP_DB === "1") console.log(`Kept the database: ${process.env.DATABASE_URL}`);
  else await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
}
process.on("SIGINT", () => void cleanUp().then(() => process.exit(130)));

// ---------------------------------------------------------------------------
// Data

const id = (prefix: string, n: number | string) => `${prefix}${n}`;

const lessonMarkdown = (n: number) =>
  `# Lesson ${n}\n\n${"Forces change the motion of objects. ".repeat(40)}\n\n\`\`\`python\nprint("hello ${n}")\n\`\`\`\n\n> [!TIP]\n> Draw a free-body diagram first.\n`;

const quizContent = itemContentSchema.parse({
  kind: "quiz",
  mode: "practice",
  passPercent: 60,
  questions: [
    { id: "q1", kind: "single_choice", prompt: "Unit of force?", choices: [{ id: "a", text: "Newton" }, { id: "b", text: "Joule" }], answerKey: { correctChoiceIds: ["a"] } },
    { id: "q2", kind: "short_answer", prompt: "g on Earth (m/s²)?", options: { numericTolerance: 0.1 }, answerKey: { acceptedAnswers: ["9.81"] } },
    {
      id: "q3",
      kind: "subjective",
      prompt: "Explain inertia.",
      points: 4,
      rubric: { criteria: [{ id: "c", title: "Accuracy", description: "Correct definition.", min: 0, max: 4, pass: 2 }] },
    },
  ],
});

interface Seeded {
  orgId: string;
  cohortId: string;
  learnerEmail: string;
}

/** One course + cohort; `tag` keeps ids apart between the big and the small one. */
async function seedCohort(orgId: string, unitId: string, teacherId: string, tag: string, learnerCount: number, moduleCount: number): Promise<Seeded> {
  const now = new Date();
  const courseId = id("course-", tag);
  await db.course.create({ data: { id: courseId, orgId, unitId, title: `Mechanics ${tag}`, description: "Benchmark course", createdById: teacherId, publishedAt: now } });
  const items: { id: string; kind: "lesson" | "quiz" | "assignment" }[] = [];
  for (let m = 0; m < moduleCount; m++) {
    const moduleId = id(`module-${tag}-`, m);
    await db.courseModule.create({ data: { id: moduleId, courseId, title: `Week ${m + 1}`, position: m } });
    const rows = Array.from({ length: itemsPerModule }, (_, position) => {
      const n = m * itemsPerModule + position;
      const kind = position % 5 === 2 ? "quiz" : position % 5 === 4 ? "assignment" : "lesson";
      const content =
        kind === "quiz"
          ? quizContent
          : kind === "assignment"
            ? itemContentSchema.parse({ kind: "assignment", instructions: "Write up your experiment.", maxPoints: 10 })
            : itemContentSchema.parse({ kind: "lesson", markdown: lessonMarkdown(n) });
      const title = `${kind === "quiz" ? "Quiz" : kind === "assignment" ? "Assignment" : "Lesson"} ${n + 1}`;
      const itemId = id(`item-${tag}-`, n);
      items.push({ id: itemId, kind });
      return { id: itemId, courseId, moduleId, kind, position, title, content, publishedTitle: title, publishedContent: content, publishedAt: now } as const;
    });
    await db.courseItem.createMany({ data: rows });
  }

  const cohortId = id("cohort-", tag);
  await db.cohort.create({ data: { id: cohortId, orgId, courseId, name: `Cohort ${tag}`, startDate: "2026-09-07", timeZone: "Europe/Brussels", createdById: teacherId } });
  await db.cohortMember.create({ data: { cohortId, userId: teacherId, role: "teacher" } });

  const hash = await hashPassword(password);
  // The signed-in learner is mid-course, so the page shows locked, started and completed items alike.
  const signInIndex = Math.min(learnerCount - 1, Math.floor(items.length / 2));
  const users = Array.from({ length: learnerCount }, (_, i) => ({
    id: id(`learner-${tag}-`, i),
    email: `learner-${tag}-${i}@bench.lyceum.dev`,
    name: `Learner ${tag} ${i}`,
    timeZone: ["Europe/Brussels", "America/New_York", "Asia/Tokyo"][i % 3]!,
    passwordHash: i === signInIndex ? hash : null,
  }));
  await db.user.createMany({ data: users });
  await db.membership.createMany({ data: users.map((u) => ({ userId: u.id, orgId, unitId, role: "student" as const })) });
  const day = 24 * 60 * 60 * 1000;
  await db.cohortMember.createMany({
    data: users.map((u, i) => ({
      cohortId,
      userId: u.id,
      role: "learner" as const,
      joinedAt: new Date(now.getTime() - 60 * day),
      lastActiveAt: new Date(now.getTime() - (i % 14) * day),
      lastItemId: items[i % items.length]!.id,
    })),
  });

  // Learner i has worked through the first (i % items) items: realistic spread, from nothing to nearly all.
  const progress: { cohortId: string; userId: string; itemId: string; status: "completed"; completedAt: Date; bestScore: number | null; passed: boolean | null }[] = [];
  const attempts: { id: string; cohortId: string; userId: string; itemId: string; number: number; mode: string; status: "graded"; questions: object; submittedAt: Date; score: number; maxScore: number; passPercent: number; passed: boolean }[] = [];
  const answers: { attemptId: string; questionId: string; answer: object; outcome: string; gradingStatus: "auto" | "ai_graded"; autoPoints: number; maxPoints: number }[] = [];
  const activity: { userId: string; bucket: number; cohortId: string; at: Date }[] = [];
  users.forEach((u, i) => {
    const done = i % items.length;
    for (let k = 0; k < done; k++) {
      const item = items[k]!;
      const at = new Date(now.getTime() - (done - k) * day);
      if (item.kind === "quiz") {
        const score = (i + k) % 4 === 0 ? 2 : 5;
        const attemptId = `att-${tag}-${i}-${k}`;
        attempts.push({ id: attemptId, cohortId, userId: u.id, itemId: item.id, number: 1, mode: "practice", status: "graded", questions: quizContent.kind === "quiz" ? quizContent.questions : [], submittedAt: at, score, maxScore: 6, passPercent: 60, passed: score >= 3.6 });
        answers.push(
          { attemptId, questionId: "q1", answer: { kind: "single_choice", choiceId: "a" }, outcome: "correct", gradingStatus: "auto", autoPoints: 1, maxPoints: 1 },
          { attemptId, questionId: "q2", answer: { kind: "short_answer", text: "9.8" }, outcome: "correct", gradingStatus: "auto", autoPoints: 1, maxPoints: 1 },
          { attemptId, questionId: "q3", answer: { kind: "subjective", text: "Objects keep moving." }, outcome: "partially_correct", gradingStatus: "ai_graded", autoPoints: score - 2, maxPoints: 4 },
        );
        progress.push({ cohortId, userId: u.id, itemId: item.id, status: "completed", completedAt: at, bestScore: score / 6, passed: score >= 3.6 });
      } else {
        progress.push({ cohortId, userId: u.id, itemId: item.id, status: "completed", completedAt: at, bestScore: null, passed: null });
      }
      activity.push({ userId: u.id, bucket: Math.floor(at.getTime() / 900_000), cohortId, at });
    }
  });
  for (let i = 0; i < progress.length; i += 5000) await db.itemProgress.createMany({ data: progress.slice(i, i + 5000) });
  for (let i = 0; i < attempts.length; i += 2000) await db.quizAttempt.createMany({ data: attempts.slice(i, i + 2000) });
  for (let i = 0; i < answers.length; i += 5000) await db.attemptAnswer.createMany({ data: answers.slice(i, i + 5000) });
  for (let i = 0; i < activity.length; i += 5000) await db.learningActivity.createMany({ data: activity.slice(i, i + 5000), skipDuplicates: true });
  return { orgId, cohortId, learnerEmail: users[signInIndex]!.email };
}

async function seed(): Promise<{ big: Seeded; small: Seeded; teacherEmail: string }> {
  const orgId = "bench-org";
  const unitId = "bench-unit";
  await db.organization.create({ data: { id: orgId, name: "Bench Academy", slug: `bench-${randomBytes(3).toString("hex")}` } });
  await db.orgUnit.create({ data: { id: unitId, orgId, name: "Bench Academy", path: `/${unitId}/`, depth: 0 } });
  const teacherEmail = "teacher@bench.lyceum.dev";
  const teacher = await db.user.create({ data: { email: teacherEmail, name: "Bench Teacher", passwordHash: await hashPassword(password) } });
  await db.membership.create({ data: { userId: teacher.id, orgId, unitId, role: "teacher" } });
  const big = await seedCohort(orgId, unitId, teacher.id, "big", learners, modules);
  const small = await seedCohort(orgId, unitId, teacher.id, "small", 20, 1);
  return { big, small, teacherEmail };
}

// ---------------------------------------------------------------------------
// Server and load

async function waitReady(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server && server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode} before it was ready.`);
    try {
      const response = await fetch(`${base}/api/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The server did not become ready in 2 minutes.");
}

/** `npm start` as a user runs it, with `processes` Next.js processes (WEB_CONCURRENCY). */
async function startServer(processes: number): Promise<void> {
  server = spawn("npx", ["tsx", "scripts/launch.ts", "start"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      APP_URL: base,
      WEB_CONCURRENCY: String(processes),
      SEED_DEMO: "false",
      TRUST_PROXY: "true",
      LYCEUM_QUERY_STATS: "true",
      LYCEUM_TEST_CLOCK: "false",
      REDIS_URL: "",
      SMTP_URL: "",
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
    },
  });
  await waitReady();
}

async function signIn(email: string, ip: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`Sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error(`Sign-in of ${email} set no cookie.`);
  return cookies.join("; ");
}

async function get(path: string, cookie?: string): Promise<number> {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

async function queriesOf(path: string, cookie: string): Promise<number> {
  for (let i = 0; i < 3; i++) await get(path, cookie);
  const before = ((await (await fetch(`${base}/api/dev/query-stats`)).json()) as { queries: number }).queries;
  const status = await get(path, cookie);
  if (status !== 200) throw new Error(`${path} answered ${status}.`);
  const after = ((await (await fetch(`${base}/api/dev/query-stats`)).json()) as { queries: number }).queries;
  return after - before;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface LoadResult {
  p50: number;
  p99: number;
  max: number;
  errors: number;
  sent: number;
}

/** One request at a time: what a single request costs the server, without queueing. */
async function serviceTime(path: string, cookie?: string, count = 40): Promise<number> {
  for (let i = 0; i < 5; i++) await get(path, cookie);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await get(path, cookie);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}

/** Open loop at `rate` per second for `seconds`: latency counts from when each request was due. */
async function load(path: string, cookie?: string): Promise<LoadResult> {
  for (let i = 0; i < 20; i++) await get(path, cookie);
  const total = rate * seconds;
  const interval = 1000 / rate;
  const start = performance.now();
  const latencies: number[] = [];
  let errors = 0;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inflight.push(
      get(path, cookie).then(
        (status) => {
          if (status !== 200) errors++;
          latencies.push(performance.now() - due);
        },
        () => {
          errors++;
          latencies.push(performance.now() - due);
        },
      ),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN, errors, sent: total };
}

/** Closed loop with `concurrency` requests always in flight: the most pages per second the server sustains. */
async function throughput(path: string, cookie: string | undefined, concurrency = 8, count = 200): Promise<number> {
  for (let i = 0; i < 10; i++) await get(path, cookie);
  let left = count;
  const start = performance.now();
  const worker = async () => {
    while (left-- > 0) await get(path, cookie);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - start) / 1000);
}

try {
  const t0 = performance.now();
  await migrate(process.env.DATABASE_URL, { log: () => {} });
  const { big, small, teacherEmail } = await seed();
  // A live database has planner statistics (autovacuum keeps them); a freshly filled one has none until
  // autovacuum's first pass, and its plans for the dashboard's aggregate were 3x slower.
  await db.$executeRawUnsafe("ANALYZE");
  console.log(`Seeded ${learners} learners x ${modules * itemsPerModule} items (+ 20 x 10) in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  if (process.env.BENCH_DATA_ONLY === "1") {
    // For profiling by hand: the data and the sign-ins, no server.
    console.log(`Learner ${big.learnerEmail}, teacher ${teacherEmail}, password ${password}; /orgs/${big.orgId}/cohorts/${big.cohortId}`);
    throw new DataOnly();
  }

  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("Building (next build)...");
    const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("next build failed.");
  }

  await startServer(1);

  const learnerCookie = await signIn(big.learnerEmail, "10.77.0.1");
  const smallLearnerCookie = await signIn(small.learnerEmail, "10.77.0.2");
  const teacherCookie = await signIn(teacherEmail, "10.77.0.3");
  const coursePath = (s: Seeded) => `/orgs/${s.orgId}/cohorts/${s.cohortId}/learn`;
  const dashboardPath = (s: Seeded) => `/orgs/${s.orgId}/cohorts/${s.cohortId}`;

  const queries = {
    course: await queriesOf(coursePath(big), learnerCookie),
    courseSmall: await queriesOf(coursePath(small), smallLearnerCookie),
    dashboard: await queriesOf(dashboardPath(big), teacherCookie),
    dashboardSmall: await queriesOf(dashboardPath(small), teacherCookie),
  };
  console.log(`\nSQL queries per page (500 learners x 50 items vs 20 x 10):`);
  console.log(`  learner course page  ${queries.course} vs ${queries.courseSmall}${queries.course === queries.courseSmall ? "  (constant)" : "  (GROWS)"}`);
  console.log(`  teacher dashboard    ${queries.dashboard} vs ${queries.dashboardSmall}${queries.dashboard === queries.dashboardSmall ? "  (constant)" : "  (GROWS)"}`);

  const single = {
    floor: await serviceTime("/api/health"),
    course: await serviceTime(coursePath(big), learnerCookie),
    dashboard: await serviceTime(dashboardPath(big), teacherCookie),
  };
  console.log(`\nOne request at a time (p50 of 40, ms): health ${single.floor.toFixed(1)}, course page ${single.course.toFixed(1)}, dashboard ${single.dashboard.toFixed(1)}`);
  console.log(`  so one server process tops out near ${Math.floor(1000 / single.course)} course pages/s and ${Math.floor(1000 / single.dashboard)} dashboards/s`);

  // Query counts and single-request times come from one process (the counter is per process).
  if (processes !== 1) {
    await stopServer();
    await startServer(processes);
  }
  console.log(`\nLatency at ${rate} requests/s for ${seconds} s each with ${processes} Next.js processes (open loop, ms from when each request was due):`);
  const floor = await load("/api/health");
  const course = await load(coursePath(big), learnerCookie);
  const dashboard = await load(dashboardPath(big), teacherCookie);
  const row = (name: string, r: LoadResult) =>
    `  ${name.padEnd(22)} p50 ${r.p50.toFixed(1).padStart(7)}  p99 ${r.p99.toFixed(1).padStart(7)}  max ${r.max.toFixed(1).padStart(7)}  errors ${r.errors}/${r.sent}`;
  console.log(row("/api/health (floor)", floor));
  console.log(row("learner course page", course));
  console.log(row("teacher dashboard", dashboard));
  console.log(`  ratios to the floor: course p50 x${(course.p50 / floor.p50).toFixed(1)}, p99 x${(course.p99 / floor.p99).toFixed(1)}; dashboard p50 x${(dashboard.p50 / floor.p50).toFixed(1)}, p99 x${(dashboard.p99 / floor.p99).toFixed(1)}`);
  if (course.errors + dashboard.errors + floor.errors > 0) console.log("  some requests failed: see the errors column.");

  // Above its capacity an open loop only measures the queue: say where that capacity is.
  const capacity = { course: await throughput(coursePath(big), learnerCookie), dashboard: await throughput(dashboardPath(big), teacherCookie) };
  console.log(`\nMost pages per second with 8 requests in flight (${processes} Next.js processes): course page ${capacity.course.toFixed(1)}, dashboard ${capacity.dashboard.toFixed(1)}`);
  for (const [name, value] of Object.entries(capacity)) {
    if (value < rate) console.log(`  ${rate}/s is more than this machine serves of the ${name === "course" ? "course page" : "dashboard"}: its latency above is mostly time in the queue.`);
  }

  console.log(
    `pages: course_p99_ms=${Math.round(course.p99)} dashboard_p99_ms=${Math.round(dashboard.p99)} floor_p99_ms=${Math.round(floor.p99)} queries_course=${queries.course} queries_dashboard=${queries.dashboard}`,
  );
} catch (error) {
  if (!(error instanceof DataOnly)) throw error;
} finally {
  await cleanUp();
}
process.exit(0);
