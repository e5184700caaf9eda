import { describe, expect, it } from "vitest";
import { createOrgFixture } from "@/tests/fixtures/org";
import { db } from "../db";
import { listAuditLog, recordAudit } from "./audit";
import { createUnit, renameUnit } from "./units";

describe("recordAudit", () => {
  it("commits and rolls back with the transaction it is given", async () => {
    const f = await createOrgFixture();
    await db().$transaction(async (tx) => {
      await recordAudit(tx, {
        orgId: f.org.id,
        actorId: f.users.rootAdmin.id,
        action: "test.kept",
        targetType: "Organization",
        targetId: f.org.id,
        data: { before: { n: 1 }, after: { n: 2, list: [1, "two", null] } },
      });
    });
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit(tx, { orgId: f.org.id, actorId: null, action: "test.dropped", targetType: "Organization", targetId: null });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");

    const rows = await db().auditLog.findMany({ where: { orgId: f.org.id }, select: { action: true, data: true } });
    expect(rows).toEqual([{ action: "test.kept", data: { before: { n: 1 }, after: { n: 2, list: [1, "two", null] } } }]);
  });
});

describe("listAuditLog", () => {
  it("lists an organisation's entries newest first with who did them, filtered and paged", async () => {
    const f = await createOrgFixture();
    const unit = await createUnit(f.actors.rootAdmin, { orgId: f.org.id, parentId: f.units.school.id, name: "A" });
    await renameUnit(f.actors.schoolAdmin, { unitId: unit.id, name: "B" });
    await renameUnit(f.actors.schoolAdmin, { unitId: unit.id, name: "C" });
    // Another organisation's entries never show up.
    await createUnit(f.actors.otherAdmin, { orgId: f.otherOrg.id, parentId: f.units.otherRoot.id, name: "Elsewhere" });

    const all = await listAuditLog(f.actors.rootAdmin, { orgId: f.org.id });
    expect(all.items.map((e) => e.action)).toEqual(["unit.renamed", "unit.renamed", "unit.created"]);
    expect(all.items[0]).toMatchObject({
      targetType: "OrgUnit",
      targetId: unit.id,
      data: { before: { name: "B" }, after: { name: "C" } },
      actor: { id: f.users.schoolAdmin.id, name: f.users.schoolAdmin.name, email: f.users.schoolAdmin.email },
    });
    expect(all.items[2]?.actor?.id).toBe(f.users.rootAdmin.id);
    expect(all.nextCursor).toBeNull();

    expect((await listAuditLog(f.actors.rootAdmin, { orgId: f.org.id, action: "unit.created" })).items).toHaveLength(1);
    expect((await listAuditLog(f.actors.rootAdmin, { orgId: f.org.id, action: "unit" })).items).toHaveLength(3);
    expect((await listAuditLog(f.actors.rootAdmin, { orgId: f.org.id, action: "member" })).items).toHaveLength(0);

    const first = await listAuditLog(f.actors.rootAdmin, { orgId: f.org.id, take: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1]?.id);
    const second = await listAuditLog(f.actors.rootAdmin, { orgId: f.org.id, take: 2, cursor: first.nextCursor ?? "" });
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));
    expect(second.nextCursor).toBeNull();
  });

  it("is for org admins of that organisation's top unit only", async () => {
    const f = await createOrgFixture();
    // Entries span the whole organisation: an admin of one school must not read a sibling school's activity.
    await expect(listAuditLog(f.actors.schoolAdmin, { orgId: f.org.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAuditLog(f.actors.teacher, { orgId: f.org.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAuditLog(f.actors.student, { orgId: f.org.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listAuditLog(f.actors.otherAdmin, { orgId: f.org.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(listAuditLog(null, { orgId: f.org.id })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(listAuditLog(f.actors.rootAdmin, { orgId: f.org.id, action: "DROP TABLE" })).rejects.toMatchObject({
      code: "invalid",
    });
    expect((await listAuditLog(f.actors.sysAdmin, { orgId: f.org.id })).items).toEqual([]);
  });
});
