import { describe, expect, it } from "vitest";
import { preferenceTable, resolveChannels } from "./preferences";

describe("resolveChannels", () => {
  it("uses the type's defaults without stored choices", () => {
    expect(resolveChannels("reminder", [])).toEqual(["in_app", "email"]);
    expect(resolveChannels("account.test", [])).toEqual(["in_app", "email", "discord"]);
  });

  it("applies stored choices per channel, only for their own type", () => {
    const choices = [
      { type: "reminder", channel: "email" as const, enabled: false },
      { type: "reminder", channel: "discord" as const, enabled: true },
      { type: "digest.daily", channel: "in_app" as const, enabled: false },
    ];
    expect(resolveChannels("reminder", choices)).toEqual(["in_app", "discord"]);
    expect(resolveChannels("digest.daily", choices)).toEqual(["email"]);
  });

  it("lets explicit channels replace preferences, in catalog order", () => {
    const choices = [{ type: "reminder", channel: "discord" as const, enabled: false }];
    expect(resolveChannels("reminder", choices, ["discord", "in_app"])).toEqual(["in_app", "discord"]);
    expect(resolveChannels("reminder", choices, [])).toEqual([]);
  });

  it("returns nothing when every channel is off", () => {
    const off = (["in_app", "email", "discord"] as const).map((channel) => ({ type: "reminder", channel, enabled: false }));
    expect(resolveChannels("reminder", off)).toEqual([]);
  });
});

describe("preferenceTable", () => {
  it("hides the admin digest from people who administer nothing", () => {
    const courseTypes = [
      "course.item_unlocked",
      "course.grade_updated",
      "course.feedback_released",
      "meeting.reminder",
      "meeting.moved",
      "meeting.canceled",
      "meeting.restored",
      "scheduling.group_assigned",
      "scheduling.unplaced",
    ];
    expect(preferenceTable([], { isOrgAdmin: false }).map((r) => r.type)).toEqual(["reminder", "account.test", ...courseTypes]);
    expect(preferenceTable([], { isOrgAdmin: true }).map((r) => r.type)).toEqual(["reminder", "digest.daily", "account.test", ...courseTypes]);
  });

  it("marks defaults and stored choices", () => {
    const [row] = preferenceTable([{ type: "reminder", channel: "email", enabled: false }], { isOrgAdmin: false });
    expect(row?.cells).toEqual([
      { channel: "in_app", available: true, enabled: true, isDefault: true },
      { channel: "email", available: true, enabled: false, isDefault: false },
      { channel: "discord", available: true, enabled: false, isDefault: true },
    ]);
  });
});
