import { describe, expect, it } from "vitest";
import { flattenTree } from "@/lib/org/tree";
import { moveIntoOwnSubtreeMessage } from "@/lib/schemas/org";
import { Prisma } from "@/server/generated/prisma/client";
import { createOrgFixture } from "@/tests/fixtures/org";
import { db } from "../db";
import {
  archiveUnit,
  createUnit,
  getUnitTree,
  listSubtreeUnitIds,
  moveUnit,
  renameUnit,
  restoreUnit,
  subtreeUnitIdsSql,
  type UnitTreeNode,
} from "./units";

async function unitsOf(orgId: string) {
  return db().orgUnit.findMany({
    where: { orgId },
    orderBy: { id: "asc" },
    select: { id: true, name: true, parentId: true, path: true, depth: true, archivedAt: true },
  });
}

async function auditRows(orgId: string, action: string) {
  return db().auditLog.findMany({ where: { orgId, action }, orderBy: { createdAt: "asc" } });
}

/** Every unit's path is its parent's path plus its id, and its depth matches. */
async function expectConsistentTree(orgId: string) {
  const units = await unitsOf(orgId);
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const unit of units) {
    if (unit.parentId === null) {
      expect(unit.path).toBe(`/${unit.id}/`);
      expect(unit.depth).toBe(0);
    } else {
      const parent = byId.get(unit.parentId);
      expect(parent).toBeDefined();
      expect(unit.path).toBe(`${parent?.path}${unit.id}/`);
      expect(unit.depth).toBe((parent?.depth ?? -99) + 1);
    }
  }
}

function names(forest: UnitTreeNode[]): unknown {
  return forest.map((n) => ({ name: n.name, children: names(n.children) }));
}

describe("getUnitTree", () => {
  it("gives each person the part of the tree they may see, with member counts and manage flags", async () => {
    const f = await createOrgFixture();
    const { root, school, department, sibling } = f.units;

    const full = await getUnitTree(f.actors.rootAdmin, { orgId: f.org.id });
    expect(names(full)).toEqual([
      {
        name: root.name,
        children: [
          { name: "School", children: [{ name: "Department", children: [] }] },
          { name: "Sibling School", children: [] },
        ],
      },
    ]);
    const schoolNode = full[0]?.children[0];
    expect(schoolNode).toMatchObject({
      id: school.id,
      parentId: root.id,
      depth: 1,
      path: school.path,
      archived: false,
      memberCount: 2,
      canManage: true,
    });
    expect(flattenTree(full).find((n) => n.id === department.id)?.memberCount).toBe(2);

    const forSchoolAdmin = await getUnitTree(f.actors.schoolAdmin, { orgId: f.org.id });
    expect(names(forSchoolAdmin)).toEqual([{ name: "School", children: [{ name: "Department", children: [] }] }]);
    expect(flattenTree(forSchoolAdmin).every((n) => n.canManage)).toBe(true);

    const forTeacher = await getUnitTree(f.actors.teacher, { orgId: f.org.id });
    expect(flattenTree(forTeacher).map((n) => n.id).sort()).toEqual([school.id, department.id].sort());
    expect(flattenTree(forTeacher).some((n) => n.canManage)).toBe(false);

    const forStudent = await getUnitTree(f.actors.student, { orgId: f.org.id });
    expect(flattenTree(forStudent).map((n) => n.id)).toEqual([department.id]);

    const forSys = await getUnitTree(f.actors.sysAdmin, { orgId: f.org.id });
    expect(flattenTree(forSys).map((n) => n.id).sort()).toEqual([root.id, school.id, department.id, sibling.id].sort());
  });

  it("hides other organisations entirely", async () => {
    const f = await createOrgFixture();
    await expect(getUnitTree(f.actors.otherAdmin, { orgId: f.org.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(getUnitTree(f.actors.rootAdmin, { orgId: "nope" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getUnitTree(null, { orgId: f.org.id })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("createUnit", () => {
  it("adds a unit below one the actor manages, with its path, depth and an audit row", async () => {
    const f = await createOrgFixture();
    const unit = await createUnit(f.actors.schoolAdmin, {
      orgId: f.org.id,
      parentId: f.units.department.id,
      name: "  Year 7  ",
    });
    expect(unit).toMatchObject({ name: "Year 7", parentId: f.units.department.id, depth: 3, archived: false });
    expect(unit.path).toBe(`${f.units.department.path}${unit.id}/`);

    const [audit] = await auditRows(f.org.id, "unit.created");
    expect(audit).toMatchObject({ actorId: f.users.schoolAdmin.id, targetType: "OrgUnit", targetId: unit.id });
    expect(audit?.data).toMatchObject({ name: "Year 7", parentId: f.units.department.id, path: unit.path });
  });

  it("refuses units above or beside the actor's subtree, and bad input, creating nothing", async () => {
    const f = await createOrgFixture();
    const before = await unitsOf(f.org.id);
    const attempt = (actor: (typeof f.actors)[keyof typeof f.actors], parentId: string, name = "New") =>
      createUnit(actor, { orgId: f.org.id, parentId, name });

    await expect(attempt(f.actors.schoolAdmin, f.units.root.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt(f.actors.schoolAdmin, f.units.sibling.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt(f.actors.teacher, f.units.school.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt(f.actors.otherAdmin, f.units.school.id)).rejects.toMatchObject({ code: "not_found" });
    // A unit of another organisation named under this one's id.
    await expect(
      createUnit(f.actors.otherAdmin, { orgId: f.otherOrg.id, parentId: f.units.school.id, name: "X" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(attempt(f.actors.rootAdmin, f.units.school.id, "   ")).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { name: ["Give the unit a name."] },
    });
    await expect(attempt(f.actors.rootAdmin, f.units.school.id, "x".repeat(121))).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("at most 120 characters"),
    });
    await expect(attempt(f.actors.rootAdmin, f.units.school.id, "department")).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('already has a unit named "department"'),
    });

    expect(await unitsOf(f.org.id)).toEqual(before);
    expect(await auditRows(f.org.id, "unit.created")).toHaveLength(0);
  });
});

describe("renameUnit", () => {
  it("renames within the actor's subtree only, recording before and after", async () => {
    const f = await createOrgFixture();
    const renamed = await renameUnit(f.actors.schoolAdmin, { unitId: f.units.department.id, name: "Maths" });
    expect(renamed.name).toBe("Maths");
    const [audit] = await auditRows(f.org.id, "unit.renamed");
    expect(audit?.data).toEqual({ before: { name: "Department" }, after: { name: "Maths" } });

    await expect(renameUnit(f.actors.schoolAdmin, { unitId: f.units.root.id, name: "Mine" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(renameUnit(f.actors.schoolAdmin, { unitId: f.units.sibling.id, name: "Mine" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(renameUnit(f.actors.otherAdmin, { unitId: f.units.school.id, name: "Mine" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await unitsOf(f.org.id)).map((u) => u.name).sort()).toEqual(
      ["Maths", f.units.root.name, "School", "Sibling School"].sort(),
    );
  });
});

describe("moveUnit", () => {
  it("moves a unit with its whole subtree, rewriting paths and depths", async () => {
    const f = await createOrgFixture();
    const { root, school, department, sibling } = f.units;
    const year = await createUnit(f.actors.rootAdmin, { orgId: f.org.id, parentId: department.id, name: "Year 7" });

    const moved = await moveUnit(f.actors.rootAdmin, { unitId: school.id, newParentId: sibling.id });
    expect(moved).toMatchObject({ id: school.id, parentId: sibling.id, depth: 2, path: `/${root.id}/${sibling.id}/${school.id}/` });

    const after = new Map((await unitsOf(f.org.id)).map((u) => [u.id, u]));
    expect(after.get(department.id)).toMatchObject({
      parentId: school.id,
      depth: 3,
      path: `/${root.id}/${sibling.id}/${school.id}/${department.id}/`,
    });
    expect(after.get(year.id)).toMatchObject({ depth: 4, path: `/${root.id}/${sibling.id}/${school.id}/${department.id}/${year.id}/` });
    expect(after.get(sibling.id)).toMatchObject({ parentId: root.id, depth: 1, path: sibling.path });
    await expectConsistentTree(f.org.id);

    const [audit] = await auditRows(f.org.id, "unit.moved");
    expect(audit).toMatchObject({ actorId: f.users.rootAdmin.id, targetId: school.id });
    expect(audit?.data).toMatchObject({
      before: { parentId: root.id, path: school.path, depth: 1 },
      after: { parentId: sibling.id, path: moved.path, depth: 2 },
      unitsMoved: 3,
    });

    // The whole subtree moves back up, and untouched organisations keep their paths.
    const back = await moveUnit(f.actors.rootAdmin, { unitId: department.id, newParentId: root.id });
    expect(back).toMatchObject({ depth: 1, path: `/${root.id}/${department.id}/` });
    expect((await unitsOf(f.org.id)).find((u) => u.id === year.id)).toMatchObject({
      depth: 2,
      path: `/${root.id}/${department.id}/${year.id}/`,
    });
    await expectConsistentTree(f.org.id);
  });

  it("refuses a move into the unit itself or one of its descendants, changing nothing", async () => {
    const f = await createOrgFixture();
    const before = await unitsOf(f.org.id);

    await expect(
      moveUnit(f.actors.rootAdmin, { unitId: f.units.school.id, newParentId: f.units.department.id }),
    ).rejects.toMatchObject({ code: "invalid", message: moveIntoOwnSubtreeMessage });
    await expect(
      moveUnit(f.actors.rootAdmin, { unitId: f.units.school.id, newParentId: f.units.school.id }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { newParentId: [moveIntoOwnSubtreeMessage] } });
    await expect(
      moveUnit(f.actors.rootAdmin, { unitId: f.units.root.id, newParentId: f.units.school.id }),
    ).rejects.toMatchObject({ code: "conflict", message: "The top unit of an organisation cannot be moved." });

    expect(await unitsOf(f.org.id)).toEqual(before);
    expect(await auditRows(f.org.id, "unit.moved")).toHaveLength(0);
  });

  it("requires the actor to manage both the unit and its new parent, in the same organisation", async () => {
    const f = await createOrgFixture();
    const before = await unitsOf(f.org.id);

    // Department is the school admin's, but Sibling School is not.
    await expect(
      moveUnit(f.actors.schoolAdmin, { unitId: f.units.department.id, newParentId: f.units.sibling.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      moveUnit(f.actors.schoolAdmin, { unitId: f.units.sibling.id, newParentId: f.units.school.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      moveUnit(f.actors.teacher, { unitId: f.units.department.id, newParentId: f.units.school.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      moveUnit(f.actors.otherAdmin, { unitId: f.units.department.id, newParentId: f.units.otherRoot.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      moveUnit(f.actors.rootAdmin, { unitId: f.units.department.id, newParentId: f.units.otherRoot.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      moveUnit(f.actors.sysAdmin, { unitId: f.units.department.id, newParentId: f.units.otherRoot.id }),
    ).rejects.toMatchObject({ code: "invalid", message: "A unit can only be moved within its own organisation." });

    expect(await unitsOf(f.org.id)).toEqual(before);

    // Within the school admin's own subtree a move is fine.
    const year = await createUnit(f.actors.schoolAdmin, { orgId: f.org.id, parentId: f.units.school.id, name: "Year 7" });
    const moved = await moveUnit(f.actors.schoolAdmin, { unitId: year.id, newParentId: f.units.department.id });
    expect(moved.path).toBe(`${f.units.department.path}${year.id}/`);
  });

  it("lets only one of two crossing concurrent moves win, so no cycle can form", async () => {
    const f = await createOrgFixture();
    const { school, sibling } = f.units;
    // School -> under a child of Sibling, while Sibling -> under a child of School.
    const underSibling = await createUnit(f.actors.rootAdmin, { orgId: f.org.id, parentId: sibling.id, name: "Annex" });
    const results = await Promise.allSettled([
      moveUnit(f.actors.rootAdmin, { unitId: school.id, newParentId: underSibling.id }),
      moveUnit(f.actors.rootAdmin, { unitId: sibling.id, newParentId: f.units.department.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" ? rejected.reason : null).toMatchObject({
      code: "invalid",
      message: moveIntoOwnSubtreeMessage,
    });
    await expectConsistentTree(f.org.id);
    expect(await auditRows(f.org.id, "unit.moved")).toHaveLength(1);
  });
});

describe("archiveUnit and restoreUnit", () => {
  it("archives and restores a subtree, keeping sub-units that were archived on their own", async () => {
    const f = await createOrgFixture();
    const { root, school, department } = f.units;
    const club = await createUnit(f.actors.rootAdmin, { orgId: f.org.id, parentId: school.id, name: "Chess club" });
    await archiveUnit(f.actors.schoolAdmin, { unitId: club.id });

    const archived = await archiveUnit(f.actors.schoolAdmin, { unitId: school.id });
    expect(archived.archived).toBe(true);
    const afterArchive = new Map((await unitsOf(f.org.id)).map((u) => [u.id, u]));
    expect(afterArchive.get(department.id)?.archivedAt).toEqual(archived.archivedAt);

    const visible = await getUnitTree(f.actors.rootAdmin, { orgId: f.org.id });
    expect(flattenTree(visible).map((n) => n.name)).not.toContain("School");
    const all = await getUnitTree(f.actors.rootAdmin, { orgId: f.org.id, includeArchived: true });
    expect(flattenTree(all).find((n) => n.id === department.id)?.archived).toBe(true);

    await expect(restoreUnit(f.actors.rootAdmin, { unitId: department.id })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('Restore "School" first'),
    });
    const restored = await restoreUnit(f.actors.rootAdmin, { unitId: school.id });
    expect(restored.archived).toBe(false);
    const afterRestore = new Map((await unitsOf(f.org.id)).map((u) => [u.id, u]));
    expect(afterRestore.get(department.id)?.archivedAt).toBeNull();
    expect(afterRestore.get(club.id)?.archivedAt).not.toBeNull();

    expect((await auditRows(f.org.id, "unit.archived")).map((a) => a.targetId)).toEqual([club.id, school.id]);
    expect((await auditRows(f.org.id, "unit.restored")).map((a) => a.data)).toEqual([
      { name: "School", path: school.path, unitsRestored: 2 },
    ]);

    await expect(archiveUnit(f.actors.rootAdmin, { unitId: root.id })).rejects.toMatchObject({
      code: "conflict",
      message: "The top unit of an organisation cannot be archived.",
    });
    await expect(archiveUnit(f.actors.schoolAdmin, { unitId: f.units.sibling.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(archiveUnit(f.actors.otherAdmin, { unitId: school.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listSubtreeUnitIds", () => {
  it("lists a unit and everything below it, leaving out archived units unless asked", async () => {
    const f = await createOrgFixture();
    const { school, department } = f.units;
    const club = await createUnit(f.actors.rootAdmin, { orgId: f.org.id, parentId: department.id, name: "Club" });
    await archiveUnit(f.actors.rootAdmin, { unitId: club.id });

    expect(await listSubtreeUnitIds(f.org.id, school.path)).toEqual([school.id, department.id]);
    expect((await listSubtreeUnitIds(f.org.id, school.path, { includeArchived: true })).sort()).toEqual(
      [school.id, department.id, club.id].sort(),
    );
    expect(await listSubtreeUnitIds(f.otherOrg.id, school.path)).toEqual([]);
  });

  it("is answered from the text_pattern_ops index on a table with thousands of units", async () => {
    const org = await db().organization.create({
      data: { name: "Bulk org", slug: `bulk-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    });
    const rootId = `bulk${org.id}`;
    const rows: Prisma.OrgUnitCreateManyInput[] = [{ id: rootId, orgId: org.id, name: "Root", path: `/${rootId}/`, depth: 0 }];
    for (let i = 0; i < 40; i++) {
      const schoolId = `${rootId}s${i}`;
      const schoolPath = `/${rootId}/${schoolId}/`;
      rows.push({ id: schoolId, orgId: org.id, parentId: rootId, name: `School ${i}`, path: schoolPath, depth: 1 });
      for (let j = 0; j < 80; j++) {
        const deptId = `${schoolId}d${j}`;
        rows.push({ id: deptId, orgId: org.id, parentId: schoolId, name: `Dept ${j}`, path: `${schoolPath}${deptId}/`, depth: 2 });
      }
    }
    await db().orgUnit.createMany({ data: rows });
    await db().$executeRaw`ANALYZE "OrgUnit"`;

    const schoolPath = `/${rootId}/${rootId}s7/`;
    const ids = await listSubtreeUnitIds(org.id, schoolPath);
    expect(ids).toHaveLength(81);

    // With ~3,300 rows the planner picks the index on its own; no
    // `SET enable_seqscan = off` is needed.
    const plan = await db().$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN ${subtreeUnitIdsSql(org.id, schoolPath)}`,
    );
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) "OrgUnit_path_idx"/);
  });
});
