import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { currentOrganizations, currentViewer } from "@/server/auth/current";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [viewer, orgs] = await Promise.all([currentViewer(), currentOrganizations()]);
  if (!viewer) redirect("/sign-in");
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader
        user={{ name: viewer.name, email: viewer.email, isSystemAdmin: viewer.actor.isSystemAdmin }}
        orgs={orgs.map((o) => ({ id: o.id, name: o.name }))}
      />
      <div className="flex-1">{children}</div>
    </div>
  );
}
