"use client";

import * as React from "react";
import {
  BoldIcon,
  HeadingIcon,
  ImageIcon,
  ItalicIcon,
  LinkIcon,
  MessageSquareWarningIcon,
  SquareCodeIcon,
  type LucideIcon,
} from "lucide-react";

import { Markdown } from "@/components/markdown/markdown";
import { cn } from "@/lib/utils";

// ---------------------------------------------------------------------------
// Toolbar edits (pure: text and selection in, replacement and selection out)

export type MarkdownAction = "bold" | "italic" | "heading" | "link" | "code" | "callout" | "image";

export interface MarkdownEdit {
  /** Replace value.slice(from, to) with `insert`... */
  from: number;
  to: number;
  insert: string;
  /** ...then select this range of the new value. */
  selectionStart: number;
  selectionEnd: number;
}

function wrapInline(value: string, start: number, end: number, marker: string, placeholder: string): MarkdownEdit {
  const selected = value.slice(start, end);
  const m = marker.length;
  // Pressing the button again undoes it.
  if (start >= m && value.slice(start - m, start) === marker && value.slice(end, end + m) === marker) {
    return { from: start - m, to: end + m, insert: selected, selectionStart: start - m, selectionEnd: end - m };
  }
  if (selected.length >= 2 * m && selected.startsWith(marker) && selected.endsWith(marker)) {
    const inner = selected.slice(m, -m);
    return { from: start, to: end, insert: inner, selectionStart: start, selectionEnd: start + inner.length };
  }
  if (selected.trim() === "") {
    const insert = marker + placeholder + marker;
    return { from: end, to: end, insert, selectionStart: end + m, selectionEnd: end + m + placeholder.length };
  }
  // "** bold**" is not bold: keep the selection's outer spaces outside the markers.
  const from = start + (selected.length - selected.trimStart().length);
  const to = end - (selected.length - selected.trimEnd().length);
  const inner = value.slice(from, to);
  return { from, to, insert: marker + inner + marker, selectionStart: from + m, selectionEnd: from + m + inner.length };
}

/** Blank lines around a block so it does not merge into the paragraph next to it. */
function blockPadding(value: string, start: number, end: number): { prefix: string; suffix: string } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const prefix = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const suffix = after === "" ? "\n" : after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  return { prefix, suffix };
}

function insertBlock(value: string, start: number, end: number, block: string, select: [number, number]): MarkdownEdit {
  const { prefix, suffix } = blockPadding(value, start, end);
  return {
    from: start,
    to: end,
    insert: prefix + block + suffix,
    selectionStart: start + prefix.length + select[0],
    selectionEnd: start + prefix.length + select[1],
  };
}

const URL_LIKE = /^(?:https?:\/\/|\/|\.\.?\/)\S*$/;

function insertLink(value: string, start: number, end: number, image: boolean): MarkdownEdit {
  const selected = value.slice(start, end).trim();
  const bang = image ? "!" : "";
  const textPlaceholder = image ? "Image description" : "link text";
  if (URL_LIKE.test(selected)) {
    const insert = `${bang}[${textPlaceholder}](${selected})`;
    const textStart = start + bang.length + 1;
    return { from: start, to: end, insert, selectionStart: textStart, selectionEnd: textStart + textPlaceholder.length };
  }
  const text = selected || textPlaceholder;
  const url = "https://";
  const insert = `${bang}[${text}](${url})`;
  if (selected === "") {
    const textStart = start + bang.length + 1;
    return { from: start, to: end, insert, selectionStart: textStart, selectionEnd: textStart + text.length };
  }
  const urlStart = start + bang.length + text.length + 3;
  return { from: start, to: end, insert, selectionStart: urlStart, selectionEnd: urlStart + url.length };
}

/** The edit a toolbar button (or shortcut) makes for the given text and selection. */
export function planMarkdownEdit(value: string, start: number, end: number, action: MarkdownAction): MarkdownEdit {
  const selected = value.slice(start, end);
  switch (action) {
    case "bold":
      return wrapInline(value, start, end, "**", "bold text");
    case "italic":
      return wrapInline(value, start, end, "_", "italic text");
    case "link":
      return insertLink(value, start, end, false);
    case "image":
      return insertLink(value, start, end, true);
    case "heading": {
      const lineStart = value.lastIndexOf("\n", start - 1) + 1;
      const lineEndIndex = value.indexOf("\n", lineStart);
      const line = value.slice(lineStart, lineEndIndex === -1 ? value.length : lineEndIndex);
      const existing = /^#{1,6}[ \t]+/.exec(line);
      if (existing) {
        const n = existing[0].length;
        return {
          from: lineStart,
          to: lineStart + n,
          insert: "",
          selectionStart: Math.max(lineStart, start - n),
          selectionEnd: Math.max(lineStart, end - n),
        };
      }
      if (line.trim() === "") {
        return { from: lineStart, to: lineStart + line.length, insert: "## Heading", selectionStart: lineStart + 3, selectionEnd: lineStart + 10 };
      }
      return { from: lineStart, to: lineStart, insert: "## ", selectionStart: start + 3, selectionEnd: end + 3 };
    }
    case "code": {
      const body = selected.replace(/\n+$/, "") || "code";
      const longestTicks = Math.max(0, ...Array.from(body.matchAll(/`+/g), (match) => match[0].length));
      // A fence longer than any backtick run inside, so the code cannot close it early.
      const fence = "`".repeat(Math.max(3, longestTicks + 1));
      const block = `${fence}\n${body}\n${fence}`;
      return insertBlock(value, start, end, block, [fence.length + 1, fence.length + 1 + body.length]);
    }
    case "callout": {
      const marker = "> [!NOTE]\n";
      const body = selected.trim() === "" ? "Callout text" : selected.replace(/\n+$/, "");
      const quoted = body
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
      return insertBlock(value, start, end, marker + quoted, [marker.length + 2, marker.length + quoted.length]);
    }
  }
}

// ---------------------------------------------------------------------------
// Component

const toolbarActions: { action: MarkdownAction; label: string; icon: LucideIcon; key?: string }[] = [
  { action: "bold", label: "Bold", icon: BoldIcon, key: "B" },
  { action: "italic", label: "Italic", icon: ItalicIcon, key: "I" },
  { action: "heading", label: "Heading", icon: HeadingIcon },
  { action: "link", label: "Link", icon: LinkIcon, key: "K" },
  { action: "code", label: "Code block", icon: SquareCodeIcon },
  { action: "callout", label: "Callout", icon: MessageSquareWarningIcon },
  { action: "image", label: "Image", icon: ImageIcon },
];

const shortcutActions: Record<string, MarkdownAction> = { b: "bold", i: "italic", k: "link" };

type Tab = "write" | "preview";

type MarkdownEditorProps = {
  value: string;
  /** Receives the new text (typing and toolbar edits alike, so it is not an event). */
  onChange: (value: string) => void;
  name?: string;
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  /** Only when no <label htmlFor={id}> names the field. */
  "aria-label"?: string;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  rows?: number;
  className?: string;
};

/**
 * Markdown textarea with a formatting toolbar and a live preview: side by
 * side from the lg breakpoint, "Write" / "Preview" tabs below it.
 */
function MarkdownEditor({
  value,
  onChange,
  name,
  id,
  "aria-describedby": describedBy,
  "aria-invalid": invalid,
  "aria-label": ariaLabel,
  placeholder,
  disabled,
  required,
  rows = 18,
  className,
}: MarkdownEditorProps) {
  const baseId = React.useId();
  const textareaId = id ?? `${baseId}-text`;
  const tabIds = { write: `${baseId}-write-tab`, preview: `${baseId}-preview-tab` };
  const panelIds = { write: `${baseId}-write-panel`, preview: `${baseId}-preview-panel` };

  const [tab, setTab] = React.useState<Tab>("write");
  const [toolIndex, setToolIndex] = React.useState(0);
  const textareaRef = React.useRef<HTMLTextAreaElement>(null);
  const tabRefs = React.useRef<Record<Tab, HTMLButtonElement | null>>({ write: null, preview: null });
  const toolRefs = React.useRef<(HTMLButtonElement | null)[]>([]);
  const pendingSelection = React.useRef<[number, number] | null>(null);
  // Rendering Markdown on every keystroke would make typing lag on long lessons.
  const preview = React.useDeferredValue(value);

  React.useLayoutEffect(() => {
    const selection = pendingSelection.current;
    const textarea = textareaRef.current;
    if (!selection || !textarea) return;
    pendingSelection.current = null;
    textarea.setSelectionRange(selection[0], selection[1]);
  }, [value]);

  function apply(action: MarkdownAction) {
    const textarea = textareaRef.current;
    if (!textarea || disabled) return;
    const current = textarea.value;
    const edit = planMarkdownEdit(current, textarea.selectionStart, textarea.selectionEnd, action);
    const next = current.slice(0, edit.from) + edit.insert + current.slice(edit.to);
    textarea.focus();
    textarea.setSelectionRange(edit.from, edit.to);
    // execCommand keeps the browser's undo history (Ctrl+Z undoes the button)
    // and fires the input event React's onChange listens to. It is deprecated
    // but has no replacement for this; setting the value is the fallback.
    let inserted = false;
    try {
      inserted = edit.insert === "" ? document.execCommand("delete") : document.execCommand("insertText", false, edit.insert);
    } catch {
      inserted = false;
    }
    if (inserted && textarea.value === next) {
      textarea.setSelectionRange(edit.selectionStart, edit.selectionEnd);
      return;
    }
    pendingSelection.current = [edit.selectionStart, edit.selectionEnd];
    onChange(next);
  }

  function onTextareaKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const action = shortcutActions[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    apply(action);
  }

  function onTabKeyDown(event: React.KeyboardEvent<HTMLButtonElement>) {
    const order: Tab[] = ["write", "preview"];
    const index = order.indexOf(tab);
    const target =
      event.key === "ArrowRight" ? order[(index + 1) % order.length]
      : event.key === "ArrowLeft" ? order[(index + order.length - 1) % order.length]
      : event.key === "Home" ? order[0]
      : event.key === "End" ? order[order.length - 1]
      : undefined;
    if (!target) return;
    event.preventDefault();
    setTab(target);
    tabRefs.current[target]?.focus();
  }

  function onToolbarKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const count = toolbarActions.length;
    const target =
      event.key === "ArrowRight" ? (toolIndex + 1) % count
      : event.key === "ArrowLeft" ? (toolIndex + count - 1) % count
      : event.key === "Home" ? 0
      : event.key === "End" ? count - 1
      : undefined;
    if (target === undefined) return;
    event.preventDefault();
    setToolIndex(target);
    toolRefs.current[target]?.focus();
  }

  return (
    <div
      data-slot="markdown-editor"
      className={cn(
        "overflow-hidden rounded-md border border-input shadow-xs dark:bg-input/30",
        "transition-[border-color,box-shadow] has-[textarea:focus-visible]:border-ring has-[textarea:focus-visible]:ring-[3px] has-[textarea:focus-visible]:ring-ring/50",
        invalid && "border-destructive",
        disabled && "opacity-50",
        className,
      )}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b bg-muted/40 px-1.5 py-1 lg:grid lg:grid-cols-2">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <div role="tablist" aria-label="Editor view" className="flex rounded-md bg-muted p-0.5 ring-1 ring-border lg:hidden">
            {(["write", "preview"] as const).map((name) => (
              <button
                key={name}
                ref={(element) => {
                  tabRefs.current[name] = element;
                }}
                type="button"
                role="tab"
                id={tabIds[name]}
                aria-selected={tab === name}
                aria-controls={panelIds[name]}
                tabIndex={tab === name ? 0 : -1}
                onClick={() => setTab(name)}
                onKeyDown={onTabKeyDown}
                className={cn(
                  "rounded-sm px-3 py-1 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                  "aria-selected:bg-background aria-selected:text-foreground aria-selected:shadow-xs aria-selected:ring-1 aria-selected:ring-input/60",
                )}
              >
                {name === "write" ? "Write" : "Preview"}
              </button>
            ))}
          </div>

          <div
            role="toolbar"
            aria-label="Formatting"
            aria-controls={textareaId}
            onKeyDown={onToolbarKeyDown}
            className={cn("flex items-center gap-0.5", tab === "preview" && "max-lg:hidden")}
          >
            {toolbarActions.map(({ action, label, icon: Icon, key }, index) => (
              <button
                key={action}
                ref={(element) => {
                  toolRefs.current[index] = element;
                }}
                type="button"
                tabIndex={index === toolIndex ? 0 : -1}
                disabled={disabled}
                aria-label={label}
                aria-keyshortcuts={key ? `Control+${key} Meta+${key}` : undefined}
                title={key ? `${label} (Ctrl/⌘+${key})` : label}
                onFocus={() => setToolIndex(index)}
                onClick={() => apply(action)}
                className={cn(
                  "inline-flex size-8 items-center justify-center rounded-md text-muted-foreground transition-colors",
                  "hover:bg-accent hover:text-accent-foreground disabled:pointer-events-none",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                )}
              >
                <Icon aria-hidden="true" className="size-4" />
              </button>
            ))}
          </div>
        </div>
        <p aria-hidden="true" className="hidden px-2 text-xs font-medium text-muted-foreground lg:block">
          Preview
        </p>
      </div>

      <div className="grid grid-cols-1 lg:grid-cols-2">
        <div
          role="tabpanel"
          id={panelIds.write}
          aria-labelledby={tabIds.write}
          className={cn(tab !== "write" && "max-lg:hidden")}
        >
          <textarea
            ref={textareaRef}
            id={textareaId}
            name={name}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            onKeyDown={onTextareaKeyDown}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-label={ariaLabel}
            placeholder={placeholder}
            disabled={disabled}
            required={required}
            rows={rows}
            className={cn(
              "block min-h-80 w-full resize-y bg-transparent px-3 py-2 font-mono text-sm leading-6 outline-hidden",
              "placeholder:text-muted-foreground selection:bg-primary selection:text-primary-foreground",
              "disabled:cursor-not-allowed",
            )}
          />
        </div>
        {/* Focusable: the preview can scroll and may hold nothing focusable (WAI-ARIA tabs pattern). */}
        <div
          role="tabpanel"
          id={panelIds.preview}
          aria-labelledby={tabIds.preview}
          tabIndex={0}
          className={cn(
            "relative min-h-80 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring lg:min-h-0 lg:border-l",
            tab !== "preview" && "max-lg:hidden",
          )}
        >
          {/* From lg the textarea sets the row height and the preview scrolls beside it. */}
          <div className="overflow-y-auto px-4 py-3 lg:absolute lg:inset-0">
            {preview.trim() === "" ? (
              <p className="text-sm text-muted-foreground">Nothing to preview yet.</p>
            ) : (
              <Markdown source={preview} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

export { MarkdownEditor, type MarkdownEditorProps };
