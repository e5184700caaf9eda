"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronRightIcon, FolderTreeIcon } from "lucide-react";
import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { isWithin } from "@/lib/org/tree";
import { cn } from "@/lib/utils";
import type { UnitTreeNode } from "@/server/services/units";
import {
  AddSubUnitAction,
  ArchiveUnitAction,
  MoveUnitAction,
  RenameUnitAction,
  RestoreUnitAction,
  type UnitOption,
} from "./unit-actions";
import { unitTreeInput } from "./list-inputs";
import { LoadErrorAlert } from "./paged-list";

interface Entry {
  node: UnitTreeNode;
  level: number;
  parentId: string | null;
  /** Names from the top of the visible tree down to this unit. */
  trail: string[];
  /** The parent is in the tree and archived (restore that one first). */
  parentArchived: boolean;
  descendantCount: number;
}

function countDescendants(node: UnitTreeNode): number {
  return node.children.reduce((sum, child) => sum + 1 + countDescendants(child), 0);
}

/** Every unit in display order with its level and the names above it. */
function entriesOf(forest: readonly UnitTreeNode[]): Entry[] {
  const out: Entry[] = [];
  const visit = (nodes: readonly UnitTreeNode[], level: number, parent: Entry | null) => {
    for (const node of nodes) {
      const entry: Entry = {
        node,
        level,
        parentId: parent?.node.id ?? null,
        trail: [...(parent?.trail ?? []), node.name],
        parentArchived: parent?.node.archived ?? false,
        descendantCount: countDescendants(node),
      };
      out.push(entry);
      visit(node.children, level + 1, entry);
    }
  };
  visit(forest, 1, null);
  return out;
}

function peopleCount(n: number): string {
  if (n === 0) return "No one holds a role here";
  return `${n} ${n === 1 ? "person" : "people"}`;
}

/**
 * The organisation's units as an ARIA tree: Up and Down move between units,
 * Right and Left expand and collapse, Home and End jump; Tab reaches every
 * action button. Actions appear on the units the viewer manages.
 */
export function UnitTree({ orgId, orgName }: { orgId: string; orgName: string }) {
  const trpc = useTRPC();
  const [showArchived, setShowArchived] = useState(false);
  const query = useQuery(
    trpc.units.tree.queryOptions(unitTreeInput(orgId, showArchived), { placeholderData: keepPreviousData }),
  );
  const forest = useMemo(() => query.data ?? [], [query.data]);
  const entries = useMemo(() => entriesOf(forest), [forest]);
  const entryById = useMemo(() => new Map(entries.map((e) => [e.node.id, e])), [entries]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const hintId = useId();
  const archivedToggleId = useId();

  // Units whose ancestors are all expanded, in display order: what Up/Down walk through.
  const visible = useMemo(() => {
    const hidden = new Set<string>();
    return entries.filter((e) => {
      if (e.parentId && (hidden.has(e.parentId) || collapsed.has(e.parentId))) {
        hidden.add(e.node.id);
        return false;
      }
      return true;
    });
  }, [entries, collapsed]);
  const activeId = visible.some((e) => e.node.id === focusedId) ? focusedId : (visible[0]?.node.id ?? null);

  const moveTargetsOf = useCallback(
    (unit: UnitTreeNode): UnitOption[] =>
      entries
        .filter(
          (e) =>
            e.node.canManage &&
            !e.node.archived &&
            !isWithin(e.node.path, unit.path) &&
            e.node.id !== unit.parentId,
        )
        .map((e) => ({ id: e.node.id, label: e.trail.join(" › ") })),
    [entries],
  );

  const setExpanded = (id: string, expanded: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });

  const focusUnit = (id: string | undefined) => {
    if (!id) return;
    setFocusedId(id);
    itemRefs.current.get(id)?.focus();
  };

  function onItemKeyDown(event: KeyboardEvent<HTMLLIElement>, entry: Entry) {
    // Keys pressed on the action buttons inside the item keep their usual meaning.
    if (event.target !== event.currentTarget) return;
    const index = visible.findIndex((e) => e.node.id === entry.node.id);
    const hasChildren = entry.node.children.length > 0;
    const expanded = hasChildren && !collapsed.has(entry.node.id);
    let handled = true;
    switch (event.key) {
      case "ArrowDown":
        focusUnit(visible[index + 1]?.node.id);
        break;
      case "ArrowUp":
        focusUnit(visible[index - 1]?.node.id);
        break;
      case "ArrowRight":
        if (hasChildren && !expanded) setExpanded(entry.node.id, true);
        else if (expanded) focusUnit(entry.node.children[0]?.id);
        break;
      case "ArrowLeft":
        if (expanded) setExpanded(entry.node.id, false);
        else if (entry.parentId) focusUnit(entry.parentId);
        break;
      case "Home":
        focusUnit(visible[0]?.node.id);
        break;
      case "End":
        focusUnit(visible[visible.length - 1]?.node.id);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  }

  const anyCollapsed = entries.some((e) => e.node.children.length > 0 && collapsed.has(e.node.id));
  const onlyTop = entries.length === 1 ? entries[0] : undefined;

  function renderNodes(nodes: readonly UnitTreeNode[]) {
    return nodes.map((node) => {
      const entry = entryById.get(node.id);
      if (!entry) return null;
      const hasChildren = node.children.length > 0;
      const expanded = hasChildren && !collapsed.has(node.id);
      const nameId = `unit-${node.id}-name`;
      const metaId = `unit-${node.id}-meta`;
      const actionUnit = { id: node.id, name: node.name, memberCount: node.memberCount };
      const isTop = node.parentId === null;
      return (
        <li
          key={node.id}
          // Nothing is "selected" in this tree (actions are buttons); ARIA does not require aria-selected on a treeitem.
          // eslint-disable-next-line jsx-a11y/role-has-required-aria-props
          role="treeitem"
          aria-level={entry.level}
          aria-expanded={hasChildren ? expanded : undefined}
          aria-labelledby={nameId}
          aria-describedby={metaId}
          tabIndex={node.id === activeId ? 0 : -1}
          ref={(el) => {
            if (el) itemRefs.current.set(node.id, el);
            else itemRefs.current.delete(node.id);
          }}
          onKeyDown={(e) => onItemKeyDown(e, entry)}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocusedId(node.id);
          }}
          className="group/item outline-none"
          data-testid="unit-tree-item"
          data-unit-name={node.name}
        >
          <div
            className={cn(
              "flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md py-1.5 pr-1 pl-1 hover:bg-muted/60",
              "[[role=treeitem]:focus-visible>&]:bg-accent [[role=treeitem]:focus-visible>&]:outline-2 [[role=treeitem]:focus-visible>&]:outline-ring",
              node.archived && "text-muted-foreground",
            )}
          >
            <div className="flex min-w-0 flex-1 items-center gap-1.5">
              {hasChildren ? (
                <button
                  type="button"
                  tabIndex={-1}
                  aria-hidden="true"
                  onClick={() => setExpanded(node.id, !expanded)}
                  className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground"
                >
                  <ChevronRightIcon className={cn("size-4 transition-transform", expanded && "rotate-90")} />
                </button>
              ) : (
                <span aria-hidden="true" className="inline-block size-7 shrink-0" />
              )}
              <span className="min-w-0">
                <span id={nameId} className="font-medium break-words">
                  {node.name}
                </span>
                <span id={metaId} className="block text-xs text-muted-foreground sm:ml-2 sm:inline">
                  {peopleCount(node.memberCount)}
                  {hasChildren ? ` · ${node.children.length} sub-unit${node.children.length === 1 ? "" : "s"}` : ""}
                  {node.archived ? <span className="sr-only"> · archived</span> : null}
                  {isTop ? <span className="sr-only"> · top unit of {orgName}</span> : null}
                </span>
              </span>
              {node.archived ? (
                <Badge variant="outline" aria-hidden="true" className="shrink-0">
                  Archived
                </Badge>
              ) : null}
              {isTop ? (
                <Badge variant="secondary" aria-hidden="true" className="shrink-0">
                  Top unit
                </Badge>
              ) : null}
            </div>
            {node.canManage ? (
              <div className="flex w-full flex-wrap gap-1 pl-8 sm:w-auto sm:pl-0" data-testid="unit-actions">
                {node.archived ? (
                  entry.parentArchived ? null : <RestoreUnitAction unit={actionUnit} />
                ) : (
                  <>
                    <AddSubUnitAction orgId={orgId} unit={actionUnit} onCreated={() => setExpanded(node.id, true)} />
                    <RenameUnitAction unit={actionUnit} />
                    {isTop ? null : (
                      <>
                        <MoveUnitAction unit={actionUnit} targets={moveTargetsOf(node)} />
                        <ArchiveUnitAction unit={actionUnit} descendantCount={entry.descendantCount} />
                      </>
                    )}
                  </>
                )}
              </div>
            ) : null}
          </div>
          {hasChildren && expanded ? (
            <ul role="group" className="ml-3 border-l pl-2 sm:ml-4 sm:pl-3">
              {renderNodes(node.children)}
            </ul>
          ) : null}
        </li>
      );
    });
  }

  return (
    <section aria-labelledby={`${hintId}-title`} className="space-y-4">
      <h2 id={`${hintId}-title`} className="sr-only">
        Unit tree
      </h2>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex items-center gap-2">
          <input
            id={archivedToggleId}
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
            className="size-4 accent-primary"
          />
          <label htmlFor={archivedToggleId} className="text-sm">
            Show archived units
          </label>
        </div>
        {entries.some((e) => e.node.children.length > 0) ? (
          <Button
            variant="outline"
            size="sm"
            onClick={() =>
              setCollapsed(
                anyCollapsed ? new Set() : new Set(entries.filter((e) => e.node.children.length > 0).map((e) => e.node.id)),
              )
            }
          >
            {anyCollapsed ? "Expand all" : "Collapse all"}
          </Button>
        ) : null}
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {query.isFetching && !query.isPending ? "Updating…" : ""}
        </p>
      </div>
      <p id={hintId} className="hidden text-xs text-muted-foreground sm:block">
        Keyboard: Up and Down move between units, Right and Left expand and collapse
        {entries.some((e) => e.node.canManage) ? ", Tab reaches a unit's actions." : "."}
      </p>

      {query.isError ? (
        <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <p className="text-sm text-muted-foreground" aria-busy="true">
          Loading units…
        </p>
      ) : forest.length === 0 ? (
        <EmptyState
          icon={<FolderTreeIcon />}
          title="No units to show"
          description={
            showArchived
              ? "You do not hold a role in any unit of this organisation."
              : "You do not hold a role in an active unit. Turn on “Show archived units” to see archived ones."
          }
        />
      ) : (
        <div className="rounded-lg border p-2 sm:p-3">
          <ul role="tree" aria-label={`Units of ${orgName}`} aria-describedby={hintId} className="space-y-0.5">
            {renderNodes(forest)}
          </ul>
        </div>
      )}

      {onlyTop?.node.canManage ? (
        <EmptyState
          titleAs="h3"
          icon={<FolderTreeIcon />}
          title="Start your tree"
          description={`Use “Add sub-unit” on ${onlyTop.node.name} to add schools, departments, classes or cohorts. People's roles apply to the unit they are given and everything below it.`}
        />
      ) : null}
    </section>
  );
}
