import { describe, expect, it } from "vitest";
import {
  ancestorIds,
  buildTree,
  childPath,
  depthOf,
  flattenTree,
  isWithin,
  pathIds,
  rebasePath,
  rootPath,
  unitIdOf,
} from "./tree";

describe("path helpers", () => {
  it("builds root and child paths", () => {
    expect(rootPath("r")).toBe("/r/");
    expect(childPath("/r/", "a")).toBe("/r/a/");
    expect(childPath("/r/a/", "b")).toBe("/r/a/b/");
  });

  it("refuses malformed paths and ids", () => {
    expect(() => childPath("/r", "a")).toThrow(/Not a unit path/);
    expect(() => childPath("r/", "a")).toThrow(/Not a unit path/);
    expect(() => childPath("/r/", "a/b")).toThrow(/Not a unit id/);
    expect(() => childPath("/r/", "")).toThrow(/Not a unit id/);
    expect(() => depthOf("/")).toThrow(/Not a unit path/);
    expect(() => depthOf("/r//a/")).toThrow(/Not a unit path/);
  });

  it("tells whether a path is inside another, including itself, on whole segments only", () => {
    expect(isWithin("/r/a/b/", "/r/a/")).toBe(true);
    expect(isWithin("/r/a/", "/r/a/")).toBe(true);
    expect(isWithin("/r/", "/r/a/")).toBe(false);
    expect(isWithin("/r/ab/", "/r/a/")).toBe(false);
    expect(isWithin("/s/a/", "/r/")).toBe(false);
  });

  it("computes depth, ids and ancestors", () => {
    expect(depthOf("/r/")).toBe(0);
    expect(depthOf("/r/a/b/")).toBe(2);
    expect(pathIds("/r/a/b/")).toEqual(["r", "a", "b"]);
    expect(ancestorIds("/r/a/b/")).toEqual(["r", "a"]);
    expect(ancestorIds("/r/")).toEqual([]);
    expect(unitIdOf("/r/a/b/")).toBe("b");
  });

  it("rebases a subtree path onto a new prefix", () => {
    expect(rebasePath("/r/a/b/", "/r/a/", "/r/x/a/")).toBe("/r/x/a/b/");
    expect(rebasePath("/r/a/", "/r/a/", "/r/x/a/")).toBe("/r/x/a/");
    expect(rebasePath("/r/x/y/a/", "/r/x/y/a/", "/r/a/")).toBe("/r/a/");
    expect(() => rebasePath("/r/b/", "/r/a/", "/r/x/a/")).toThrow(/not inside/);
  });
});

describe("buildTree", () => {
  const unit = (id: string, parentId: string | null, name: string) => ({ id, parentId, name, extra: id.toUpperCase() });

  it("nests units and sorts siblings by name (case-insensitive, numeric)", () => {
    const forest = buildTree([
      unit("d2", "s", "Department 10"),
      unit("s", "r", "school"),
      unit("r", null, "District"),
      unit("d1", "s", "Department 9"),
      unit("a", "r", "Academy"),
    ]);
    expect(forest).toHaveLength(1);
    const [root] = forest;
    expect(root?.name).toBe("District");
    expect(root?.children.map((c) => c.name)).toEqual(["Academy", "school"]);
    expect(root?.children[1]?.children.map((c) => c.name)).toEqual(["Department 9", "Department 10"]);
    expect(root?.children[1]?.children[0]?.extra).toBe("D1");
  });

  it("makes units whose parent is missing roots of the visible forest", () => {
    const forest = buildTree([unit("b", "hidden", "Beta"), unit("a", "gone", "Alpha"), unit("c", "b", "Child")]);
    expect(forest.map((n) => n.name)).toEqual(["Alpha", "Beta"]);
    expect(forest[1]?.children.map((n) => n.id)).toEqual(["c"]);
  });

  it("returns an empty forest for no units and ignores duplicate ids", () => {
    expect(buildTree([])).toEqual([]);
    const forest = buildTree([unit("r", null, "Root"), unit("r", null, "Root again")]);
    expect(forest).toHaveLength(1);
  });

  it("shows every unit once even when the data holds a cycle", () => {
    const forest = buildTree([unit("a", "b", "A"), unit("b", "a", "B"), unit("s", "s", "Self")]);
    const ids = flattenTree(forest).map((n) => n.id).sort();
    expect(ids).toEqual(["a", "b", "s"]);
  });

  it("flattens depth first in display order", () => {
    const forest = buildTree([unit("r", null, "R"), unit("b", "r", "B"), unit("a", "r", "A"), unit("a1", "a", "A1")]);
    expect(flattenTree(forest).map((n) => n.id)).toEqual(["r", "a", "a1", "b"]);
  });
});
