import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { currentSession } from "@/server/auth/current";
import { enabledOAuthProviders } from "@/server/auth/next-auth";
import { env } from "@/server/env";
import { demoAccounts, demoPassword } from "@/server/seed/demo-accounts";

export const metadata: Metadata = { title: "Sign in" };

const oauthErrors: Record<string, string> = {
  OAuthNoEmail: "That provider did not share an email address. Use another way to sign in.",
  AccessDenied: "Sign-in was cancelled or refused.",
  Configuration: "Sign-in is misconfigured on this server. Tell your administrator.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; reset?: string }>;
}) {
  const { callbackUrl, error, reset } = await searchParams;
  if (await currentSession()) redirect(callbackUrl?.startsWith("/") ? callbackUrl : "/");
  const e = env();
  const showDemo = e.NODE_ENV !== "production" && e.SEED_DEMO;
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1>Sign in</h1>
          </CardTitle>
          <CardDescription>Welcome back to Lyceum.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm
            callbackUrl={callbackUrl}
            providers={enabledOAuthProviders()}
            notice={reset === "1" ? "Your password was changed. Sign in with the new one." : undefined}
            oauthError={error ? (oauthErrors[error] ?? "Sign-in failed. Try again.") : undefined}
          />
          <div className="mt-6 flex flex-wrap justify-between gap-2 text-sm">
            <Link href="/forgot-password" className="text-primary underline-offset-4 hover:underline">
              Forgot your password?
            </Link>
            <Link href="/sign-up" className="text-primary underline-offset-4 hover:underline">
              Create an account
            </Link>
          </div>
        </CardContent>
      </Card>
      {showDemo ? (
        <Card data-testid="demo-accounts">
          <CardHeader>
            <CardTitle asChild>
              <h2 className="text-base">Demo sign-ins (development)</h2>
            </CardTitle>
            <CardDescription>
              Password for all: <code className="rounded bg-muted px-1 font-mono">{demoPassword}</code>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="space-y-1 text-sm">
              {demoAccounts.map((a) => (
                <li key={a.email} className="flex justify-between gap-2">
                  <span className="text-muted-foreground">{a.label}</span>
                  <code className="truncate font-mono">{a.email}</code>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
