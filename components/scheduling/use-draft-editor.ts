"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState } from "react";
import { describeError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { analyseDraft, applyMove, setGroupStart, type DraftAnalysis, type DraftMove } from "@/lib/scheduling/draft";
import type { DraftGroupData } from "@/lib/schemas/scheduling";
import type { SchedulingWorkspaceDTO, WorkspaceDraft } from "@/server/services/scheduling/workspace";
import { localMeeting } from "./schedule-format";

export type SaveState = { kind: "saved" } | { kind: "saving" } | { kind: "error"; message: string; conflict: boolean };

/**
 * The draft on the page: every edit changes it here at once (and is checked
 * at once with lib/scheduling/draft.ts), then is saved in the background, one
 * save at a time, each from the version the last one returned. A save that
 * fails leaves the edit on screen and says why; a conflict (someone else
 * saved) asks for a reload.
 */
export function useDraftEditor(workspace: SchedulingWorkspaceDTO, draft: WorkspaceDraft) {
  const trpc = useTRPC();
  const [groups, setGroups] = useState<DraftGroupData[]>(draft.groups);
  const [version, setVersion] = useState(draft.version);
  const [save, setSave] = useState<SaveState>({ kind: "saved" });
  const [announcement, setAnnouncement] = useState("");
  const latest = useRef(groups);
  const versionRef = useRef(draft.version);
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const mutation = useMutation(trpc.scheduling.saveDraft.mutationOptions());

  const view = useMemo(() => ({ calendar: workspace.calendar, timeZone: workspace.viewerTimeZone }), [workspace.calendar, workspace.viewerTimeZone]);
  const input = useMemo(() => ({ people: workspace.people, params: draft.params, view }), [workspace.people, draft.params, view]);
  const analysis: DraftAnalysis = useMemo(() => analyseDraft({ ...input, groups }), [input, groups]);

  const flush = useCallback(async () => {
    inFlight.current = true;
    dirty.current = false;
    setSave({ kind: "saving" });
    try {
      const saved = await mutation.mutateAsync({ runId: draft.runId, groups: latest.current, baseVersion: versionRef.current });
      versionRef.current = saved.version;
      setVersion(saved.version);
      setSave({ kind: "saved" });
    } catch (error) {
      dirty.current = false;
      const conflict = typeof error === "object" && error !== null && "data" in error && (error as { data?: { code?: string } }).data?.code === "CONFLICT";
      setSave({ kind: "error", message: describeError(error), conflict });
    } finally {
      inFlight.current = false;
      if (dirty.current) void flush();
    }
  }, [draft.runId, mutation]);

  const commit = useCallback(
    (next: DraftGroupData[], message: string) => {
      latest.current = next;
      setGroups(next);
      setAnnouncement(message);
      dirty.current = true;
      if (!inFlight.current) void flush();
    },
    [flush],
  );

  const nameOf = useCallback((id: string) => workspace.people.find((p) => p.id === id)?.name ?? "Someone", [workspace.people]);
  const groupName = useCallback((key: string | null) => (key ? (latest.current.find((g) => g.key === key)?.name ?? "a group") : "Not in a group"), []);

  const move = useCallback(
    (m: DraftMove) => {
      if (m.from === m.to) return;
      const next = applyMove(latest.current, m);
      const after = analyseDraft({ ...input, groups: next });
      const touched = after.problems.filter((p) => p.personId === m.personId || (p.groupKey !== null && (p.groupKey === m.to || p.groupKey === m.from)));
      const where = m.to ? `to ${groupName(m.to)}` : "out of the groups";
      commit(next, `Moved ${nameOf(m.personId)} ${where}.${touched.length ? ` Now: ${touched.map((p) => p.message).join("; ")}.` : ""}`);
    },
    [commit, groupName, input, nameOf],
  );

  const setStart = useCallback(
    (key: string, start: number) => {
      const next = setGroupStart(latest.current, key, start);
      commit(next, `${groupName(key)} now meets ${localMeeting(workspace.calendar, start, draft.params.meetingMinutes, workspace.viewerTimeZone).long}.`);
    },
    [commit, draft.params.meetingMinutes, groupName, workspace.calendar, workspace.viewerTimeZone],
  );

  const rename = useCallback(
    (key: string, name: string) => {
      const trimmed = name.trim();
      const current = latest.current.find((g) => g.key === key);
      if (!current || !trimmed || trimmed === current.name) return;
      commit(
        latest.current.map((g) => (g.key === key ? { ...g, name: trimmed } : g)),
        `Renamed ${current.name} to ${trimmed}.`,
      );
    },
    [commit],
  );

  const removeEmpty = useCallback(
    (key: string) => {
      const current = latest.current.find((g) => g.key === key);
      if (!current || current.memberIds.length > 0) return;
      commit(
        latest.current.filter((g) => g.key !== key),
        `Removed the empty group ${current.name}.`,
      );
    },
    [commit],
  );

  return { groups, version, save, analysis, input, announcement, move, setStart, rename, removeEmpty };
}

export type DraftEditor = ReturnType<typeof useDraftEditor>;
