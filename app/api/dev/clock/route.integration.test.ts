import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { GET, POST } from "./route";

// LYCEUM_TEST_CLOCK is off in the test environment (its default): the route must not exist.
describe("/api/dev/clock with the test clock off", () => {
  it("answers 404 to reads and moves, and moves nothing", async () => {
    expect((await GET()).status).toBe(404);
    const response = await POST(new Request("http://localhost/api/dev/clock", { method: "POST", body: JSON.stringify({ advanceMinutes: 61 }) }));
    expect(response.status).toBe(404);
    expect(await db().systemSetting.findUnique({ where: { key: "test-clock-offset-ms" } })).toBeNull();
    expect(await db().workflowEvent.count({ where: { name: "reminders/dispatch.requested" } })).toBe(0);
  });
});
