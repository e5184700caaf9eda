"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ScrollTextIcon } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select-native";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
import type { UnitTreeNode } from "@/server/services/units";
import { actionLabel, auditFamilies, summarizeAudit } from "./audit-summary";
import { DateText } from "./date-text";
import { auditListInput, unitTreeInput, type AuditFamily } from "./list-inputs";
import { PagedTable, pagedListOptions } from "./paged-list";

function namesOf(forest: readonly UnitTreeNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (nodes: readonly UnitTreeNode[]) => {
    for (const node of nodes) {
      out.set(node.id, node.name);
      visit(node.children);
    }
  };
  visit(forest);
  return out;
}

function familyOf(value: string): AuditFamily | undefined {
  return auditFamilies.find((f) => f.value === value && f.value !== "")?.value || undefined;
}

/** The organisation's audit log, newest first, filtered by kind of action. */
export function AuditLog({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const filterId = useId();
  const [family, setFamily] = useState<AuditFamily | undefined>(undefined);
  const list = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(auditListInput(orgId, family), pagedListOptions),
  );
  // Archived units too: old entries name units that may be archived now.
  const tree = useQuery(trpc.units.tree.queryOptions(unitTreeInput(orgId, true)));
  const names = useMemo(() => namesOf(tree.data ?? []), [tree.data]);
  const entries = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const switching = list.isPlaceholderData && list.isFetching;
  const familyLabel = auditFamilies.find((f) => f.value === (family ?? ""))?.label ?? "All actions";

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="grid gap-2 sm:w-64">
          <Label htmlFor={filterId}>Show</Label>
          <NativeSelect id={filterId} value={family ?? ""} onChange={(e) => setFamily(familyOf(e.target.value))}>
            {auditFamilies.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <p className="text-sm text-muted-foreground sm:pb-2" aria-live="polite">
          {list.isPending || switching
            ? "Loading entries…"
            : entries.length === 0
              ? ""
              : `${entries.length} ${entries.length === 1 ? "entry" : "entries"}${list.hasNextPage ? " so far" : ""}, newest first.`}
        </p>
      </div>

      <PagedTable
        list={list}
        shown={entries.length}
        dimmed={switching}
        empty={
          <EmptyState
            icon={<ScrollTextIcon />}
            title={family ? `No ${familyLabel.toLowerCase()} entries yet` : "Nothing recorded yet"}
            description={
              family
                ? "Nobody has made a change of this kind. Choose “All actions” to see everything."
                : "Changes to units, people, roles and invites are recorded here as they happen."
            }
            action={
              family ? (
                <Button variant="outline" onClick={() => setFamily(undefined)}>
                  Show all actions
                </Button>
              ) : undefined
            }
          />
        }
        columns={
          <>
            <TableHead className="pl-3">When</TableHead>
            <TableHead>Who</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Target</TableHead>
            <TableHead className="pr-3">Details</TableHead>
          </>
        }
      >
        {entries.map((entry) => {
          const summary = summarizeAudit(entry, names);
          return (
            <TableRow key={entry.id} data-testid="audit-row" className="align-top">
              <TableCell className="pl-3 align-top text-muted-foreground">
                <DateText value={entry.createdAt} withTime />
              </TableCell>
              <TableCell className="align-top">
                {entry.actor ? (
                  <>
                    <span className="block font-medium">{entry.actor.name}</span>
                    <span className="block text-xs text-muted-foreground">{entry.actor.email}</span>
                  </>
                ) : (
                  <span className="text-muted-foreground">System or deleted account</span>
                )}
              </TableCell>
              <TableCell className="align-top">
                <span className="block">{actionLabel(entry.action)}</span>
                <code className="text-xs text-muted-foreground">{entry.action}</code>
              </TableCell>
              <TableCell className="align-top">{summary.target}</TableCell>
              <TableCell className="min-w-64 pr-3 align-top whitespace-normal">{summary.details}</TableCell>
            </TableRow>
          );
        })}
      </PagedTable>
    </div>
  );
}
