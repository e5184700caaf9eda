import type { Metadata } from "next";
import Link from "next/link";
import { formatCalendarDate } from "@/components/cohorts/drip-text";
import { JoinCohortButton } from "@/components/cohorts/join-cohort-button";
import { AuthShell } from "@/components/shell/auth-shell";
import { NotYouSignOut } from "@/components/auth/not-you-sign-out";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { previewLink } from "@/lib/link-preview";
import { currentSession } from "@/server/auth/current";
import { previewJoin } from "@/server/services/courses/cohorts-invite";

export const metadata: Metadata = { title: "Join a cohort" };

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

/**
 * A cohort's join link. Shows what it is for (to anyone holding it), then:
 * signed in, one button to join; signed out, create an account from the
 * link or sign in and come back here.
 */
export default async function JoinCohortPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token).trim();
  const session = await currentSession();

  const { preview, problem } = await previewLink(() => previewJoin({ token }));
  const here = `/join/${encodeURIComponent(token)}`;

  return (
    <AuthShell>
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1>{preview ? `Join ${preview.cohortName}` : "Join link"}</h1>
          </CardTitle>
          {preview ? (
            <CardDescription>
              <span className="grid gap-1">
                <span>
                  <span className="font-medium text-foreground">{preview.courseTitle}</span> at {preview.orgName}
                </span>
                <span>
                  Starts {formatCalendarDate(preview.startDate)} ({preview.timeZone.replaceAll("_", " ")})
                </span>
              </span>
            </CardDescription>
          ) : null}
        </CardHeader>
        <CardContent className="space-y-6">
          {problem || !preview ? (
            <div className="space-y-4">
              <Alert variant="destructive" data-testid="join-problem">
                <AlertTitle>This link cannot be used</AlertTitle>
                <AlertDescription>
                  <p>{problem ?? "This join link does not work."}</p>
                </AlertDescription>
              </Alert>
              <p className="text-sm text-muted-foreground">
                {session ? (
                  <Link href="/" className={linkClass}>
                    Go to Lyceum
                  </Link>
                ) : (
                  <Link href="/sign-in" className={linkClass}>
                    Sign in
                  </Link>
                )}
              </p>
            </div>
          ) : session ? (
            <div className="space-y-4">
              <p className="text-sm">
                You are signed in as <span className="font-medium break-all">{session.user.email}</span>. You will join as a learner.
              </p>
              <JoinCohortButton token={token} cohortName={preview.cohortName} />
              <NotYouSignOut linkName="link" />
            </div>
          ) : (
            <div className="space-y-4">
              <p className="text-sm">You join as a learner. New to Lyceum? Create an account; it takes a minute.</p>
              <Button asChild className="w-full">
                <Link href={`/sign-up?cohort=${encodeURIComponent(token)}`}>Create an account</Link>
              </Button>
              <Button asChild variant="outline" className="w-full">
                <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>I have an account: sign in</Link>
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
    </AuthShell>
  );
}
