"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/navigation";
import { cn } from "@/lib/utils";

/** Tabs under the header; scrolls sideways on a phone instead of wrapping. */
export function OrgNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const active = (href: string) =>
    pathname === href || (href.split("/").length > 3 && pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Organisation" className="border-b">
      <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-3 sm:px-6">
        {items.map((item) => (
          <li key={item.href} className="shrink-0">
            <Link
              href={item.href}
              aria-current={active(item.href) ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 border-transparent px-3 py-2.5 text-sm text-muted-foreground hover:text-foreground",
                active(item.href) && "border-primary font-medium text-foreground",
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
