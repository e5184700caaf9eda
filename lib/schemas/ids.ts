import { z } from "zod";

/**
 * The id of a record a form or a call points at ("a cohort", "an item"):
 * missing asks to choose one, an overlong one is refused before any lookup.
 */
export function idOf(what: string) {
  return z
    .string({ error: `Choose ${what}.` })
    .trim()
    .min(1, `Choose ${what}.`)
    .max(64, `That ${what.replace(/^(a|an|the) /, "")} id is not valid.`);
}
