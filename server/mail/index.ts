import nodemailer from "nodemailer";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { db } from "../db";
import { env, type Env } from "../env";

export { inviteEmail, notificationEmail, passwordResetEmail, escapeHtml, type MailContent } from "./templates";

/** A file sent with an email, e.g. a calendar invite (.ics). Text content only: that is all Lyceum attaches. */
export interface MailAttachment {
  filename: string;
  /** e.g. "text/calendar; charset=utf-8; method=PUBLISH". */
  contentType: string;
  content: string;
}

export interface MailInput {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** With attachments the message goes out as multipart/mixed. */
  attachments?: MailAttachment[];
}

/** The part of a nodemailer transporter sendMail uses; tests pass their own. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; html: string; attachments?: MailAttachment[] }): Promise<unknown>;
}

const attachmentSchema = z.object({
  filename: z
    .string()
    .trim()
    .min(1, "An attachment needs a file name.")
    .max(200, "Keep attachment names under 200 characters.")
    // The name goes into a MIME header and a download: no paths, quotes or line breaks.
    .refine((v) => !/[\\/"\r\n]/.test(v), "An attachment name cannot hold slashes, quotes or line breaks."),
  contentType: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((v) => !/[\r\n]/.test(v), "A content type cannot hold line breaks."),
  content: z.string().max(2_000_000, "Attachments are kept under 2 MB."),
});
const attachmentsSchema = z.array(attachmentSchema).max(10, "Attach at most 10 files to one email.");

/** A stored message's attachments read back (rows written before attachments existed hold null). */
export function readAttachments(json: unknown): MailAttachment[] {
  const parsed = attachmentsSchema.safeParse(json ?? []);
  return parsed.success ? parsed.data : [];
}

export type MailTransportName = "smtp" | "dev-mailbox";

export interface SentMail {
  id: string;
  transport: MailTransportName;
}

/** The message was recorded but the SMTP server did not take it. */
export class MailDeliveryError extends Error {
  readonly mailId: string;
  constructor(mailId: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The email could not be sent (${reason}). Check SMTP_URL and that the mail server is reachable.`, { cause });
    this.name = "MailDeliveryError";
    this.mailId = mailId;
  }
}

/** A nodemailer SMTP transport from a URL such as `smtp://user:pass@host:587` or `smtps://host:465`. */
export function smtpTransportFromUrl(url: string): MailTransport & { close(): void } {
  return nodemailer.createTransport(url);
}

const globalForMail = globalThis as unknown as { lyceumSmtp?: { url: string; transport: MailTransport } };

function configuredTransport(): MailTransport | undefined {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  if (globalForMail.lyceumSmtp?.url !== url) {
    globalForMail.lyceumSmtp = { url, transport: smtpTransportFromUrl(url) };
  }
  return globalForMail.lyceumSmtp.transport;
}

/**
 * Sends one email. Every message is recorded in MailMessage first (a delivery
 * record, and the development mailbox when there is no SMTP server); then,
 * with `SMTP_URL` set or a `transport` passed, it is handed to the server.
 * Throws MailDeliveryError when the server refuses it.
 */
export async function sendMail(input: MailInput, options: { transport?: MailTransport } = {}): Promise<SentMail> {
  const transport = options.transport ?? configuredTransport();
  const transportName: MailTransportName = transport ? "smtp" : "dev-mailbox";
  const to = input.to.trim();
  const subject = input.subject.replace(/[\r\n]+/g, " ").trim();
  const attachments = input.attachments?.length ? parseInput(attachmentsSchema, input.attachments) : undefined;
  const row = await db().mailMessage.create({
    data: { to, subject, text: input.text, html: input.html, transport: transportName, ...(attachments ? { attachments } : {}) },
    select: { id: true },
  });
  if (transport) {
    try {
      // nodemailer sends multipart/mixed (the text/html alternative plus each file) when attachments are given.
      await transport.sendMail({ from: env().MAIL_FROM, to, subject, text: input.text, html: input.html, ...(attachments ? { attachments } : {}) });
    } catch (error) {
      throw new MailDeliveryError(row.id, error);
    }
  }
  return { id: row.id, transport: transportName };
}

export const devMailboxQuerySchema = z.object({
  to: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .optional()
    .transform((v) => (v ? v : undefined)),
  cursor: z.string().max(100).optional(),
  take: z.coerce
    .number({ error: "Page size must be a number." })
    .int("Page size must be a whole number.")
    .min(1, "Show at least 1 message per page.")
    .max(100, "Show at most 100 messages per page.")
    .default(20),
});
export type DevMailboxQuery = z.input<typeof devMailboxQuerySchema>;

export interface DevMailboxItem {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  transport: string;
  createdAt: Date;
  /** Names and types of the files attached (download them with devMailAttachment). */
  attachments: { filename: string; contentType: string; size: number }[];
}

export interface DevMailboxPage {
  items: DevMailboxItem[];
  nextCursor: string | null;
}

/**
 * The development mailbox shows every recorded message, reset links included,
 * so it is closed in production whenever real mail goes out.
 */
export function devMailboxAvailable(e: Pick<Env, "SMTP_URL" | "NODE_ENV"> = env()): boolean {
  return !e.SMTP_URL || e.NODE_ENV !== "production";
}

/** Recorded mail, newest first; `to` filters by recipient; pass `nextCursor` back for the next page. */
export async function listDevMailbox(input: DevMailboxQuery): Promise<DevMailboxPage> {
  if (!devMailboxAvailable()) {
    throw new AppError("forbidden", "The development mailbox is off in production while SMTP is configured. Read mail in your inbox.");
  }
  const query = parseInput(devMailboxQuerySchema, input);
  const rows = await db().mailMessage.findMany({
    where: query.to ? { to: { equals: query.to, mode: "insensitive" } } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.take + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: { id: true, to: true, subject: true, text: true, html: true, transport: true, createdAt: true, attachments: true },
  });
  const items = rows.slice(0, query.take).map(
    ({ attachments, ...row }): DevMailboxItem => ({
      ...row,
      attachments: readAttachments(attachments).map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content) })),
    }),
  );
  return { items, nextCursor: rows.length > query.take ? (items[items.length - 1]?.id ?? null) : null };
}

/** One attachment of a recorded message, for the mailbox's download link; null when there is no such file. */
export async function devMailAttachment(mailId: string, index: number): Promise<MailAttachment | null> {
  if (!devMailboxAvailable()) {
    throw new AppError("forbidden", "The development mailbox is off in production while SMTP is configured. Read mail in your inbox.");
  }
  if (!Number.isInteger(index) || index < 0 || mailId.length > 100) return null;
  const row = await db().mailMessage.findUnique({ where: { id: mailId }, select: { attachments: true } });
  return row ? (readAttachments(row.attachments)[index] ?? null) : null;
}
