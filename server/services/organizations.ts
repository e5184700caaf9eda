import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { roleRank, type Role } from "@/lib/schemas/roles";
import {
  getOrganizationSchema,
  listOrganizationsPageSchema,
  renameOrganizationSchema,
  type GetOrganizationInput,
  type ListOrganizationsPageInput,
  type RenameOrganizationInput,
} from "@/lib/schemas/org";
import type { Prisma } from "../generated/prisma/client";
import { orgIdsOf, rolesIn, type Actor, type MaybeActor } from "../auth/actor";
import { assertCan, can, requireActor } from "../auth/permissions";
import { db, type Db } from "../db";
import { recordAudit, type Page } from "./audit";

export interface OrganizationSummaryDTO {
  id: string;
  name: string;
  slug: string;
  /** The actor's roles in this organisation, most powerful first (empty for a system admin without one). */
  roles: Role[];
  /** The top unit of the tree; null only for an organisation whose tree was never created. */
  rootUnitId: string | null;
}

export interface OrganizationDTO extends OrganizationSummaryDTO {
  createdAt: Date;
  canRename: boolean;
}

type Client = Db | Prisma.TransactionClient;

export const organizationNotFound = "This organisation was not found, or you are not a member of it.";

/** The actor belongs to the organisation (or is a system admin). */
export function canSeeOrg(actor: MaybeActor, orgId: string): boolean {
  return can(actor, "read", "Organization", { id: orgId });
}

/**
 * Loads an organisation the actor may see. Outsiders get `not_found` whether
 * or not it exists, so ids of other organisations reveal nothing.
 */
export async function requireVisibleOrg(
  actor: MaybeActor,
  orgId: string,
  client: Client = db(),
): Promise<{ id: string; name: string; slug: string; createdAt: Date }> {
  requireActor(actor);
  const org = canSeeOrg(actor, orgId)
    ? await client.organization.findUnique({
        where: { id: orgId },
        select: { id: true, name: true, slug: true, createdAt: true },
      })
    : null;
  if (!org) throw new AppError("not_found", organizationNotFound);
  return org;
}

function sortedRoles(actor: Actor, orgId: string): Role[] {
  return rolesIn(actor, orgId).sort((a, b) => roleRank[b] - roleRank[a]);
}

/** Selects an organisation's top unit with it (one query: relations load by JOIN). */
const rootUnitSelect = {
  units: { where: { parentId: null }, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }], take: 1, select: { id: true } },
} satisfies Prisma.OrganizationSelect;

function summaries(actor: Actor, orgs: { id: string; name: string; slug: string; units: { id: string }[] }[]): OrganizationSummaryDTO[] {
  return orgs.map((org) => ({
    id: org.id,
    name: org.name,
    slug: org.slug,
    roles: sortedRoles(actor, org.id),
    rootUnitId: org.units[0]?.id ?? null,
  }));
}

/**
 * Organisations the actor belongs to, by name, for navigation and the org
 * switcher; a system admin gets all of them. A person belongs to a handful,
 * so this is not paged; a directory of every organisation should use
 * `listOrganizationsPage`.
 */
export async function listMyOrganizations(actor: MaybeActor): Promise<OrganizationSummaryDTO[]> {
  requireActor(actor);
  const where: Prisma.OrganizationWhereInput = actor.isSystemAdmin ? {} : { id: { in: orgIdsOf(actor) } };
  const orgs = await db().organization.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, slug: true, ...rootUnitSelect },
  });
  return summaries(actor, orgs);
}

/** The same organisations as `listMyOrganizations`, a page at a time (at most 100). */
export async function listOrganizationsPage(
  actor: MaybeActor,
  input: ListOrganizationsPageInput = {},
): Promise<Page<OrganizationSummaryDTO>> {
  requireActor(actor);
  const { cursor, take } = parseInput(listOrganizationsPageSchema, input);
  const where: Prisma.OrganizationWhereInput = actor.isSystemAdmin ? {} : { id: { in: orgIdsOf(actor) } };
  const orgs = await db().organization.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: { id: true, name: true, slug: true, ...rootUnitSelect },
  });
  const page = orgs.slice(0, take);
  return {
    items: summaries(actor, page),
    nextCursor: orgs.length > take ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function getOrganization(actor: MaybeActor, input: GetOrganizationInput): Promise<OrganizationDTO> {
  const { orgId } = parseInput(getOrganizationSchema, input);
  requireActor(actor);
  const org = canSeeOrg(actor, orgId)
    ? await db().organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, slug: true, createdAt: true, ...rootUnitSelect } })
    : null;
  if (!org) throw new AppError("not_found", organizationNotFound);
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    createdAt: org.createdAt,
    roles: sortedRoles(actor, org.id),
    rootUnitId: org.units[0]?.id ?? null,
    canRename: can(actor, "update", "Organization", { id: org.id }),
  };
}

/** Only org admins of the top unit (and system admins) may rename; the slug stays, so links keep working. */
export async function renameOrganization(actor: MaybeActor, input: RenameOrganizationInput): Promise<OrganizationDTO> {
  const { orgId, name } = parseInput(renameOrganizationSchema, input);
  const org = await requireVisibleOrg(actor, orgId);
  assertCan(actor, "update", "Organization", { id: orgId });
  if (org.name !== name) {
    await db().$transaction(async (tx) => {
      await tx.organization.update({ where: { id: orgId }, data: { name } });
      await recordAudit(tx, {
        orgId,
        actorId: actor.userId,
        action: "organization.renamed",
        targetType: "Organization",
        targetId: orgId,
        data: { before: { name: org.name }, after: { name } },
      });
    });
  }
  return getOrganization(actor, { orgId });
}
