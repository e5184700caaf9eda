import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatRelative, formatUtc } from "@/components/account/time";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { NotYouSignOut } from "@/components/auth/not-you-sign-out";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { previewLink } from "@/lib/link-preview";
import { roleLabels } from "@/lib/schemas/roles";
import { currentSession } from "@/server/auth/current";
import { previewInvite, type InvitePreview } from "@/server/services/accounts";
import { previewJoin } from "@/server/services/courses/cohorts-invite";

export const metadata: Metadata = { title: "Create an account" };

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

/** Under a sign-up form, for people who already have an account. */
function SignInInstead({ href, children }: { href: string; children: string }) {
  return (
    <p className="text-sm text-muted-foreground">
      Already have an account?{" "}
      <Link href={href} className={linkClass}>
        {children}
      </Link>
    </p>
  );
}

function firstString(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string | string[]; cohort?: string | string[] }> }) {
  const query = await searchParams;
  const token = firstString(query.invite);
  const cohortToken = firstString(query.cohort);
  const session = await currentSession();
  if (!token && cohortToken) {
    // Signed-in people join from the link's own page, with one button.
    if (session) redirect(`/join/${encodeURIComponent(cohortToken)}`);
    return <JoinCohortSignUp token={cohortToken} />;
  }
  if (!token) {
    // Signed-in people found further organisations from the welcome page.
    if (session) redirect("/welcome");
    return <CreateOrganisation />;
  }

  const { preview: invite, problem } = await previewLink(() => previewInvite({ token }));
  const inviteUrl = `/sign-up?invite=${encodeURIComponent(token)}`;

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>{invite ? `Join ${invite.orgName}` : "Invite link"}</h1>
        </CardTitle>
        {invite ? (
          <CardDescription>
            <InviteSummary invite={invite} />
          </CardDescription>
        ) : null}
      </CardHeader>
      <CardContent className="space-y-6">
        {problem || !invite ? (
          <InviteProblem message={problem ?? "This invite link is not valid."} signedIn={session !== null} />
        ) : session ? (
          <div className="space-y-4">
            <p className="text-sm">
              You are signed in as <span className="font-medium break-all">{session.user.email}</span>.
            </p>
            {invite.email && invite.email.toLowerCase() !== session.user.email.toLowerCase() ? (
              <Alert variant="destructive" data-testid="invite-other-email">
                <AlertTitle>This invite is for another address</AlertTitle>
                <AlertDescription>
                  <p>
                    It was sent to <span className="break-all">{invite.email}</span>. Sign out, then open the link again
                    and sign in or create an account with that address.
                  </p>
                </AlertDescription>
              </Alert>
            ) : (
              <AcceptInviteForm token={token} orgName={invite.orgName} />
            )}
            <NotYouSignOut linkName="invite link" />
          </div>
        ) : (
          <>
            <SignUpForm invite={{ token, email: invite.email }} />
            <SignInInstead href={`/sign-in?callbackUrl=${encodeURIComponent(inviteUrl)}`}>Sign in to join</SignInInstead>
          </>
        )}
      </CardContent>
    </Card>
  );
}

function InviteSummary({ invite }: { invite: InvitePreview }) {
  // A server component renders once per request, so "now" is simply the request time.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  const expired = invite.expiresAt.getTime() <= now;
  return (
    <span className="grid gap-1">
      <span>
        {invite.unitName === invite.orgName ? invite.orgName : `${invite.orgName} › ${invite.unitName}`} as{" "}
        <span className="font-medium text-foreground">{roleLabels[invite.role]}</span>
      </span>
      <span>
        {expired ? "Expired " : "Expires "}
        <time dateTime={invite.expiresAt.toISOString()} title={formatUtc(invite.expiresAt)}>
          {formatRelative(invite.expiresAt, now)}
        </time>
      </span>
    </span>
  );
}

function InviteProblem({ message, signedIn }: { message: string; signedIn: boolean }) {
  return (
    <div className="space-y-4">
      <Alert variant="destructive" data-testid="invite-problem">
        <AlertTitle>This invite cannot be used</AlertTitle>
        <AlertDescription>
          <p>{message}</p>
        </AlertDescription>
      </Alert>
      <div className="space-y-2 text-sm text-muted-foreground">
        <p>Invite links come from the people who run your school or course; they can send you a new one.</p>
        {signedIn ? (
          <p>
            <Link href="/" className={linkClass}>
              Go to Lyceum
            </Link>
          </p>
        ) : (
          <p className="flex flex-wrap gap-x-4 gap-y-2">
            <Link href="/sign-in" className={linkClass}>
              Sign in
            </Link>
            <Link href="/sign-up" className={linkClass}>
              Create your own organisation
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}

/** Sign-up from a cohort's join link: the new account joins that cohort as a learner. */
async function JoinCohortSignUp({ token }: { token: string }) {
  const { preview, problem } = await previewLink(() => previewJoin({ token }));
  const joinUrl = `/join/${encodeURIComponent(token)}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>{preview ? `Join ${preview.cohortName}` : "Join link"}</h1>
        </CardTitle>
        {preview ? (
          <CardDescription>
            {preview.courseTitle} at {preview.orgName}. Create your account to join as a learner.
          </CardDescription>
        ) : null}
      </CardHeader>
      <CardContent className="space-y-6">
        {problem || !preview ? (
          <InviteProblem message={problem ?? "This join link does not work."} signedIn={false} />
        ) : (
          <>
            <SignUpForm cohortInvite={{ token }} />
            <SignInInstead href={`/sign-in?callbackUrl=${encodeURIComponent(joinUrl)}`}>Sign in to join</SignInInstead>
          </>
        )}
      </CardContent>
    </Card>
  );
}

function CreateOrganisation() {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>Create your organisation</h1>
        </CardTitle>
        <CardDescription>
          Start Lyceum for your school, bootcamp or course. You will be its admin and can invite others. Joining an
          existing one? Open the invite link you were sent instead.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <SignUpForm />
        <SignInInstead href="/sign-in">Sign in</SignInInstead>
      </CardContent>
    </Card>
  );
}
