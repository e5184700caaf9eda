import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  const e = env();
  const devMailbox = e.NODE_ENV !== "production" && !e.SMTP_URL;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>Reset your password</h1>
        </CardTitle>
        <CardDescription>Enter the email you sign in with and we will send you a link to choose a new password.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <ForgotPasswordForm />
        {devMailbox ? (
          <p className="text-sm text-muted-foreground" data-testid="dev-mailbox-hint">
            Development: no mail server is configured, so the email goes to the{" "}
            <Link href="/dev/mailbox" className="font-medium text-primary underline-offset-4 hover:underline">
              development mailbox
            </Link>
            .
          </p>
        ) : null}
        <p className="text-sm">
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
