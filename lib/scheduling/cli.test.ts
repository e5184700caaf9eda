import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScheduleCli } from "./cli";
import { parseScheduleInput } from "./schema";
import type { ScheduleOutput } from "./types";

const validInput = {
  params: { meeting_length: 60, min_people: 2, max_people: 3 },
  people: [
    { id: "a", intervals: [[600, 720]] },
    { id: "b", intervals: [{ start: 600, end: 700 }] },
    { id: 7, intervals: [], if_needed_intervals: [[600, 660]] },
  ],
};

/** Without if-needed time person 7 cannot come. */
const cliInput = { ...validInput, params: { ...validInput.params, use_if_needed: false } };

const files = (map: Record<string, string>) => ({
  readText: (p: string) => {
    const text = map[p];
    if (text === undefined) throw new Error(`ENOENT: no such file ${p}`);
    return text;
  },
});

describe("parseScheduleInput", () => {
  it("fills defaults and accepts [start, end] pairs and {start, end} objects", () => {
    const parsed = parseScheduleInput(validInput);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input.params).toMatchObject({ time_increment: 30, use_if_needed: true, seed: 0 });
    expect(parsed.input.people[1]!.intervals).toEqual([[600, 700]]);
    expect(parsed.input.people[0]).toMatchObject({ is_facilitator: false, max_groups: null, if_needed_intervals: [] });
  });

  it("names the field of each problem", () => {
    const parsed = parseScheduleInput({
      params: { meeting_length: 0, min_people: 3, max_people: 2 },
      people: [
        { id: "a", intervals: [[700, 600]] },
        { id: "a", intervals: [[0, 20000]] },
        { intervals: [] },
      ],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain("params.meeting_length:");
    expect(parsed.message).toContain("people[0].intervals[0]: end must be after start");
    expect(parsed.message).toContain("people[1].intervals[0]");
    expect(parsed.message).toContain("people[2].id:");
  });

  it("rejects duplicate ids and max below min", () => {
    const parsed = parseScheduleInput({
      params: { meeting_length: 60, min_people: 3, max_people: 2 },
      people: [{ id: "a" }, { id: "a" }],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain("people[1].id: duplicates the id of people[0]");
    expect(parsed.message).toContain("params.max_people: must be at least min_people");
  });
});

describe("runScheduleCli", () => {
  it("prints the schedule as JSON on stdout only", () => {
    const result = runScheduleCli(["--input", "in.json"], files({ "in.json": JSON.stringify(cliInput) }));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout) as ScheduleOutput;
    // 630 rather than 600: the meeting sits inside both people's blocks with room either side.
    expect(out.groups).toEqual([{ members: ["a", "b"], facilitator_id: null, start: 630, if_needed: [] }]);
    expect(out.unassigned).toEqual([expect.objectContaining({ id: 7, code: "only_if_needed" })]);
    expect(out.stats.placed).toBe(2);
  });

  it("accepts --input=FILE and reports progress only when asked", () => {
    const lines: string[] = [];
    const io = { ...files({ "in.json": JSON.stringify(cliInput) }), progress: (l: string) => lines.push(l) };
    expect(runScheduleCli(["--input=in.json"], io).code).toBe(0);
    expect(lines).toEqual([]);
    expect(runScheduleCli(["--input=in.json", "--progress"], io).code).toBe(0);
    expect(lines.at(-1)).toMatch(/^\[schedule\] done 100% placed 2\/2/);
  });

  it("exits 2 with a message naming the field on bad input", () => {
    const bad = { ...validInput, params: { ...validInput.params, min_people: 1 } };
    const result = runScheduleCli(["--input", "bad.json"], files({ "bad.json": JSON.stringify(bad) }));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/params\.min_people: /);
  });

  it("exits 2 on unreadable files, broken JSON and bad arguments", () => {
    const io = files({ "broken.json": "{" });
    expect(runScheduleCli(["--input", "missing.json"], io)).toMatchObject({ code: 2, stdout: "" });
    expect(runScheduleCli(["--input", "broken.json"], io).stderr).toMatch(/not valid JSON/);
    expect(runScheduleCli([], io).stderr).toMatch(/Missing --input/);
    expect(runScheduleCli(["--input", "x", "--frobnicate"], io).stderr).toMatch(/Unknown argument --frobnicate/);
    expect(runScheduleCli(["--input", "x", "--effort", "-1"], io).code).toBe(2);
  });
});

describe("scripts/schedule.ts", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const tsx = path.join(root, "node_modules/.bin/tsx");
  const dir = mkdtempSync(path.join(tmpdir(), "schedule-cli-"));

  it("runs end to end: JSON on stdout, exit 0", () => {
    const file = path.join(dir, "in.json");
    writeFileSync(file, JSON.stringify(cliInput));
    const stdout = execFileSync(tsx, ["scripts/schedule.ts", "--input", file], { cwd: root, encoding: "utf8" });
    expect((JSON.parse(stdout) as ScheduleOutput).stats.placed).toBe(2);
  }, 30_000);

  it("exits 2 with the message on stderr for invalid input", () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ params: {}, people: [] }));
    const run = spawnSync(tsx, ["scripts/schedule.ts", "--input", file], { cwd: root, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/params\.meeting_length/);
  }, 30_000);
});
