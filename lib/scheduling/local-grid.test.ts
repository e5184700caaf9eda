import { describe, expect, it } from "vitest";
import {
  blocksByDay,
  cellAccessibleLabel,
  cellAt,
  cellLabel,
  cellsBetween,
  countInRows,
  defaultFirstRow,
  emptyGrid,
  formatHours,
  gestureMode,
  moveFocus,
  paint,
  paintRange,
  stateOf,
  summarize,
  toggleCell,
  type GridCells,
} from "./local-grid";

const TUE = 1;
const row = (hour: number, minute = 0) => hour * 2 + minute / 30;

describe("cells and labels", () => {
  it("numbers the local week from Monday 00:00 (0) to Sunday 23:30 (335)", () => {
    expect(cellAt(0, 0)).toBe(0);
    expect(cellAt(6, 47)).toBe(335);
    expect(cellLabel(0)).toBe("Mon 00:00–00:30");
    expect(cellLabel(cellAt(TUE, row(18, 30)))).toBe("Tue 18:30–19:00");
    expect(cellLabel(335)).toBe("Sun 23:30–24:00");
  });

  it("says the state of a cell in its accessible label", () => {
    const grid: GridCells = { regularCells: [cellAt(TUE, row(18))], ifNeededCells: [cellAt(TUE, row(19))] };
    expect(cellAccessibleLabel(grid, cellAt(TUE, row(18)))).toBe("Tue 18:00–18:30, available");
    expect(cellAccessibleLabel(grid, cellAt(TUE, row(19)))).toBe("Tue 19:00–19:30, if needed");
    expect(cellAccessibleLabel(grid, cellAt(TUE, row(20)))).toBe("Tue 20:00–20:30, not available");
  });
});

describe("painting", () => {
  it("covers the rectangle between anchor and current cell, whichever corner the drag starts from", () => {
    const a = cellAt(1, row(18));
    const b = cellAt(2, row(19));
    const expected = [cellAt(1, row(18)), cellAt(1, row(18, 30)), cellAt(1, row(19)), cellAt(2, row(18)), cellAt(2, row(18, 30)), cellAt(2, row(19))];
    expect(cellsBetween(a, b)).toEqual(expected);
    expect(cellsBetween(b, a)).toEqual(expected);
    // Top-right to bottom-left.
    expect(cellsBetween(cellAt(2, row(18)), cellAt(1, row(19)))).toEqual(expected);
    // One day: a line; one cell: itself.
    expect(cellsBetween(cellAt(4, row(9)), cellAt(4, row(8)))).toEqual([cellAt(4, row(8)), cellAt(4, row(8, 30)), cellAt(4, row(9))]);
    expect(cellsBetween(7, 7)).toEqual([7]);
  });

  it("moves cells between available and if needed, and never keeps one in both", () => {
    let grid = paint(emptyGrid, [10, 12, 11], "available");
    expect(grid).toEqual({ regularCells: [10, 11, 12], ifNeededCells: [] });
    grid = paint(grid, [12, 13], "if_needed");
    expect(grid).toEqual({ regularCells: [10, 11], ifNeededCells: [12, 13] });
    grid = paint(grid, [11, 12], "erase");
    expect(grid).toEqual({ regularCells: [10], ifNeededCells: [13] });
    expect(stateOf(grid, 10)).toBe("available");
    expect(stateOf(grid, 13)).toBe("if_needed");
    expect(stateOf(grid, 11)).toBe("off");
  });

  it("ignores cells outside the week and leaves the grid untouched", () => {
    const grid = paint(emptyGrid, [5], "available");
    expect(paint(grid, [-1, 336, 2.5], "erase")).toBe(grid);
    expect(paint(grid, [336, 4], "available")).toEqual({ regularCells: [4, 5], ifNeededCells: [] });
  });

  it("recomputes a drag from the grid it started on, so shrinking the rectangle gives cells back", () => {
    const base = paint(emptyGrid, [cellAt(0, row(9))], "if_needed");
    const anchor = cellAt(0, row(8));
    const wide = paintRange(base, anchor, cellAt(0, row(10)), "available");
    expect(wide.regularCells).toEqual([cellAt(0, row(8)), cellAt(0, row(8, 30)), cellAt(0, row(9)), cellAt(0, row(9, 30)), cellAt(0, row(10))]);
    expect(wide.ifNeededCells).toEqual([]);
    const narrow = paintRange(base, anchor, cellAt(0, row(8, 30)), "available");
    expect(narrow).toEqual({ regularCells: [cellAt(0, row(8)), cellAt(0, row(8, 30))], ifNeededCells: [cellAt(0, row(9))] });
  });

  it("erases when a gesture starts on a cell that already has the chosen state (toggle)", () => {
    const grid = paint(emptyGrid, [20], "available");
    expect(gestureMode(grid, 20, "available")).toBe("erase");
    expect(gestureMode(grid, 20, "if_needed")).toBe("if_needed");
    expect(gestureMode(grid, 21, "available")).toBe("available");
    expect(gestureMode(grid, 21, "erase")).toBe("erase");
    expect(toggleCell(grid, 20, "available")).toEqual(emptyGrid);
    expect(toggleCell(grid, 20, "if_needed")).toEqual({ regularCells: [], ifNeededCells: [20] });
    expect(toggleCell(toggleCell(emptyGrid, 30, "available"), 30, "available")).toEqual(emptyGrid);
  });
});

describe("keyboard focus", () => {
  const shown = { firstRow: defaultFirstRow, lastRow: 47 };

  it("moves by half an hour up and down, by a day left and right, and stops at the edges", () => {
    const c = cellAt(TUE, row(18));
    expect(moveFocus(c, "ArrowUp")).toBe(cellAt(TUE, row(17, 30)));
    expect(moveFocus(c, "ArrowDown")).toBe(cellAt(TUE, row(18, 30)));
    expect(moveFocus(c, "ArrowLeft")).toBe(cellAt(0, row(18)));
    expect(moveFocus(c, "ArrowRight")).toBe(cellAt(2, row(18)));
    expect(moveFocus(cellAt(0, row(9)), "ArrowLeft")).toBe(cellAt(0, row(9)));
    expect(moveFocus(cellAt(6, row(9)), "ArrowRight")).toBe(cellAt(6, row(9)));
    expect(moveFocus(cellAt(3, 47), "ArrowDown")).toBe(cellAt(3, 47));
    expect(moveFocus(cellAt(3, 0), "ArrowUp")).toBe(cellAt(3, 0));
  });

  it("keeps to the rows shown while the early hours are hidden", () => {
    expect(moveFocus(cellAt(2, defaultFirstRow), "ArrowUp", shown)).toBe(cellAt(2, defaultFirstRow));
    expect(moveFocus(cellAt(2, row(3)), "ArrowRight", shown)).toBe(cellAt(3, defaultFirstRow));
    expect(moveFocus(cellAt(2, row(20)), "Home", shown)).toBe(cellAt(2, row(6)));
    expect(moveFocus(cellAt(2, row(20)), "Home")).toBe(cellAt(2, 0));
  });

  it("goes to the first and last time of the day with Home and End, of the week with Ctrl", () => {
    expect(moveFocus(cellAt(4, row(12)), "End", shown)).toBe(cellAt(4, 47));
    expect(moveFocus(cellAt(4, row(12)), "Home", shown, { ctrl: true })).toBe(cellAt(0, defaultFirstRow));
    expect(moveFocus(cellAt(4, row(12)), "End", shown, { ctrl: true })).toBe(335);
  });

  it("turns a day back or forward with PageUp and PageDown, keeping the time and wrapping round the week", () => {
    expect(moveFocus(cellAt(TUE, row(18)), "PageDown")).toBe(cellAt(2, row(18)));
    expect(moveFocus(cellAt(TUE, row(18)), "PageUp")).toBe(cellAt(0, row(18)));
    expect(moveFocus(cellAt(6, row(18)), "PageDown")).toBe(cellAt(0, row(18)));
    expect(moveFocus(cellAt(0, row(18)), "PageUp")).toBe(cellAt(6, row(18)));
  });
});

describe("summaries", () => {
  it("counts hours of each state", () => {
    expect(summarize(emptyGrid)).toBe("Nothing chosen yet");
    const grid = paint(paint(emptyGrid, cellsBetween(cellAt(0, row(18)), cellAt(2, row(19, 30))), "available"), cellsBetween(cellAt(3, row(8)), cellAt(3, row(9, 30))), "if_needed");
    expect(summarize(grid)).toBe("6 h available, 2 h if needed");
    expect(summarize(paint(emptyGrid, [1, 2, 3], "if_needed"))).toBe("1.5 h if needed");
    expect(formatHours(1)).toBe("30 min");
    expect(formatHours(0)).toBe("0 h");
  });

  it("counts what the folded early hours hide", () => {
    const grid = paint(paint(emptyGrid, [cellAt(0, row(5)), cellAt(6, row(0))], "available"), [cellAt(1, row(5, 30))], "if_needed");
    expect(countInRows(paint(grid, [cellAt(1, row(7))], "available"), 0, defaultFirstRow - 1)).toBe(3);
  });

  it("lists painted blocks per day for the review, ending at midnight at the latest", () => {
    let grid = paint(emptyGrid, cellsBetween(cellAt(TUE, row(18)), cellAt(TUE, row(20, 30))), "available");
    grid = paint(grid, [cellAt(TUE, row(21))], "if_needed");
    grid = paint(grid, [cellAt(6, 47)], "available");
    expect(blocksByDay(grid)).toEqual([
      {
        day: TUE,
        blocks: [
          { state: "available", fromRow: row(18), toRow: row(21), label: "18:00–21:00" },
          { state: "if_needed", fromRow: row(21), toRow: row(21, 30), label: "21:00–21:30" },
        ],
      },
      { day: 6, blocks: [{ state: "available", fromRow: 47, toRow: 48, label: "23:30–24:00" }] },
    ]);
  });
});
