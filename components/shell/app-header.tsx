import Link from "next/link";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { OrgSwitcher, type OrgOption } from "./org-switcher";
import { UserMenu } from "./user-menu";

export function AppHeader({
  user,
  orgs,
}: {
  user: { name: string; email: string; isSystemAdmin: boolean };
  orgs: OrgOption[];
}) {
  return (
    <header className="sticky top-0 z-30 border-b bg-background/95 backdrop-blur" data-slot="app-header">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:gap-4 sm:px-6">
        <Link href="/" className="shrink-0 rounded-md font-semibold tracking-tight" aria-label="Lyceum home">
          <span aria-hidden className="mr-1 inline-block rounded bg-primary px-1.5 text-primary-foreground">
            L
          </span>
          <span className="hidden sm:inline">Lyceum</span>
        </Link>
        <OrgSwitcher orgs={orgs} />
        <div className="ml-auto flex items-center gap-1">
          <NotificationBell />
          <UserMenu name={user.name} email={user.email} isSystemAdmin={user.isSystemAdmin} />
        </div>
      </div>
    </header>
  );
}
