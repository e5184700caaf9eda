import { cache } from "react";
import { db } from "../db";
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
