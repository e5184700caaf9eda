import { describe, expect, it } from "vitest";
import { createOrgFixture } from "@/tests/fixtures/org";
import { loadActor } from "../auth/actor";
import { db } from "../db";
import { getOrganization, listMyOrganizations, listOrganizationsPage, renameOrganization } from "./organizations";

describe("listMyOrganizations", () => {
  it("lists the organisations a person belongs to, with their roles and top unit", async () => {
    const f = await createOrgFixture();
    const mine = await listMyOrganizations(f.actors.rootAdmin);
    expect(mine).toEqual([
      { id: f.org.id, name: f.org.name, slug: f.org.slug, roles: ["org_admin"], rootUnitId: f.units.root.id },
    ]);

    // Someone in both organisations, with two roles in one of them.
    await db().membership.createMany({
      data: [
        { userId: f.users.teacher.id, orgId: f.otherOrg.id, unitId: f.units.otherRoot.id, role: "student" },
        { userId: f.users.teacher.id, orgId: f.org.id, unitId: f.units.sibling.id, role: "org_admin" },
      ],
    });
    const teacher = await f.reload("teacher");
    const both = await listMyOrganizations(teacher);
    expect(both).toHaveLength(2);
    expect(both.find((o) => o.id === f.org.id)?.roles).toEqual(["org_admin", "teacher"]);
    expect(both.find((o) => o.id === f.otherOrg.id)).toMatchObject({
      roles: ["student"],
      rootUnitId: f.units.otherRoot.id,
    });
  });

  it("lists every organisation for a system admin, page by page", async () => {
    const f = await createOrgFixture();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listOrganizationsPage>> = await listOrganizationsPage(f.actors.sysAdmin, {
        take: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining([f.org.id, f.otherOrg.id]));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await db().organization.count());
    expect((await listMyOrganizations(f.actors.sysAdmin)).map((o) => o.id)).toEqual(seen);
    await expect(listOrganizationsPage(f.actors.sysAdmin, { take: 0 })).rejects.toMatchObject({ code: "invalid" });
  });

  it("is empty for someone without memberships and refuses anonymous callers", async () => {
    const user = await db().user.create({ data: { email: `lonely-${Date.now()}@example.test`, name: "Lonely" } });
    const actor = await loadActor(db(), user.id);
    expect(await listMyOrganizations(actor)).toEqual([]);
    expect(await listOrganizationsPage(actor)).toEqual({ items: [], nextCursor: null });
    await expect(listMyOrganizations(null)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("getOrganization", () => {
  it("shows members their organisation and hides it from everyone else", async () => {
    const f = await createOrgFixture();
    expect(await getOrganization(f.actors.student, { orgId: f.org.id })).toMatchObject({
      id: f.org.id,
      roles: ["student"],
      rootUnitId: f.units.root.id,
      canRename: false,
    });
    expect((await getOrganization(f.actors.rootAdmin, { orgId: f.org.id })).canRename).toBe(true);
    expect((await getOrganization(f.actors.schoolAdmin, { orgId: f.org.id })).canRename).toBe(false);
    expect(await getOrganization(f.actors.sysAdmin, { orgId: f.org.id })).toMatchObject({ roles: [], canRename: true });

    await expect(getOrganization(f.actors.otherAdmin, { orgId: f.org.id })).rejects.toMatchObject({
      code: "not_found",
      message: "This organisation was not found, or you are not a member of it.",
    });
    await expect(getOrganization(f.actors.sysAdmin, { orgId: "missing" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getOrganization(f.actors.rootAdmin, { orgId: "" })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("renameOrganization", () => {
  it("lets org admins of the top unit rename it, with an audit row", async () => {
    const f = await createOrgFixture();
    const renamed = await renameOrganization(f.actors.rootAdmin, { orgId: f.org.id, name: "  New Name  " });
    expect(renamed).toMatchObject({ name: "New Name", slug: f.org.slug });
    const audits = await db().auditLog.findMany({ where: { orgId: f.org.id, action: "organization.renamed" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: f.users.rootAdmin.id, targetType: "Organization", targetId: f.org.id });
    expect(audits[0]?.data).toEqual({ before: { name: f.org.name }, after: { name: "New Name" } });

    // Same name again: nothing to record.
    await renameOrganization(f.actors.rootAdmin, { orgId: f.org.id, name: "New Name" });
    expect(await db().auditLog.count({ where: { orgId: f.org.id, action: "organization.renamed" } })).toBe(1);
  });

  it("refuses subtree admins, outsiders and empty names, changing nothing", async () => {
    const f = await createOrgFixture();
    await expect(renameOrganization(f.actors.schoolAdmin, { orgId: f.org.id, name: "Mine" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(renameOrganization(f.actors.otherAdmin, { orgId: f.org.id, name: "Mine" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(renameOrganization(f.actors.rootAdmin, { orgId: f.org.id, name: " " })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { name: ["Give the organisation a name."] },
    });
    expect((await db().organization.findUniqueOrThrow({ where: { id: f.org.id } })).name).toBe(f.org.name);
    expect(await db().auditLog.count({ where: { orgId: f.org.id } })).toBe(0);
  });
});
