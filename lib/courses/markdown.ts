/**
 * Lesson Markdown helpers that need no Markdown parser: heading slugs (shared
 * with the renderer in components/markdown so a table of contents built here
 * links to the ids it renders), a table of contents, a plain-text excerpt,
 * front matter, callout markers and URL safety rules.
 *
 * The block scanner below understands the parts of CommonMark/GFM that decide
 * what is a heading (fences, ATX and setext headings, block quotes, lists,
 * tables). It is not a full parser; where it would disagree with the renderer
 * (exotic nesting), the slugs still agree for every heading both see because
 * slugify() ignores Markdown punctuation.
 */

// ---------------------------------------------------------------------------
// Slugs

const MAX_SLUG_LENGTH = 80;

/**
 * A heading id: lower case, letters/digits of any script kept, punctuation
 * dropped, runs of spaces, hyphens and underscores turned into one hyphen.
 * Underscores count as separators so `_emphasis_` written raw and the
 * rendered "emphasis" give the same slug.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "")
    .replace(/[\s_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}

/**
 * A slug function for one document: repeated headings get `-1`, `-2`, ...
 * (GitHub's scheme), and a generated suffix never collides with a heading
 * that literally reads "intro-1". Call it once per heading, in document
 * order, empty headings included, so every caller numbers alike.
 */
export function createSlugger(): (text: string) => string {
  const counts = new Map<string, number>();
  const used = new Set<string>();
  return (text) => {
    const base = slugify(text) || "section";
    let n = counts.get(base) ?? 0;
    let slug = n === 0 ? base : `${base}-${n}`;
    while (used.has(slug)) {
      n += 1;
      slug = `${base}-${n}`;
    }
    counts.set(base, n + 1);
    used.add(slug);
    return slug;
  };
}

// ---------------------------------------------------------------------------
// Front matter

export interface FrontMatter {
  /** Top-level `key: value` scalars; nested or block values are skipped. */
  data: Record<string, string>;
  /** The Markdown after the front matter (the whole source when there is none). */
  body: string;
}

const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;
// A lesson may open with a thematic break; only YAML-looking lines make front matter.
const YAML_LINE = /^(?:[\w"'][^:]*:(?:[ \t]|$)|[ \t]+\S|-[ \t]|#|[ \t]*$)/;

export function normalizeNewlines(source: string): string {
  return source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function splitFrontMatter(source: string): FrontMatter {
  const text = normalizeNewlines(source);
  const match = FRONT_MATTER.exec(text);
  if (!match) return { data: {}, body: text };
  const lines = (match[1] ?? "").split("\n");
  if (!lines.every((line) => YAML_LINE.test(line))) return { data: {}, body: text };

  const data: Record<string, string> = {};
  for (const line of lines) {
    const pair = /^([\w-]+)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!pair?.[1]) continue;
    const value = yamlScalar(pair[2] ?? "");
    if (value !== null) data[pair[1]] = value;
  }
  return { data, body: text.slice(match[0].length) };
}

function yamlScalar(raw: string): string | null {
  const value = raw.trim();
  if (value === "" || value === "|" || value === ">" || /^[|>][-+]?\d*$/.test(value)) return null;
  if (value.startsWith('"')) {
    const end = value.lastIndexOf('"');
    if (end <= 0) return null;
    try {
      return JSON.parse(value.slice(0, end + 1)) as string;
    } catch {
      return value.slice(1, end);
    }
  }
  if (value.startsWith("'")) {
    const end = value.lastIndexOf("'");
    if (end <= 0) return null;
    return value.slice(1, end).replace(/''/g, "'");
  }
  if (value.startsWith("[") || value.startsWith("{")) return null;
  // In YAML " #" starts a comment; a "#" inside a word ("C#") does not.
  return value.replace(/[ \t]+#.*$/, "").trim();
}

// ---------------------------------------------------------------------------
// Callouts

export const calloutKinds = ["note", "tip", "important", "warning", "caution"] as const;
export type CalloutKind = (typeof calloutKinds)[number];

export const calloutTitles: Record<CalloutKind, string> = {
  note: "Note",
  tip: "Tip",
  important: "Important",
  warning: "Warning",
  caution: "Caution",
};

const CALLOUT_MARKER = /^[ \t]*\[!(note|tip|important|warning|caution)\][ \t]*(.*)$/i;

/**
 * The first line of a GitHub-style callout (`[!NOTE]`), case-insensitive.
 * Text after the marker becomes a custom title (an Obsidian extension that
 * GitHub ignores); null when the line is not a marker.
 */
export function parseCalloutMarker(line: string): { kind: CalloutKind; title: string | null } | null {
  const match = CALLOUT_MARKER.exec(line);
  if (!match?.[1]) return null;
  const kind = match[1].toLowerCase() as CalloutKind;
  const title = (match[2] ?? "").trim();
  return { kind, title: title === "" ? null : title };
}

// ---------------------------------------------------------------------------
// URLs

// Browsers drop tabs, newlines and leading control characters while reading
// a scheme, so "java\tscript:" must be judged as "javascript:".
function schemeOf(url: string): string | null {
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** A link target that is safe to render (http(s), mailto, relative, #anchor), or null. */
export function safeLinkHref(url: string): string | null {
  const value = url.trim();
  if (value === "") return null;
  const scheme = schemeOf(value);
  if (scheme === null) return value;
  return scheme === "http" || scheme === "https" || scheme === "mailto" ? value : null;
}

/** An image source that is safe to render (http(s) or relative, e.g. /api/files/...), or null. */
export function safeImageSrc(url: string): string | null {
  const value = url.trim();
  if (value === "") return null;
  const scheme = schemeOf(value);
  if (scheme === null) return value;
  return scheme === "http" || scheme === "https" ? value : null;
}

/** Absolute http(s) links leave the app; relative links, anchors and mailto do not. */
export function isExternalHref(href: string): boolean {
  return /^(?:https?:)?\/\//i.test(href.trim());
}

// ---------------------------------------------------------------------------
// Inline Markdown to text

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Approximately the text a reader sees for one line of inline Markdown:
 * emphasis, code ticks, link and image syntax removed, escapes and entities
 * decoded. Raw HTML stays as written (the renderer shows it as text) unless
 * `stripHtml` is set.
 */
export function inlineMarkdownToText(markdown: string, options: { stripHtml?: boolean } = {}): string {
  // Code spans and escaped characters are literal: park them so the emphasis
  // and link rules below cannot touch them.
  const parked: string[] = [];
  const park = (text: string) => `\u0000${parked.push(text) - 1}\u0000`;

  let text = markdown.replace(/\u0000/g, "");
  text = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) =>
    park(/^ .* $/.test(code) && code.trim() !== "" ? code.slice(1, -1) : code),
  );
  text = text.replace(/\\([!-/:-@[-`{-~])/g, (_, char: string) => park(char));
  text = text.replace(/!\[([^\]]*)\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)|\[[^\]]*\])?/g, "");
  text = text.replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\)|<[^>]*>)*(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g, "$1");
  text = text.replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1");
  text = text.replace(/<((?:https?|mailto|ftp):[^>\s]*|[^@<>\s]+@[^@<>\s]+\.[^@<>\s]+)>/gi, "$1");
  if (options.stripHtml) text = text.replace(/<\/?[a-z][^>]*>/gi, "");
  text = text.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2");
  text = text.replace(/(?<![\p{L}\p{N}])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}])/gu, "$1");
  text = text.replace(/\*(?=\S)([\s\S]*?\S)\*/g, "$1");
  text = text.replace(/~~?(?=\S)([\s\S]*?\S)~~?/g, "$1");
  text = decodeEntities(text);
  text = text.replace(/\u0000(\d+)\u0000/g, (_, index: string) => parked[Number(index)] ?? "");
  return text.replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------
// Block scanner

type LineKind =
  | "blank"
  | "fence" // an opening or closing code fence
  | "code" // inside a fenced or indented code block
  | "heading" // ATX heading, or a paragraph line of a setext heading
  | "underline" // setext underline
  | "break" // thematic break
  | "table"
  | "definition" // link reference definition
  | "callout" // [!NOTE] marker line
  | "text";

interface ScannedLine {
  kind: LineKind;
  /** The line without block quote markers, list markers and indentation. */
  content: string;
  /** For headings: level and text (on the last line of a setext heading). */
  heading?: { level: 1 | 2 | 3 | 4 | 5 | 6; raw: string };
}

const QUOTE_PREFIX = /^(?: {0,3}>[ \t]?)+/;
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S/;

function atxHeading(text: string): ScannedLine["heading"] | undefined {
  const match = ATX.exec(text);
  if (!match?.[1]) return undefined;
  return { level: match[1].length as 1 | 2 | 3 | 4 | 5 | 6, raw: match[2] ?? "" };
}

function scanLines(markdown: string): ScannedLine[] {
  const out: ScannedLine[] = [];
  let fence: { char: string; length: number; quoted: boolean } | null = null;
  // Lines of the open top-level paragraph, which a setext underline turns into a heading.
  let paragraph: number[] = [];
  let inTable = false;
  let inList = false;
  let previousBlank = true;

  for (const line of markdown.split("\n")) {
    const quote = QUOTE_PREFIX.exec(line);
    const quoted = quote !== null;
    const content = quoted ? line.slice(quote[0].length) : line;
    const blank = content.trim() === "";

    if (fence) {
      // A fence opened inside a block quote ends with the quote.
      const ended = fence.quoted && !quoted;
      const close = new RegExp(`^ {0,3}${fence.char === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
      if (!ended && close.test(content)) {
        out.push({ kind: "fence", content: "" });
        fence = null;
        continue;
      }
      if (!ended) {
        out.push({ kind: "code", content });
        continue;
      }
      fence = null;
    }

    if (blank) {
      out.push({ kind: "blank", content: "" });
      paragraph = [];
      inTable = false;
      previousBlank = true;
      continue;
    }

    if (inList && previousBlank && !quoted && !LIST_ITEM.test(content) && !/^[ \t]{2,}/.test(content)) inList = false;
    const wasBlank = previousBlank;
    previousBlank = false;

    const setext = SETEXT.exec(content);
    if (setext?.[1] && !quoted && paragraph.length > 0) {
      const raw = paragraph.map((index) => out[index]?.content ?? "").join("\n");
      for (const index of paragraph) {
        const scanned = out[index];
        if (scanned) scanned.kind = "heading";
      }
      const last = out[paragraph[paragraph.length - 1] ?? -1];
      if (last) last.heading = { level: setext[1][0] === "=" ? 1 : 2, raw };
      out.push({ kind: "underline", content: "" });
      paragraph = [];
      continue;
    }

    // Before list items: "* * *" is a break, not a list.
    if (THEMATIC_BREAK.test(content)) {
      out.push({ kind: "break", content: "" });
      paragraph = [];
      inTable = false;
      continue;
    }

    let body = content;
    const listItem = LIST_ITEM.exec(body);
    if (listItem) {
      inList = true;
      paragraph = [];
      inTable = false;
      body = body.slice(listItem[0].length);
    }

    const fenceOpen = FENCE_OPEN.exec(body);
    if (fenceOpen?.[1]) {
      fence = { char: fenceOpen[1][0] ?? "`", length: fenceOpen[1].length, quoted };
      out.push({ kind: "fence", content: "" });
      paragraph = [];
      inTable = false;
      continue;
    }

    const heading = atxHeading(body);
    if (heading) {
      out.push({ kind: "heading", content: heading.raw, heading });
      paragraph = [];
      inTable = false;
      continue;
    }

    if (!listItem && paragraph.length > 0 && body.includes("|") && TABLE_DELIMITER.test(body)) {
      for (const index of paragraph) {
        const scanned = out[index];
        if (scanned) scanned.kind = "table";
      }
      out.push({ kind: "table", content: "" });
      paragraph = [];
      inTable = true;
      continue;
    }
    if (inTable) {
      out.push({ kind: "table", content: body });
      continue;
    }

    if (paragraph.length === 0 && !listItem && wasBlank && /^(?: {4}|\t)/.test(body) && !inList) {
      out.push({ kind: "code", content: body });
      continue;
    }

    if (paragraph.length === 0 && DEFINITION.test(body)) {
      out.push({ kind: "definition", content: body });
      continue;
    }

    if (quoted && parseCalloutMarker(body)) {
      out.push({ kind: "callout", content: body });
      continue;
    }

    out.push({ kind: "text", content: body.trim() });
    // Only a top-level paragraph can become a setext heading; a quote or list line ends it.
    if (!quoted && !inList) paragraph.push(out.length - 1);
    else paragraph = [];
  }
  return out;
}

// ---------------------------------------------------------------------------
// Table of contents and excerpt

export interface MarkdownHeading {
  level: 1 | 2 | 3 | 4 | 5 | 6;
  text: string;
  /** The id <Markdown> gives this heading. */
  slug: string;
}

/** Every heading in document order, with the ids the renderer gives them. Empty headings are left out. */
export function markdownHeadings(source: string): MarkdownHeading[] {
  const slugger = createSlugger();
  const headings: MarkdownHeading[] = [];
  for (const line of scanLines(splitFrontMatter(source).body)) {
    if (!line.heading) continue;
    const text = inlineMarkdownToText(line.heading.raw);
    // Empty headings still take a slug so the numbering matches the renderer's.
    const slug = slugger(text);
    if (text !== "") headings.push({ level: line.heading.level, text, slug });
  }
  return headings;
}

/**
 * A plain-text summary of the prose (headings, code, tables and images left
 * out), cut at a word boundary with "…" so it is at most `maxChars` long.
 */
export function markdownExcerpt(source: string, maxChars: number): string {
  if (!(maxChars > 0)) return "";
  const parts: string[] = [];
  let length = 0;
  for (const line of scanLines(splitFrontMatter(source).body)) {
    if (line.kind !== "text") continue;
    const text = inlineMarkdownToText(line.content, { stripHtml: true });
    if (text === "") continue;
    parts.push(text);
    length += text.length + 1;
    // Enough to cut from; saves converting the rest of a long lesson.
    if (length > maxChars * 2 + 16) break;
  }
  return truncateText(parts.join(" "), maxChars);
}

function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars === 1) return "…";
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  // Cut at a word boundary unless that throws away most of the budget (one very long word).
  const wordCut = space >= maxChars * 0.6 ? cut.slice(0, space) : cut;
  return `${wordCut.replace(/[\s,;:.\-–—]+$/u, "")}…`;
}
