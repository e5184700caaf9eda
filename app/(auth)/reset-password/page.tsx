import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>Choose a new password</h1>
        </CardTitle>
        {token ? <CardDescription>The link from your email works once, for one hour.</CardDescription> : null}
      </CardHeader>
      <CardContent className="space-y-6">
        {token ? (
          <ResetPasswordForm token={token} />
        ) : (
          <Alert variant="destructive" data-testid="missing-token">
            <AlertTitle>This link is incomplete</AlertTitle>
            <AlertDescription>
              <p>
                The reset link is missing its code. Open the link from the email again, making sure you copied all of it,
                or request a new one.
              </p>
            </AlertDescription>
          </Alert>
        )}
        <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          {token ? null : (
            <Link href="/forgot-password" className="font-medium text-primary underline-offset-4 hover:underline">
              Request a reset link
            </Link>
          )}
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
