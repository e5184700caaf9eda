import Link from "next/link";
import type { ReactNode } from "react";

/** The Lyceum name and mark above the pages people see before they are inside an organisation. */
export function BrandLink() {
  return (
    <Link href="/" className="mb-6 flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight">
      <span aria-hidden className="rounded bg-primary px-2 text-primary-foreground">
        L
      </span>
      Lyceum
    </Link>
  );
}

/** One narrow card in the middle of the page: sign-in, sign-up and link pages. */
export function AuthShell({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center bg-muted/40 px-4 py-10">
      <BrandLink />
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
