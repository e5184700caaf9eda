import { cache } from "react";
import { db } from "../db";
import { listMyOrganizations } from "../services/organizations";
import { loadViewer, type Actor, type Viewer } from "./actor";
import { auth } from "./next-auth";

/** The signed-in session for this request (deduplicated per render). */
export const currentSession = cache(async () => {
  const session = await auth();
  return session?.user?.id ? session : null;
});

/**
 * The signed-in person for this request, or null when signed out: their
 * actor, name and email from the database (not the sign-in token, so a
 * rename shows at once), loaded once however many layouts and pages ask.
 */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const session = await currentSession();
  return session ? loadViewer(db(), session.user.id) : null;
});

/** The actor for this request, or null when signed out. */
export const currentActor = cache(async (): Promise<Actor | null> => (await currentViewer())?.actor ?? null);

/** The organisations the app shell and the org frame list, loaded once per request. */
export const currentOrganizations = cache(async () => {
  const actor = await currentActor();
  return actor ? listMyOrganizations(actor) : [];
});
