import { describe, expect, it } from "vitest";
import { locateItem, moveItemTo, moveModuleTo, stepItem, withPositions } from "./reorder";

const outline = () => [
  { id: "m1", position: 0, items: [{ id: "a", position: 0, moduleId: "m1" }, { id: "b", position: 1, moduleId: "m1" }] },
  { id: "m2", position: 1, items: [] as { id: string; position: number; moduleId: string }[] },
  { id: "m3", position: 2, items: [{ id: "c", position: 0, moduleId: "m3" }] },
];
const ids = (modules: { id: string; items: { id: string }[] }[]) => modules.map((m) => `${m.id}:${m.items.map((i) => i.id).join("")}`);

describe("moveItemTo", () => {
  it("moves within a module and across modules, clamping the index", () => {
    expect(ids(moveItemTo(outline(), "b", { moduleId: "m1", index: 0 }))).toEqual(["m1:ba", "m2:", "m3:c"]);
    expect(ids(moveItemTo(outline(), "a", { moduleId: "m3", index: 99 }))).toEqual(["m1:b", "m2:", "m3:ca"]);
    expect(ids(moveItemTo(outline(), "c", { moduleId: "m2", index: 0 }))).toEqual(["m1:ab", "m2:c", "m3:"]);
  });
  it("leaves the outline as it is for an unknown item or module", () => {
    expect(ids(moveItemTo(outline(), "zz", { moduleId: "m1", index: 0 }))).toEqual(["m1:ab", "m2:", "m3:c"]);
    expect(ids(moveItemTo(outline(), "a", { moduleId: "nope", index: 0 }))).toEqual(["m1:ab", "m2:", "m3:c"]);
  });
});

describe("stepItem", () => {
  it("steps within the module, then into the neighbouring module (empty ones too)", () => {
    expect(stepItem(outline(), "a", 1)).toEqual({ moduleId: "m1", index: 1 });
    expect(stepItem(outline(), "b", 1)).toEqual({ moduleId: "m2", index: 0 });
    expect(stepItem(outline(), "c", -1)).toEqual({ moduleId: "m2", index: 0 });
    const moved = moveItemTo(outline(), "c", { moduleId: "m2", index: 0 });
    expect(stepItem(moved, "c", -1)).toEqual({ moduleId: "m1", index: 2 });
  });
  it("stops at the very top and bottom", () => {
    expect(stepItem(outline(), "a", -1)).toBeNull();
    expect(stepItem(outline(), "c", 1)).toBeNull();
  });
});

describe("modules and positions", () => {
  it("moves a module and renumbers everything densely", () => {
    const moved = withPositions(moveModuleTo(outline(), "m3", 0));
    expect(moved.map((m) => [m.id, m.position])).toEqual([["m3", 0], ["m1", 1], ["m2", 2]]);
    const items = withPositions(moveItemTo(outline(), "a", { moduleId: "m3", index: 0 }));
    expect(items[2]?.items).toEqual([{ id: "a", position: 0, moduleId: "m3" }, { id: "c", position: 1, moduleId: "m3" }]);
    expect(locateItem(items, "b")).toEqual({ moduleIndex: 0, moduleId: "m1", index: 0 });
  });
});
