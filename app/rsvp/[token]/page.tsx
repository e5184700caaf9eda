import type { Metadata } from "next";
import Link from "next/link";
import { RsvpLanding } from "@/components/meetings/rsvp-landing";
import { AuthShell } from "@/components/shell/auth-shell";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { isAppError } from "@/lib/errors";
import { previewRsvpLink, type RsvpLinkView } from "@/server/services/meetings/rsvp";

export const metadata: Metadata = { title: "Your answer", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * The RSVP button of a meeting email, outside the signed-in app (like
 * /join/<token>): the signed link is the permission. Shows the meeting,
 * records the link's answer and offers to change it; a tampered or broken
 * link gets a clear page instead.
 */
export default async function RsvpPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token).trim();
  let view: RsvpLinkView | null = null;
  let problem: string | null = null;
  try {
    view = await previewRsvpLink({ token });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error.message;
  }

  return (
    <AuthShell>
      <Card>
        <CardContent>
          {view ? (
            <RsvpLanding view={view} />
          ) : (
            <div className="space-y-4">
              <h1 className="text-xl font-semibold">Meeting answer</h1>
              <Alert variant="destructive" data-testid="rsvp-problem">
                <AlertTitle>This link cannot be used</AlertTitle>
                <AlertDescription>
                  <p>{problem}</p>
                </AlertDescription>
              </Alert>
              <p className="text-sm">
                <Link href="/" className="font-medium text-primary underline-offset-4 hover:underline">
                  Go to Lyceum
                </Link>{" "}
                <span className="text-muted-foreground">to answer on your Meetings page.</span>
              </p>
            </div>
          )}
        </CardContent>
      </Card>
    </AuthShell>
  );
}
