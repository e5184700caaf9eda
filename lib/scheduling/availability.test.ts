import { describe, expect, it } from "vitest";
import {
  candidateStarts,
  coverageMask,
  coversMeeting,
  meetingSlack,
  meetingsOverlap,
  normalizeIntervals,
  WEEK_MINUTES,
} from "./availability";
import { localBlockToUtc } from "./synthetic";

describe("normalizeIntervals", () => {
  it("sorts, merges overlapping and touching intervals and drops empty ones", () => {
    expect(
      normalizeIntervals([
        [300, 400],
        [0, 60],
        [60, 90],
        [350, 500],
        [700, 700],
      ]),
    ).toEqual([
      [0, 90],
      [300, 500],
    ]);
  });
});

describe("candidateStarts", () => {
  it("lists every multiple of the increment inside the week", () => {
    expect(candidateStarts(30)).toHaveLength(336);
    expect(candidateStarts(60).at(-1)).toBe(WEEK_MINUTES - 60);
    // 10,080 is not a multiple of 47: the last start is the last multiple below the week's end.
    expect(candidateStarts(47).at(-1)).toBe(47 * Math.floor((WEEK_MINUTES - 1) / 47));
  });
});

describe("coversMeeting", () => {
  it("needs the whole meeting inside the availability (half-open intervals)", () => {
    const a = [[600, 720]] as const;
    expect(coversMeeting(a, 600, 60)).toBe(true);
    expect(coversMeeting(a, 660, 60)).toBe(true);
    expect(coversMeeting(a, 661, 60)).toBe(false);
    expect(coversMeeting(a, 590, 60)).toBe(false);
  });

  it("joins adjacent intervals into one block", () => {
    expect(
      coversMeeting(
        [
          [600, 630],
          [630, 660],
        ],
        600,
        60,
      ),
    ).toBe(true);
    expect(
      coversMeeting(
        [
          [600, 629],
          [630, 660],
        ],
        600,
        60,
      ),
    ).toBe(false);
  });

  it("treats a block split at the week boundary as one block", () => {
    const split = [
      [10_050, WEEK_MINUTES],
      [0, 60],
    ] as const;
    expect(coversMeeting(split, 10_050, 60)).toBe(true);
    expect(coversMeeting(split, 10_050, 90)).toBe(true);
    expect(coversMeeting(split, 10_050, 91)).toBe(false);
    expect(coversMeeting(split, 0, 60)).toBe(true);
    expect(coversMeeting([[10_050, WEEK_MINUTES]], 10_050, 60)).toBe(false);
  });

  it("accepts any start when the whole week is available", () => {
    expect(coversMeeting([[0, WEEK_MINUTES]], 10_070, 120)).toBe(true);
    expect(coversMeeting([], 0, 60)).toBe(false);
  });
});

describe("coverageMask", () => {
  it("respects the start granularity", () => {
    const starts = candidateStarts(30);
    const mask = coverageMask([[610, 760]], starts, 60);
    const ok = starts.filter((_, i) => mask[i]);
    // 610 is not on the grid: the first start is 630, the last one 690 (ends at 750 <= 760).
    expect(ok).toEqual([630, 660, 690]);
    const hourly = candidateStarts(60);
    const hourlyMask = coverageMask([[610, 760]], hourly, 60);
    expect(hourly.filter((_, i) => hourlyMask[i])).toEqual([660]);
  });

  it("finds starts late on Sunday that wrap into Monday", () => {
    const starts = candidateStarts(30);
    const mask = coverageMask(
      [
        [0, 30],
        [10_020, WEEK_MINUTES],
      ],
      starts,
      60,
    );
    expect(starts.filter((_, i) => mask[i])).toEqual([10_020, 10_050]);
  });
});

describe("meetingsOverlap", () => {
  it("compares meetings on the circular week", () => {
    expect(meetingsOverlap(600, 630, 60)).toBe(true);
    expect(meetingsOverlap(600, 660, 60)).toBe(false);
    expect(meetingsOverlap(660, 600, 60)).toBe(false);
    expect(meetingsOverlap(10_050, 0, 60)).toBe(true);
    expect(meetingsOverlap(10_020, 0, 60)).toBe(false);
    expect(meetingsOverlap(500, 500, 1)).toBe(true);
  });
});

describe("meetingSlack", () => {
  it("is the smaller margin around the meeting inside its block", () => {
    expect(meetingSlack([[600, 840]], 660, 60)).toBe(60);
    expect(meetingSlack([[600, 840]], 600, 60)).toBe(0);
    expect(meetingSlack([[600, 840]], 900, 60)).toBe(-1);
  });
});

describe("localBlockToUtc", () => {
  it("converts local time to UTC and splits blocks that cross the week boundary", () => {
    // Monday 08:00 at UTC+9 is Sunday 23:00 UTC.
    expect(localBlockToUtc(0, 8 * 60, 120, 9)).toEqual([
      [WEEK_MINUTES - 60, WEEK_MINUTES],
      [0, 60],
    ]);
    // Tuesday 20:00 at UTC-5 is Wednesday 01:00 UTC.
    expect(localBlockToUtc(1, 20 * 60, 60, -5)).toEqual([[2 * 1440 + 60, 2 * 1440 + 120]]);
  });
});
