import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ProfileForm } from "@/components/account/profile-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { roleLabels } from "@/lib/schemas/roles";
import { currentActor } from "@/server/auth/current";
import { getMe, type MeMembership } from "@/server/services/accounts";

export const metadata: Metadata = { title: "Profile" };

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  // The list leaves out "UTC" (everyone's default) and may lack a legacy name someone saved.
  return [...new Set(["UTC", current, ...zones])];
}

function isRootUnit(m: MeMembership): boolean {
  return m.unitPath.split("/").filter(Boolean).length <= 1;
}

export default async function ProfilePage() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/account/profile");
  const me = await getMe(actor);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
        <p className="text-sm text-muted-foreground">Your name and time zone, and where you belong.</p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Your details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <ProfileForm name={me.name} email={me.email} timeZone={me.timeZone} timeZones={timeZones(me.timeZone)} />
          {me.hasPassword ? null : (
            <p className="mt-4 text-sm text-muted-foreground">
              You sign in with a provider. To sign in with a password too, use{" "}
              <Link href="/forgot-password" className="font-medium text-primary underline-offset-4 hover:underline">
                reset password
              </Link>{" "}
              to set one.
            </p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Memberships</h2>
          </CardTitle>
          <CardDescription>The organisations and units you belong to, and your role in each.</CardDescription>
        </CardHeader>
        <CardContent>
          {me.memberships.length === 0 ? (
            <EmptyState
              titleAs="h3"
              title="No memberships yet"
              description="Open an invite link from your organisation to join it, or create your own."
              action={
                <Link href="/welcome" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
                  Get started
                </Link>
              }
            />
          ) : (
            <ul className="divide-y" aria-label="Your memberships">
              {me.memberships.map((m) => (
                <li key={m.unitId} className="flex flex-wrap items-center justify-between gap-2 py-3 first:pt-0 last:pb-0">
                  <Link
                    href={`/orgs/${m.orgId}`}
                    className="min-w-0 rounded-sm font-medium break-words underline-offset-4 hover:underline"
                  >
                    {m.orgName}
                    {isRootUnit(m) ? null : (
                      <>
                        <span aria-hidden className="px-1.5 text-muted-foreground">
                          ›
                        </span>
                        <span className="sr-only">, unit </span>
                        {m.unitName}
                      </>
                    )}
                  </Link>
                  <Badge variant="secondary">{roleLabels[m.role]}</Badge>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
