import type { ReactNode } from "react";
import { AccessNotice } from "@/components/admin/access-notice";
import { currentActor } from "@/server/auth/current";

/**
 * Instance-wide pages (workflow runs, ...) are for system admins. Everyone
 * else gets an explanation instead; the services check again on every call.
 */
export default async function SystemLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-3 py-6 sm:px-6">
      {actor?.isSystemAdmin ? (
        children
      ) : (
        <AccessNotice headingLevel="h1" title="This page is for system admins">
          <p>
            It shows how this Lyceum instance runs as a whole, across every organisation. If you need something from it, ask whoever runs
            your Lyceum server.
          </p>
        </AccessNotice>
      )}
    </main>
  );
}
