"use client";

import { SearchIcon } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { cn } from "@/lib/utils";

/**
 * The search box and filter selects above a paged list, and the debounce
 * between what is typed and what is asked for.
 */

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Typed text not yet sent, or the list still showing the previous query's rows while the new ones load. */
export function isSearching(search: string, query: string, list: { isFetching: boolean; isFetchingNextPage: boolean; isPlaceholderData: boolean }): boolean {
  return search.trim() !== query || (list.isFetching && !list.isFetchingNextPage && list.isPlaceholderData);
}

/** A labelled search box with a magnifier; `className` styles the wrapper (label above the box). */
export function SearchField({
  label = "Search",
  value,
  onChange,
  placeholder,
  className = "grid flex-1 gap-2",
}: {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        <SearchIcon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} autoComplete="off" maxLength={200} className="pl-9" />
      </div>
    </div>
  );
}

/** A labelled select of fixed choices above a list ("All roles", "Drafts"). */
export function FilterSelect<T extends string>({
  label,
  className = "sm:w-48",
  ...select
}: {
  label: string;
  value: T;
  onValueChange: (value: T) => void;
  choices: readonly T[];
  labelOf: (choice: T) => string;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      <ChoiceSelect id={id} {...select} />
    </div>
  );
}
