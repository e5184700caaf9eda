import { CELL_MINUTES, CELLS_PER_DAY, CELLS_PER_WEEK } from "./cohort-calendar";

/**
 * The availability grid people paint in the enrolment wizard, as pure data:
 * 30-minute cells of their LOCAL week (Monday 00:00 = cell 0 ... Sunday
 * 23:30 = cell 335, the cells cohort-calendar.ts converts to the cohort's
 * reference week). A cell is off, available (regular) or "if needed".
 *
 * Painting follows the way people use such grids (When2meet, Doodle): a drag
 * or a Shift-extended keyboard selection covers the rectangle between the cell
 * where it started (the anchor) and the current one, days x times, and is
 * recomputed from the grid as it was when the gesture began, so shrinking the
 * rectangle gives cells back. Starting on a cell that already has the chosen
 * state erases instead, so the same gesture undoes a mistake.
 *
 * The grid component and its tests use only this file for these rules.
 */

export { CELL_MINUTES, CELLS_PER_DAY, CELLS_PER_WEEK };
export const DAYS_PER_WEEK = 7;

export type CellState = "off" | "available" | "if_needed";
export type PaintMode = "available" | "if_needed" | "erase";

export const paintModes: readonly PaintMode[] = ["available", "if_needed", "erase"];
export const paintModeLabels: Record<PaintMode, string> = { available: "Available", if_needed: "If needed", erase: "Erase" };
export const cellStateLabels: Record<CellState, string> = { off: "not available", available: "available", if_needed: "if needed" };

/** Sorted, duplicate-free cells of each state; a cell is never in both. */
export interface GridCells {
  regularCells: readonly number[];
  ifNeededCells: readonly number[];
}

export const emptyGrid: GridCells = { regularCells: [], ifNeededCells: [] };

export const dayShortNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const dayLongNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Rows the grid shows unless the person asks for the early hours: 06:00 to midnight. */
export const defaultFirstRow = 12;
export const lastRow = CELLS_PER_DAY - 1;

export function isCell(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < CELLS_PER_WEEK;
}

/** 0 = Monday ... 6 = Sunday. */
export function dayOf(cell: number): number {
  return Math.floor(cell / CELLS_PER_DAY);
}

/** Half hour of the day: 0 = 00:00-00:30 ... 47 = 23:30-24:00. */
export function rowOf(cell: number): number {
  return cell % CELLS_PER_DAY;
}

export function cellAt(day: number, row: number): number {
  return day * CELLS_PER_DAY + row;
}

/** "06:00" for row 12; "24:00" for row 48 (the end of the last cell). */
export function rowTime(row: number): string {
  const minutes = row * CELL_MINUTES;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "Tue 18:30–19:00". */
export function cellLabel(cell: number): string {
  const row = rowOf(cell);
  return `${dayShortNames[dayOf(cell)]} ${rowTime(row)}–${rowTime(row + 1)}`;
}

export function stateOf(grid: GridCells, cell: number): CellState {
  if (grid.regularCells.includes(cell)) return "available";
  if (grid.ifNeededCells.includes(cell)) return "if_needed";
  return "off";
}

/** What a screen reader hears on a cell: "Tue 18:30–19:00, available". */
export function cellAccessibleLabel(grid: GridCells, cell: number): string {
  return `${cellLabel(cell)}, ${cellStateLabels[stateOf(grid, cell)]}`;
}

/** Every cell of the rectangle spanned by two cells (days x half hours), in week order. A single day gives a line. */
export function cellsBetween(anchor: number, current: number): number[] {
  const [d0, d1] = [dayOf(anchor), dayOf(current)].sort((a, b) => a - b) as [number, number];
  const [r0, r1] = [rowOf(anchor), rowOf(current)].sort((a, b) => a - b) as [number, number];
  const out: number[] = [];
  for (let d = d0; d <= d1; d++) for (let r = r0; r <= r1; r++) out.push(cellAt(d, r));
  return out;
}

function sorted(cells: Iterable<number>): number[] {
  return [...new Set(cells)].filter(isCell).sort((a, b) => a - b);
}

/** The grid with `cells` set to the state `mode` gives them. */
export function paint(grid: GridCells, cells: Iterable<number>, mode: PaintMode): GridCells {
  const touched = new Set([...cells].filter(isCell));
  if (touched.size === 0) return grid;
  const regular = grid.regularCells.filter((c) => !touched.has(c));
  const ifNeeded = grid.ifNeededCells.filter((c) => !touched.has(c));
  if (mode === "available") regular.push(...touched);
  if (mode === "if_needed") ifNeeded.push(...touched);
  return { regularCells: sorted(regular), ifNeededCells: sorted(ifNeeded) };
}

/** The state a paint mode gives a cell. */
export function stateFor(mode: PaintMode): CellState {
  return mode === "erase" ? "off" : mode;
}

/**
 * What a gesture that starts on `cell` does with the chosen mode: toggling,
 * so starting on a cell that already has the mode's state erases.
 */
export function gestureMode(grid: GridCells, cell: number, mode: PaintMode): PaintMode {
  if (mode === "erase") return "erase";
  return stateOf(grid, cell) === stateFor(mode) ? "erase" : mode;
}

/** Space / Enter on one cell: gives it the mode's state, or takes it away if it has it already. */
export function toggleCell(grid: GridCells, cell: number, mode: PaintMode): GridCells {
  return paint(grid, [cell], gestureMode(grid, cell, mode));
}

/** A drag or Shift-selection from `anchor` to `current`, applied to the grid as it was when the gesture began. */
export function paintRange(base: GridCells, anchor: number, current: number, mode: PaintMode): GridCells {
  return paint(base, cellsBetween(anchor, current), mode);
}

export interface FocusBounds {
  /** First row shown (0, or defaultFirstRow while the early hours are hidden). */
  firstRow: number;
  /** Last row shown (normally lastRow). */
  lastRow: number;
}

export const fullDay: FocusBounds = { firstRow: 0, lastRow };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Keys that move the focus in the grid (the roving tabindex). */
export const focusKeys = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"] as const;
export type FocusKey = (typeof focusKeys)[number];

export function isFocusKey(key: string): key is FocusKey {
  return (focusKeys as readonly string[]).includes(key);
}

/**
 * Where the focus goes from `cell` on a key, within the rows shown. Up and
 * down move by half an hour, left and right by a day (stopping at the edges
 * of the week); Home and End go to the first and last time shown that day
 * (with Ctrl: the first and last cell of the week); PageUp and PageDown move
 * a day back or forward keeping the time, wrapping round the week, which is
 * how the one-day phone view turns its pages.
 */
export function moveFocus(cell: number, key: FocusKey, bounds: FocusBounds = fullDay, options: { ctrl?: boolean } = {}): number {
  const day = dayOf(cell);
  const row = clamp(rowOf(cell), bounds.firstRow, bounds.lastRow);
  switch (key) {
    case "ArrowUp":
      return cellAt(day, clamp(row - 1, bounds.firstRow, bounds.lastRow));
    case "ArrowDown":
      return cellAt(day, clamp(row + 1, bounds.firstRow, bounds.lastRow));
    case "ArrowLeft":
      return cellAt(clamp(day - 1, 0, DAYS_PER_WEEK - 1), row);
    case "ArrowRight":
      return cellAt(clamp(day + 1, 0, DAYS_PER_WEEK - 1), row);
    case "Home":
      return cellAt(options.ctrl ? 0 : day, bounds.firstRow);
    case "End":
      return cellAt(options.ctrl ? DAYS_PER_WEEK - 1 : day, bounds.lastRow);
    case "PageUp":
      return cellAt((day + DAYS_PER_WEEK - 1) % DAYS_PER_WEEK, row);
    case "PageDown":
      return cellAt((day + 1) % DAYS_PER_WEEK, row);
  }
}

/** "6 h", "2.5 h", "30 min". */
export function formatHours(cells: number): string {
  if (cells === 1) return "30 min";
  const hours = cells / 2;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

/** "6 h available, 2 h if needed"; "Nothing chosen yet" for an empty grid. */
export function summarize(grid: GridCells): string {
  const parts: string[] = [];
  if (grid.regularCells.length > 0) parts.push(`${formatHours(grid.regularCells.length)} available`);
  if (grid.ifNeededCells.length > 0) parts.push(`${formatHours(grid.ifNeededCells.length)} if needed`);
  return parts.length > 0 ? parts.join(", ") : "Nothing chosen yet";
}

/** Painted cells (either state) in rows [fromRow, toRow] of any day: what the grid hides while the early hours are folded away. */
export function countInRows(grid: GridCells, fromRow: number, toRow: number): number {
  const inRows = (c: number) => rowOf(c) >= fromRow && rowOf(c) <= toRow;
  return grid.regularCells.filter(inRows).length + grid.ifNeededCells.filter(inRows).length;
}

/**
 * Painted blocks per day, for the review step: "Tue 18:00–21:00 (if needed
 * 20:00–21:00)" reads better than 6 cells. Consecutive cells of one state
 * make one block; a block never crosses midnight (it ends at 24:00).
 */
export interface DayBlocks {
  day: number;
  blocks: { state: Exclude<CellState, "off">; fromRow: number; toRow: number; label: string }[];
}

export function blocksByDay(grid: GridCells): DayBlocks[] {
  const out: DayBlocks[] = [];
  for (let day = 0; day < DAYS_PER_WEEK; day++) {
    const blocks: DayBlocks["blocks"] = [];
    let open: { state: Exclude<CellState, "off">; fromRow: number } | null = null;
    for (let row = 0; row <= CELLS_PER_DAY; row++) {
      const state = row < CELLS_PER_DAY ? stateOf(grid, cellAt(day, row)) : "off";
      if (open && state !== open.state) {
        blocks.push({ ...open, toRow: row, label: `${rowTime(open.fromRow)}–${rowTime(row)}` });
        open = null;
      }
      if (!open && state !== "off") open = { state, fromRow: row };
    }
    if (blocks.length > 0) out.push({ day, blocks });
  }
  return out;
}
