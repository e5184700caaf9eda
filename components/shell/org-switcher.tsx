"use client";

import { Building2, Check, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface OrgOption {
  id: string;
  name: string;
}

export function OrgSwitcher({ orgs }: { orgs: OrgOption[] }) {
  const params = useParams<{ orgId?: string }>();
  const current = orgs.find((o) => o.id === params.orgId) ?? null;
  if (orgs.length === 0) return null;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="min-w-0 max-w-[55vw] gap-2 sm:max-w-xs" aria-label="Switch organisation">
          <Building2 aria-hidden className="size-4 shrink-0" />
          <span className="truncate">{current?.name ?? (orgs.length === 1 ? orgs[0]?.name : "Your organisations")}</span>
          <ChevronsUpDown aria-hidden className="size-4 shrink-0 opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Your organisations</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {orgs.map((org) => (
          <DropdownMenuItem key={org.id} asChild>
            <Link href={`/orgs/${org.id}`} className="flex items-center gap-2">
              <span className="truncate">{org.name}</span>
              {org.id === current?.id ? <Check aria-label="current" className="ml-auto size-4" /> : null}
            </Link>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
