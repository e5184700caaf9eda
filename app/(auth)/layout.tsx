import Link from "next/link";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center bg-muted/40 px-4 py-10">
      <Link href="/" className="mb-6 flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight">
        <span aria-hidden className="rounded bg-primary px-2 text-primary-foreground">
          L
        </span>
        Lyceum
      </Link>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
