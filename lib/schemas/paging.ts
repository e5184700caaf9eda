import { z } from "zod";

/** Lists return at most this many items per page. */
export const maxPageSize = 100;

/** How many items a page holds; each list adds its own default. */
export const pageTakeSchema = z
  .number({ error: "Page size must be a number." })
  .int("Page size must be a whole number.")
  .min(1, "Page size must be at least 1.")
  .max(maxPageSize, `Page size can be at most ${maxPageSize}.`);

/** The opaque cursor of the next page; each list says whether it is optional or nullable. */
export const pageCursorSchema = z.string().max(500, "This page link is not valid; start from the first page.");
