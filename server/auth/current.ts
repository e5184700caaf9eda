import { cache } from "react";
import { db } from "../db";
import { getMe } from "../services/accounts";
import { listMyOrganizations } from "../services/organizations";
import { loadActor, type Actor } from "./actor";
import { auth } from "./next-auth";

/** The signed-in session for this request (deduplicated per render). */
export const currentSession = cache(async () => {
  const session = await auth();
  return session?.user?.id ? session : null;
});

/** The actor for this request, or null when signed out. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await currentSession();
  return session ? loadActor(db(), session.user.id) : null;
});

/**
 * The signed-in person's profile and organisations, loaded once per request
 * however many layouts and pages ask (the app shell, the org frame and pages
 * all need them).
 */
export const currentMe = cache(async () => {
  const actor = await currentActor();
  return actor ? getMe(actor) : null;
});

export const currentOrganizations = cache(async () => {
  const actor = await currentActor();
  return actor ? listMyOrganizations(actor) : [];
});
