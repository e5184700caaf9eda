import type { ReactNode } from "react";
import { AccountNav } from "@/components/account/account-nav";

export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl space-y-6 px-3 py-6 sm:px-6">
      <AccountNav />
      {children}
    </main>
  );
}
