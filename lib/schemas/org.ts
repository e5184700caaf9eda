import { z } from "zod";
import { idOf } from "./ids";
import { maxPageSize, pageCursorSchema, pageTakeSchema } from "./paging";
import { roleSchema, type Role } from "./roles";

/**
 * Inputs of the organisation, unit, member, invite and audit-log services.
 * One schema feeds the tRPC input, the form and the bot option parser.
 */

export const orgIdSchema = idOf("an organisation");
export const unitIdSchema = idOf("a unit");

export const unitNameSchema = z
  .string({ error: "Give the unit a name." })
  .trim()
  .min(1, "Give the unit a name.")
  .max(120, "Unit names can be at most 120 characters.");

export const organizationNameSchema = z
  .string({ error: "Give the organisation a name." })
  .trim()
  .min(1, "Give the organisation a name.")
  .max(120, "Organisation names can be at most 120 characters.");

const cursorSchema = pageCursorSchema.optional();

export const moveIntoOwnSubtreeMessage = "A unit cannot be moved into itself or one of its own sub-units.";

// Organisations

export const getOrganizationSchema = z.object({ orgId: orgIdSchema });
export type GetOrganizationInput = z.input<typeof getOrganizationSchema>;

export const renameOrganizationSchema = z.object({ orgId: orgIdSchema, name: organizationNameSchema });
export type RenameOrganizationInput = z.input<typeof renameOrganizationSchema>;

export const listOrganizationsPageSchema = z.object({
  cursor: cursorSchema,
  take: pageTakeSchema.default(maxPageSize),
});
export type ListOrganizationsPageInput = z.input<typeof listOrganizationsPageSchema>;

// Units

export const unitTreeSchema = z.object({
  orgId: orgIdSchema,
  includeArchived: z.boolean().default(false),
});
export type UnitTreeInput = z.input<typeof unitTreeSchema>;

export const createUnitSchema = z.object({
  orgId: orgIdSchema,
  parentId: idOf("the parent unit"),
  name: unitNameSchema,
});
export type CreateUnitInput = z.input<typeof createUnitSchema>;

export const renameUnitSchema = z.object({ unitId: unitIdSchema, name: unitNameSchema });
export type RenameUnitInput = z.input<typeof renameUnitSchema>;

export const moveUnitSchema = z
  .object({ unitId: unitIdSchema, newParentId: idOf("the new parent unit") })
  .refine((v) => v.unitId !== v.newParentId, { message: moveIntoOwnSubtreeMessage, path: ["newParentId"] });
export type MoveUnitInput = z.input<typeof moveUnitSchema>;

export const archiveUnitSchema = z.object({ unitId: unitIdSchema });
export type ArchiveUnitInput = z.input<typeof archiveUnitSchema>;
export const restoreUnitSchema = archiveUnitSchema;
export type RestoreUnitInput = ArchiveUnitInput;

// Members

/** "an org admin", "a teacher": for messages such as "Ada is already a teacher in Year 7". */
export function roleWithArticle(role: Role): string {
  return { org_admin: "an org admin", teacher: "a teacher", facilitator: "a facilitator", student: "a student" }[role];
}

export const listMembersSchema = z.object({
  orgId: orgIdSchema,
  /** Only people in this unit and the units below it. */
  unitId: unitIdSchema.optional(),
  role: roleSchema.optional(),
  /** Part of a name or email address. */
  query: z
    .string()
    .trim()
    .max(200, "Search for at most 200 characters.")
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  cursor: cursorSchema,
  take: pageTakeSchema.default(50),
});
export type ListMembersInput = z.input<typeof listMembersSchema>;

const membershipIdSchema = idOf("a membership");

export const changeMemberRoleSchema = z.object({ membershipId: membershipIdSchema, role: roleSchema });
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;

export const moveMemberSchema = z.object({ membershipId: membershipIdSchema, unitId: unitIdSchema });
export type MoveMemberInput = z.input<typeof moveMemberSchema>;

export const removeMemberSchema = z.object({ membershipId: membershipIdSchema });
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;

// Invites

export const inviteStatuses = ["active", "expired", "revoked", "used_up"] as const;
export type InviteStatus = (typeof inviteStatuses)[number];

export const createInviteSchema = z
  .object({
    orgId: orgIdSchema,
    unitId: unitIdSchema,
    role: roleSchema,
    /** When set, only this address may use the invite. */
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "Email addresses can be at most 254 characters.")
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(z.email("Enter a valid email address, or leave it empty for a shareable link.").optional()),
    maxUses: z
      .number({ error: "Enter how many people may use the invite." })
      .int("The number of uses must be a whole number.")
      .min(1, "An invite must allow at least 1 use.")
      .max(1000, "An invite can allow at most 1000 uses.")
      .default(1),
    expiresInDays: z
      .number({ error: "Enter how many days the invite stays valid." })
      .int("The number of days must be a whole number.")
      .min(1, "An invite must stay valid for at least 1 day.")
      .max(90, "An invite can stay valid for at most 90 days.")
      .default(7),
  })
  .refine((v) => v.email === undefined || v.maxUses === 1, {
    message: "An invite for one email address can be used once. Leave the email empty for a link several people can use.",
    path: ["maxUses"],
  });
export type CreateInviteInput = z.input<typeof createInviteSchema>;

export const listInvitesSchema = z.object({
  orgId: orgIdSchema,
  status: z.enum(["active", "all"], { error: 'Status must be "active" or "all".' }).default("active"),
  cursor: cursorSchema,
  take: pageTakeSchema.default(50),
});
export type ListInvitesInput = z.input<typeof listInvitesSchema>;

export const revokeInviteSchema = z.object({ inviteId: idOf("an invite") });
export type RevokeInviteInput = z.input<typeof revokeInviteSchema>;

// Audit log

export const listAuditLogSchema = z.object({
  orgId: orgIdSchema,
  /** An exact action ("unit.moved") or a family without the dot ("unit"). */
  action: z
    .string()
    .trim()
    .max(100, "Action filters can be at most 100 characters.")
    .regex(/^[a-z_]*(\.[a-z_]+)?$/, 'Filter by an action such as "unit.moved", or a family such as "unit".')
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  cursor: cursorSchema,
  take: pageTakeSchema.default(50),
});
export type ListAuditLogInput = z.input<typeof listAuditLogSchema>;
