import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/actions/sign-out";
import { CreateOrganizationForm } from "@/components/account/create-organization-form";
import { BrandLink } from "@/components/shell/auth-shell";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { currentActor, currentSession } from "@/server/auth/current";
import { listMyOrganizations } from "@/server/services/organizations";

export const metadata: Metadata = { title: "Welcome" };

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

/** Where a signed-in person without an organisation lands (see app/page.tsx). */
export default async function WelcomePage() {
  const [session, actor] = await Promise.all([currentSession(), currentActor()]);
  if (!session || !actor) redirect("/sign-in?callbackUrl=/welcome");
  const orgs = await listMyOrganizations(actor);
  const firstName = session.user.name.split(/\s+/)[0] ?? "";

  return (
    <main id="main" className="flex min-h-dvh flex-col items-center bg-muted/40 px-4 py-10">
      <BrandLink />
      <div className="w-full max-w-md space-y-4">
        <div className="space-y-1 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">{firstName ? `Welcome, ${firstName}` : "Welcome"}</h1>
          <p className="text-sm text-muted-foreground">
            {orgs.length === 0
              ? "You are signed in, but you do not belong to an organisation yet."
              : "Open one of your organisations, or start another."}
          </p>
        </div>

        {orgs.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2>Your organisations</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="space-y-2">
                {orgs.map((org) => (
                  <li key={org.id}>
                    <Link href={`/orgs/${org.id}`} className={`${linkClass} break-words`}>
                      {org.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle asChild>
                <h2>Joining your school or course?</h2>
              </CardTitle>
              <CardDescription>
                Ask the person who runs it for an invite link. Open the link while signed in here and you will join
                with the right role.
              </CardDescription>
            </CardHeader>
          </Card>
        )}

        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>{orgs.length === 0 ? "Starting something new?" : "Start another organisation"}</h2>
            </CardTitle>
            <CardDescription>Create an organisation and invite your teachers and students.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateOrganizationForm />
          </CardContent>
        </Card>

        <form action={signOutAction} className="text-center text-sm text-muted-foreground">
          Signed in as <span className="break-all">{session.user.email}</span>.{" "}
          <Button type="submit" variant="link" className="h-auto p-0">
            Sign out
          </Button>
        </form>
      </div>
    </main>
  );
}
