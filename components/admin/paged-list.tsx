"use client";

import { keepPreviousData } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableHeader, TableRow } from "@/components/ui/table";
import { describeError } from "./mutation-feedback";

/**
 * Query options of the paged admin lists: the next page starts at the
 * server's `nextCursor`, and the rows shown stay while another filter loads.
 */
export const pagedListOptions = {
  getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor,
  placeholderData: keepPreviousData,
};

/** A list that could not load at all: what went wrong, and a way to try again. */
export function LoadErrorAlert({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Alert variant="destructive">
      <AlertDescription>
        <p>{describeError(error)}</p>
        <Button variant="outline" size="sm" onClick={onRetry}>
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}

/** The parts of an infinite query that a paged list shows. */
export interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * A paged admin list of `shown` rows as a table: why it could not load (with
 * "Try again"), nothing while the first page loads, `empty` when there are no
 * rows, else the table, dimmed while another filter loads. Below it, why a
 * later page failed and "Load more" while there are more pages.
 */
export function PagedTable({
  list,
  shown,
  dimmed,
  empty,
  columns,
  children,
}: {
  list: PagedQuery;
  shown: number;
  dimmed: boolean;
  empty: ReactNode;
  /** The header cells. */
  columns: ReactNode;
  /** The rows. */
  children: ReactNode;
}) {
  return (
    <>
      {list.isError && shown === 0 ? (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? null : shown === 0 ? (
        empty
      ) : (
        <div className={dimmed ? "opacity-60 transition-opacity" : undefined}>
          <Table containerClassName="rounded-lg border">
            <TableHeader>
              <TableRow>{columns}</TableRow>
            </TableHeader>
            <TableBody>{children}</TableBody>
          </Table>
        </div>
      )}
      <PagedListFooter list={list} shown={shown} />
    </>
  );
}

/** Under a paged list of `shown` items: why a later page failed, and "Load more" while there are more pages. */
export function PagedListFooter({ list, shown }: { list: PagedQuery; shown: number }) {
  return (
    <>
      {list.isError && shown > 0 ? (
        <Alert variant="destructive">
          <AlertDescription>{describeError(list.error)}</AlertDescription>
        </Alert>
      ) : null}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </>
  );
}
