import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { currentActor, currentMe, currentOrganizations } from "@/server/auth/current";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  // Name and email come from the database, not the sign-in token, so a rename shows at once.
  const [me, orgs] = await Promise.all([currentMe(), currentOrganizations()]);
  if (!me) redirect("/sign-in");
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        user={{ name: me.name, email: me.email, isSystemAdmin: actor.isSystemAdmin }}
        orgs={orgs.map((o) => ({ id: o.id, name: o.name }))}
      />
      <div className="flex-1">{children}</div>
    </div>
  );
}
