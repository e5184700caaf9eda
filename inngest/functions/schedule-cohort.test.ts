import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { scheduleRunRequested } from "../events";
import { scheduleCohort } from "./schedule-cohort";

const event = { name: "scheduling/run.requested", data: { runId: "run1", cohortId: "c1" } };
const input = { params: { meeting_length: 60, min_people: 2, max_people: 3, time_increment: 30, use_if_needed: true, seed: 1 }, people: [] };
const output = { groups: [], unassigned: [], stats: { placed: 0 } };

describe("schedule-cohort", () => {
  // A fresh engine per test: the engine memoises mocked steps by id across executions.
  const engine = () => new InngestTestEngine({ function: scheduleCohort });

  it("runs on scheduling/run.requested, one run per cohort at a time, with retries", () => {
    const [config] = scheduleCohort["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ event: "scheduling/run.requested" }]);
    expect(config?.concurrency).toEqual([{ key: "event.data.cohortId", limit: 1 }]);
    expect(config?.steps.step.retries?.attempts).toBe(2);
  });

  it("prepares, schedules and saves in named steps", async () => {
    const { result, ctx } = await engine().execute({
      events: [event],
      steps: [
        { id: "prepare", handler: () => ({ input, kept: [] }) },
        { id: "schedule", handler: () => output },
        { id: "save", handler: () => ({ status: "succeeded", groups: 0, placed: 0 }) },
      ],
    });
    expect(result).toEqual({ runId: "run1", status: "succeeded", groups: 0, placed: 0 });
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(["prepare", "schedule", "save"]);
  });

  it("does nothing more for a run that is no longer waiting (a duplicate event)", async () => {
    const { result, ctx } = await engine().execute({ events: [event], steps: [{ id: "prepare", handler: () => null }] });
    expect(result).toEqual({ runId: "run1", status: "skipped" });
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(["prepare"]);
  });

  it("refuses an event without a run", async () => {
    await expect(scheduleRunRequested.create({ runId: "", cohortId: "c1" }).validate()).rejects.toThrow();
  });
});
