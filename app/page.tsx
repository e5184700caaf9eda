import { redirect } from "next/navigation";
import { currentActor } from "@/server/auth/current";
import { listMyOrganizations } from "@/server/services/organizations";

export default async function Root() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  const orgs = await listMyOrganizations(actor);
  redirect(orgs[0] ? `/orgs/${orgs[0].id}` : "/welcome");
}
