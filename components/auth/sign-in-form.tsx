"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";

const responseSchema = z.object({
  ok: z.boolean().optional(),
  redirectTo: z.string().optional(),
  error: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});

export function SignInForm({
  callbackUrl,
  providers,
  notice,
  oauthError,
}: {
  callbackUrl?: string;
  providers: { id: string; name: string }[];
  notice?: string;
  oauthError?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(oauthError);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    setFieldErrors({});
    try {
      const res = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password"), callbackUrl }),
      });
      const body = responseSchema.parse(await res.json());
      if (!res.ok || !body.ok) {
        setError(body.error ?? "Sign-in failed. Try again.");
        setFieldErrors(body.fieldErrors ?? {});
        return;
      }
      router.replace(body.redirectTo ?? "/");
      router.refresh();
    } catch {
      setError("Could not reach Lyceum. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {notice && !error ? (
        <Alert variant="success">
          <AlertDescription>{notice}</AlertDescription>
        </Alert>
      ) : null}
      {error ? (
        <Alert variant="destructive" data-testid="sign-in-error">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <FormField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
        />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {providers.length > 0 ? (
        <div className="space-y-2">
          <p className="text-center text-xs uppercase text-muted-foreground">or</p>
          {providers.map((p) => (
            <Button
              key={p.id}
              type="button"
              variant="outline"
              className="w-full"
              onClick={() => void signIn(p.id, { redirectTo: callbackUrl ?? "/" })}
            >
              Continue with {p.name}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
