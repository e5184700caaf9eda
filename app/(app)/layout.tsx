import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { currentActor, currentSession } from "@/server/auth/current";
import { listMyOrganizations } from "@/server/services/organizations";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [session, actor] = await Promise.all([currentSession(), currentActor()]);
  if (!session || !actor) redirect("/sign-in");
  const orgs = await listMyOrganizations(actor);
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        user={{ name: session.user.name, email: session.user.email, isSystemAdmin: actor.isSystemAdmin }}
        orgs={orgs.map((o) => ({ id: o.id, name: o.name }))}
      />
      <div className="flex-1">{children}</div>
    </div>
  );
}
