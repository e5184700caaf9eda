import { describe, expect, it } from "vitest";

describe("empty AI variables", () => {
  it("do not crash the import of the registry and read as unset", async () => {
    // As a .env file with "OPENAI_BASE_URL=" leaves it: @ai-sdk/openai alone would throw at import.
    process.env.OPENAI_BASE_URL = "";
    process.env.OPENAI_API_KEY = " ";
    const { describeModel } = await import("./registry");
    expect(describeModel("tutor")).toMatchObject({ provider: "offline", offline: true });
    expect(process.env.OPENAI_BASE_URL).toBeUndefined();
  });
});
