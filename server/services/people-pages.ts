import { AppError } from "@/lib/errors";
import type { Page } from "./audit";
import { escapeLike } from "./units";

/**
 * Lists of people (organisation members, cohort members) sorted by the
 * user's name, then the row's id, and paged by a cursor holding both. The
 * filters are plain objects that fit any model with a `user` relation.
 */

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString("base64url");
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string") {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("invalid", "This page link is not valid any more. Start again from the first page.");
}

/** Rows whose user's name or email contains `query`, ignoring case. */
export function userMatchesWhere(query: string) {
  const pattern = escapeLike(query);
  return { user: { OR: [{ name: { contains: pattern, mode: "insensitive" as const } }, { email: { contains: pattern, mode: "insensitive" as const } }] } };
}

/** Rows after the cursor's row in name-then-id order. */
export function afterCursorWhere(cursor: string) {
  const after = decodeCursor(cursor);
  return { OR: [{ user: { name: { gt: after.name } } }, { user: { name: after.name }, id: { gt: after.id } }] };
}

/** A page from `take + 1` rows fetched in name-then-id order: the extra row only says there is a next page. */
export function pageByName<Row extends { id: string; user: { name: string } }, T>(rows: Row[], take: number, toItem: (row: Row) => T): Page<T> {
  const page = rows.slice(0, take);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > take && last ? encodeCursor(last.user.name, last.id) : null,
  };
}
