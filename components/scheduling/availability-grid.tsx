"use client";

import { EraserIcon } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from "react";
import {
  cellAccessibleLabel,
  cellAt,
  countInRows,
  dayLongNames,
  dayOf,
  dayShortNames,
  DAYS_PER_WEEK,
  defaultFirstRow,
  formatHours,
  gestureMode,
  isFocusKey,
  lastRow,
  moveFocus,
  paintModeLabels,
  paintModes,
  paintRange,
  rowOf,
  rowTime,
  summarize,
  toggleCell,
  type CellState,
  type GridCells,
  type PaintMode,
} from "@/lib/scheduling/local-grid";
import { cn } from "@/lib/utils";

/**
 * The weekly availability grid: 7 day columns x 48 half hours of the
 * person's local week, painted with the pointer (mouse, pen or a finger) or
 * the keyboard. The painting rules live in lib/scheduling/local-grid.ts;
 * this component only turns gestures into calls to them.
 *
 * - Pointer: a drag paints the rectangle between where it started and where
 *   the pointer is. The grid captures the pointer and finds the cell under
 *   it with elementFromPoint, because a touch keeps sending its events to the
 *   cell it started on. Only the cells have `touch-action: none`, so a
 *   finger on the times column (or anywhere outside the cells) still scrolls
 *   the page; a drag held near the window's edge scrolls it too.
 * - Keyboard: one cell is in the tab order (roving tabindex); arrows move,
 *   Space or Enter toggles the cell with the current mode, Shift + arrows
 *   paints the rectangle from where Shift started.
 * - Screen readers: role="grid" with a row per half hour, each cell named
 *   with its time and state ("Tue 18:30–19:00, if needed"), and a live
 *   summary announced when a gesture ends.
 */

/** Diagonal stripes, so "if needed" differs from "available" by more than its colour. */
export const ifNeededPattern: CSSProperties = {
  backgroundImage: "repeating-linear-gradient(135deg, oklch(0.8 0.15 75) 0 3px, oklch(0.94 0.07 85) 3px 7px)",
};

const stateClasses: Record<CellState, string> = {
  off: "bg-background",
  available: "bg-primary",
  if_needed: "",
};

function Swatch({ state, className }: { state: CellState; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn("inline-block size-4 shrink-0 rounded-sm border", state === "available" && "border-primary bg-primary", state === "off" && "bg-background", state === "if_needed" && "border-amber-500", className)}
      style={state === "if_needed" ? ifNeededPattern : undefined}
    />
  );
}

export function AvailabilityLegend({ className }: { className?: string }) {
  const entries: [CellState, string][] = [
    ["available", "Available"],
    ["if_needed", "If needed"],
    ["off", "Not available"],
  ];
  return (
    <ul aria-label="Legend" className={cn("flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted-foreground", className)}>
      {entries.map(([state, label]) => (
        <li key={state} className="flex items-center gap-1.5">
          <Swatch state={state} />
          {label}
        </li>
      ))}
    </ul>
  );
}

const modeHints: Record<PaintMode, string> = {
  available: "Mark the times you can meet every week.",
  if_needed: "Mark times you could make if there is no other way.",
  erase: "Clear times you marked by mistake.",
};

/** "Available" / "If needed" / "Erase": a radio group of buttons (arrow keys move between them). */
function ModeSwitch({ mode, onChange }: { mode: PaintMode; onChange: (mode: PaintMode) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === "ArrowRight" || event.key === "ArrowDown" ? 1 : event.key === "ArrowLeft" || event.key === "ArrowUp" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = (paintModes.indexOf(mode) + step + paintModes.length) % paintModes.length;
    const next = paintModes[index];
    if (!next) return;
    onChange(next);
    refs.current[index]?.focus();
  }
  return (
    <div role="radiogroup" aria-label="Paint mode" onKeyDown={onKeyDown} className="inline-flex rounded-lg border bg-muted/50 p-1">
      {paintModes.map((m, i) => (
        <button
          key={m}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={mode === m}
          tabIndex={mode === m ? 0 : -1}
          onClick={() => onChange(m)}
          className={cn(
            "inline-flex min-h-10 items-center gap-2 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors",
            "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
            mode === m ? "bg-background text-foreground shadow-sm ring-1 ring-border" : "hover:text-foreground",
          )}
        >
          {m === "erase" ? <EraserIcon aria-hidden="true" className="size-4" /> : <Swatch state={m} />}
          {paintModeLabels[m]}
        </button>
      ))}
    </div>
  );
}

export interface AvailabilityGridProps {
  value: GridCells;
  /** Absent or with readOnly: the grid only shows the week. */
  onChange?: (next: GridCells) => void;
  readOnly?: boolean;
  /** The zone the week is shown in (the person's). */
  timeZone: string;
  /** Accessible name of the grid, e.g. "Your week". */
  label: string;
  className?: string;
}

interface Drag {
  pointerId: number;
  anchor: number;
  base: GridCells;
  mode: PaintMode;
  last: number;
  /** Where the pointer is, for painting while the page scrolls under it. */
  x: number;
  y: number;
}

/** How close to the top (below the sticky day headers) or bottom of the window a drag scrolls the page. */
const scrollEdge = 48;

function initialFocus(value: GridCells, firstRow: number): number {
  const painted = [...value.regularCells, ...value.ifNeededCells].filter((c) => rowOf(c) >= firstRow).sort((a, b) => a - b)[0];
  // Otherwise Monday 09:00, where most people start.
  return painted ?? cellAt(0, 18);
}

function cellOf(target: EventTarget | null): number | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest<HTMLElement>("[data-cell]");
  if (!el?.dataset.cell) return null;
  const cell = Number(el.dataset.cell);
  return Number.isInteger(cell) ? cell : null;
}

export function AvailabilityGrid({ value, onChange, readOnly = false, timeZone, label, className }: AvailabilityGridProps) {
  const editable = !readOnly && onChange !== undefined;
  const id = useId();
  const [mode, setMode] = useState<PaintMode>("available");
  const [showEarly, setShowEarly] = useState(() => countInRows(value, 0, defaultFirstRow - 1) > 0);
  const firstRow = showEarly ? 0 : defaultFirstRow;
  const bounds = useMemo(() => ({ firstRow, lastRow }), [firstRow]);
  const [focusCell, setFocusCell] = useState(() => initialFocus(value, firstRow));
  const visibleFocus = rowOf(focusCell) < firstRow ? cellAt(dayOf(focusCell), firstRow) : focusCell;
  const bodyRef = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const keyboardAnchor = useRef<{ anchor: number; base: GridCells } | null>(null);
  const moveDomFocus = useRef(false);
  const [dragging, setDragging] = useState(false);

  const regular = useMemo(() => new Set(value.regularCells), [value.regularCells]);
  const ifNeeded = useMemo(() => new Set(value.ifNeededCells), [value.ifNeededCells]);
  const stateAt = (cell: number): CellState => (regular.has(cell) ? "available" : ifNeeded.has(cell) ? "if_needed" : "off");

  // The summary is announced when a gesture ends, not at every cell a drag crosses.
  const summary = summarize(value);
  const [frozenSummary, setFrozenSummary] = useState(summary);
  const liveSummary = dragging ? frozenSummary : summary;
  const hiddenEarly = showEarly ? 0 : countInRows(value, 0, defaultFirstRow - 1);

  useEffect(() => {
    if (!moveDomFocus.current) return;
    moveDomFocus.current = false;
    bodyRef.current?.querySelector<HTMLElement>(`[data-cell="${visibleFocus}"]`)?.focus();
  }, [visibleFocus]);

  function cellFromPoint(x: number, y: number): number | null {
    const cell = cellOf(document.elementFromPoint(x, y));
    if (cell === null) return null;
    // A cell hidden with the early hours cannot be under the pointer; one outside this grid must not count.
    return bodyRef.current?.querySelector(`[data-cell="${cell}"]`) ? cell : null;
  }

  const headerRef = useRef<HTMLDivElement>(null);
  const scrollFrame = useRef<number | null>(null);

  function endDrag() {
    if (scrollFrame.current !== null) cancelAnimationFrame(scrollFrame.current);
    scrollFrame.current = null;
    if (!drag.current) return;
    drag.current = null;
    setDragging(false);
  }

  useEffect(() => () => {
    if (scrollFrame.current !== null) cancelAnimationFrame(scrollFrame.current);
  }, []);

  function paintAt(d: Drag) {
    if (!onChange) return;
    // A pointer past the window's edge still paints the nearest row on screen.
    const y = Math.max(0, Math.min(window.innerHeight - 2, d.y));
    const cell = cellFromPoint(d.x, y);
    if (cell === null || cell === d.last) return;
    d.last = cell;
    setFocusCell(cell);
    onChange(paintRange(d.base, d.anchor, cell, d.mode));
  }

  /**
   * A week is taller than a phone: holding the pointer near the bottom of the
   * window (or just under the day headers) scrolls the page, and the drag
   * keeps painting the cells that pass under it.
   */
  function autoScroll() {
    scrollFrame.current = null;
    const d = drag.current;
    if (!d) return;
    const top = (headerRef.current?.getBoundingClientRect().bottom ?? 0) + scrollEdge;
    const bottom = window.innerHeight - scrollEdge;
    const speed = d.y > bottom ? Math.min(18, 4 + (d.y - bottom) / 3) : d.y < top ? -Math.min(18, 4 + (top - d.y) / 3) : 0;
    if (speed === 0) return;
    window.scrollBy(0, speed);
    paintAt(d);
    scrollFrame.current = requestAnimationFrame(autoScroll);
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (!editable || !onChange) return;
    if (event.pointerType === "mouse" && event.button !== 0) return;
    const cell = cellOf(event.target);
    if (cell === null) return;
    // No text selection, no compatibility mouse events; the focus is moved by hand below.
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const gesture = gestureMode(value, cell, mode);
    drag.current = { pointerId: event.pointerId, anchor: cell, base: value, mode: gesture, last: cell, x: event.clientX, y: event.clientY };
    keyboardAnchor.current = null;
    setFrozenSummary(summary);
    setDragging(true);
    setFocusCell(cell);
    bodyRef.current?.querySelector<HTMLElement>(`[data-cell="${cell}"]`)?.focus({ preventScroll: true });
    onChange(paintRange(value, cell, cell, gesture));
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    d.x = event.clientX;
    d.y = event.clientY;
    paintAt(d);
    scrollFrame.current ??= requestAnimationFrame(autoScroll);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const cell = cellOf(event.target);
    if (cell === null) return;
    if (event.key === "Escape" && drag.current && onChange) {
      // Escape during a drag puts the grid back as it was.
      onChange(drag.current.base);
      endDrag();
      return;
    }
    if (isFocusKey(event.key)) {
      event.preventDefault();
      const next = moveFocus(cell, event.key, bounds, { ctrl: event.ctrlKey || event.metaKey });
      if (event.shiftKey && editable && onChange) {
        const k = keyboardAnchor.current ?? { anchor: cell, base: value };
        keyboardAnchor.current = k;
        onChange(paintRange(k.base, k.anchor, next, mode));
      } else {
        keyboardAnchor.current = null;
      }
      moveDomFocus.current = true;
      setFocusCell(next);
      return;
    }
    if ((event.key === " " || event.key === "Enter") && editable && onChange) {
      event.preventDefault();
      keyboardAnchor.current = null;
      onChange(toggleCell(value, cell, mode));
    }
  }

  const rows = Array.from({ length: lastRow - firstRow + 1 }, (_, i) => firstRow + i);
  const columns = "grid grid-cols-[2.4rem_repeat(7,minmax(0,1fr))] sm:grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]";

  return (
    <div className={cn("space-y-3", className)} data-testid="availability-grid">
      {editable ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <ModeSwitch mode={mode} onChange={setMode} />
          <p className="text-sm text-muted-foreground">{modeHints[mode]}</p>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <AvailabilityLegend />
        <label className="flex min-h-10 items-center gap-2 text-sm">
          <input type="checkbox" checked={showEarly} onChange={(e) => setShowEarly(e.target.checked)} className="size-4 accent-primary" />
          Show early hours (00:00–06:00)
        </label>
      </div>
      {hiddenEarly > 0 ? (
        <p className="text-sm text-muted-foreground">
          {formatHours(hiddenEarly)} marked before 06:00 {hiddenEarly === 2 || hiddenEarly === 1 ? "is" : "are"} hidden. Tick “Show early hours” to see {hiddenEarly === 1 ? "it" : "them"}.
        </p>
      ) : null}
      {editable ? (
        <p id={`${id}-help`} className="text-sm text-muted-foreground">
          Drag across the grid to paint; start on a marked time to clear instead. Keyboard: arrows move, Space or Enter marks a time, Shift + arrows marks a range.
          <span className="pointer-coarse:inline hidden"> To scroll on a touch screen, swipe on the times at the left.</span>
        </p>
      ) : null}

      <div
        role="grid"
        aria-label={`${label}, times in ${timeZone.replaceAll("_", " ")}`}
        aria-describedby={editable ? `${id}-help` : undefined}
        aria-readonly={editable ? undefined : true}
        aria-multiselectable={editable ? true : undefined}
        aria-rowcount={rows.length + 1}
        aria-colcount={DAYS_PER_WEEK + 1}
        className="rounded-lg border bg-card text-sm"
      >
        <div ref={headerRef} role="row" aria-rowindex={1} className={cn(columns, "sticky top-14 z-10 rounded-t-lg border-b bg-card/95 backdrop-blur")}>
          <div role="columnheader" className="flex items-end justify-end px-1 py-2 text-[0.65rem] text-muted-foreground">
            <span className="truncate">{timeZone.split("/").pop()?.replaceAll("_", " ")}</span>
          </div>
          {dayShortNames.map((day, d) => (
            <div key={day} role="columnheader" className="py-2 text-center text-xs font-medium sm:text-sm">
              <abbr title={dayLongNames[d]} className="no-underline">
                {day}
              </abbr>
            </div>
          ))}
        </div>
        <div ref={bodyRef} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={endDrag} onPointerCancel={endDrag} onLostPointerCapture={endDrag} onKeyDown={onKeyDown} className="select-none">
          {rows.map((r, i) => (
            <div key={r} role="row" aria-rowindex={i + 2} className={columns}>
              <div role="rowheader" className="relative pr-1.5 text-right text-[0.7rem] leading-none text-muted-foreground tabular-nums sm:text-xs">
                {r % 2 === 0 ? <span className={cn("relative", r !== firstRow && "-top-1.5")}>{rowTime(r)}</span> : <span className="sr-only">{rowTime(r)}</span>}
              </div>
              {Array.from({ length: DAYS_PER_WEEK }, (_, d) => {
                const cell = cellAt(d, r);
                const state = stateAt(cell);
                return (
                  <div
                    key={d}
                    role="gridcell"
                    data-cell={cell}
                    data-state={state}
                    tabIndex={cell === visibleFocus ? 0 : -1}
                    aria-selected={editable ? state !== "off" : undefined}
                    aria-label={cellAccessibleLabel(value, cell)}
                    style={state === "if_needed" ? ifNeededPattern : undefined}
                    className={cn(
                      "h-7 touch-none scroll-mt-28 scroll-mb-4 border-t border-l",
                      r % 2 === 1 ? "border-t-border/40" : "border-t-border",
                      stateClasses[state],
                      editable ? "cursor-pointer" : "cursor-default",
                      editable && state === "off" && "hover:bg-primary/10",
                      "focus-visible:relative focus-visible:z-[1] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
                      state === "available" && "focus-visible:outline-foreground",
                    )}
                  />
                );
              })}
            </div>
          ))}
        </div>
      </div>
      <p aria-live="polite" className="text-sm font-medium" data-testid="availability-summary">
        {liveSummary}
      </p>
    </div>
  );
}
