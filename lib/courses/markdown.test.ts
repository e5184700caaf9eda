import { describe, expect, it } from "vitest";
import {
  createSlugger,
  inlineMarkdownToText,
  isExternalHref,
  markdownExcerpt,
  markdownHeadings,
  parseCalloutMarker,
  safeImageSrc,
  safeLinkHref,
  slugify,
  splitFrontMatter,
} from "./markdown";

describe("slugify", () => {
  it("lower-cases, drops punctuation and joins words with one hyphen", () => {
    expect(slugify("Hello, World!")).toBe("hello-world");
    expect(slugify("  Foo & Bar -- baz  ")).toBe("foo-bar-baz");
    expect(slugify("snake_case_name")).toBe("snake-case-name");
    expect(slugify("What's new in v2.0?")).toBe("whats-new-in-v20");
  });

  it("keeps letters and digits of any script", () => {
    expect(slugify("Café crème")).toBe("café-crème");
    expect(slugify("Привет мир")).toBe("привет-мир");
    expect(slugify("数据 结构")).toBe("数据-结构");
  });

  it("gives raw Markdown and its rendered text the same slug", () => {
    expect(slugify("_emphasis_ and **bold**")).toBe(slugify("emphasis and bold"));
    expect(slugify("`code` ~~gone~~")).toBe(slugify("code gone"));
  });

  it("caps long slugs at a word boundary", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
    expect(slug.endsWith("word")).toBe(true);
  });

  it("is empty for text without letters or digits", () => {
    expect(slugify("!!! ???")).toBe("");
  });
});

describe("createSlugger", () => {
  it("numbers repeats and never collides with a literal suffix", () => {
    const slug = createSlugger();
    expect(["Intro", "Intro", "Intro-1", "intro"].map(slug)).toEqual(["intro", "intro-1", "intro-1-1", "intro-2"]);
  });

  it("uses 'section' for headings without a slug", () => {
    const slug = createSlugger();
    expect(slug("???")).toBe("section");
    expect(slug("")).toBe("section-1");
  });
});

describe("splitFrontMatter", () => {
  it("reads top-level scalars and returns the body", () => {
    const source = '---\ntitle: "Getting started: part 1"\nauthor: Ada # comment\ntags:\n  - a\n---\n# Body\n';
    expect(splitFrontMatter(source)).toEqual({
      data: { title: "Getting started: part 1", author: "Ada" },
      body: "# Body\n",
    });
  });

  it("handles single quotes, CRLF, a BOM and YAML's ... terminator", () => {
    const source = "\uFEFF---\r\ntitle: 'It''s C# time'\r\n...\r\nText";
    expect(splitFrontMatter(source)).toEqual({ data: { title: "It's C# time" }, body: "Text" });
  });

  it("accepts empty front matter", () => {
    expect(splitFrontMatter("---\n---\nText")).toEqual({ data: {}, body: "Text" });
  });

  it("leaves a lesson that starts with a thematic break alone", () => {
    const source = "---\nJust a paragraph between rules.\n---\nMore";
    expect(splitFrontMatter(source)).toEqual({ data: {}, body: source });
  });

  it("skips block scalars and flow collections", () => {
    expect(splitFrontMatter("---\ntitle: >\n  folded\nlist: [1, 2]\n---\n").data).toEqual({});
  });
});

describe("parseCalloutMarker", () => {
  it("recognises the five kinds, case-insensitively", () => {
    expect(parseCalloutMarker("[!NOTE]")).toEqual({ kind: "note", title: null });
    expect(parseCalloutMarker("[!tip]")).toEqual({ kind: "tip", title: null });
    expect(parseCalloutMarker(" [!Caution]  Mind the gap ")).toEqual({ kind: "caution", title: "Mind the gap" });
    expect(parseCalloutMarker("[!IMPORTANT]")?.kind).toBe("important");
    expect(parseCalloutMarker("[!WARNING]")?.kind).toBe("warning");
  });

  it("rejects anything else", () => {
    expect(parseCalloutMarker("[!DANGER]")).toBeNull();
    expect(parseCalloutMarker("Note: [!NOTE]")).toBeNull();
    expect(parseCalloutMarker("[NOTE]")).toBeNull();
  });
});

describe("URL rules", () => {
  it("allows http(s), mailto, relative links and anchors", () => {
    for (const url of ["https://example.com", "http://x.y/z", "mailto:a@b.c", "/courses/1", "../next", "#intro", "?q=1", "//cdn.example.com/a"]) {
      expect(safeLinkHref(url)).toBe(url);
    }
  });

  it("drops script and data URLs, however they are disguised", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:x", "\u0001javascript:x", "vbscript:x", "data:text/html,<script>", "file:///etc/passwd", ""]) {
      expect(safeLinkHref(url)).toBeNull();
    }
  });

  it("allows only http(s) and relative image sources", () => {
    expect(safeImageSrc("/api/files/abc")).toBe("/api/files/abc");
    expect(safeImageSrc("img/a.png")).toBe("img/a.png");
    expect(safeImageSrc("https://example.com/a.png")).toBe("https://example.com/a.png");
    expect(safeImageSrc("data:image/png;base64,AAAA")).toBeNull();
    expect(safeImageSrc("javascript:alert(1)")).toBeNull();
    expect(safeImageSrc("mailto:a@b.c")).toBeNull();
  });

  it("treats absolute http(s) links as external", () => {
    expect(isExternalHref("https://example.com")).toBe(true);
    expect(isExternalHref("//example.com")).toBe(true);
    expect(isExternalHref("/courses")).toBe(false);
    expect(isExternalHref("#top")).toBe(false);
    expect(isExternalHref("mailto:a@b.c")).toBe(false);
  });
});

describe("inlineMarkdownToText", () => {
  it("removes inline syntax and keeps what a reader sees", () => {
    expect(inlineMarkdownToText("Use **bold**, _em_, *em* and ~~old~~")).toBe("Use bold, em, em and old");
    expect(inlineMarkdownToText("See [the docs](https://x.y \"Docs\") and <https://a.b>")).toBe("See the docs and https://a.b");
    expect(inlineMarkdownToText("Logo ![alt](a.png) here")).toBe("Logo here");
    expect(inlineMarkdownToText("Ref [link][1] style")).toBe("Ref link style");
  });

  it("leaves code spans and escapes literal", () => {
    expect(inlineMarkdownToText("The `**kwargs` parameter")).toBe("The **kwargs parameter");
    expect(inlineMarkdownToText("Not \\*emphasis\\*")).toBe("Not *emphasis*");
    expect(inlineMarkdownToText("snake_case_name stays")).toBe("snake_case_name stays");
  });

  it("decodes entities and optionally strips HTML", () => {
    expect(inlineMarkdownToText("Tom &amp; Jerry &#169; &#x1F600;")).toBe("Tom & Jerry © 😀");
    expect(inlineMarkdownToText("<b>bold</b> text")).toBe("<b>bold</b> text");
    expect(inlineMarkdownToText("<b>bold</b> text", { stripHtml: true })).toBe("bold text");
  });
});

describe("markdownHeadings", () => {
  it("lists ATX and setext headings with levels, clean text and slugs", () => {
    const source = [
      "# Welcome to *React*",
      "",
      "Intro text.",
      "",
      "## Setup ##",
      "",
      "Install it",
      "==========",
      "",
      "Configure",
      "---",
      "",
      "###### Deep `code` heading",
    ].join("\n");
    expect(markdownHeadings(source)).toEqual([
      { level: 1, text: "Welcome to React", slug: "welcome-to-react" },
      { level: 2, text: "Setup", slug: "setup" },
      { level: 1, text: "Install it", slug: "install-it" },
      { level: 2, text: "Configure", slug: "configure" },
      { level: 6, text: "Deep code heading", slug: "deep-code-heading" },
    ]);
  });

  it("numbers repeated headings like the renderer", () => {
    expect(markdownHeadings("## Example\n\n## Example\n\n## Example").map((h) => h.slug)).toEqual(["example", "example-1", "example-2"]);
  });

  it("ignores code blocks, non-headings and front matter", () => {
    const source = [
      "---",
      "title: Lesson",
      "---",
      "```bash",
      "# a shell comment",
      "```",
      "~~~~",
      "# still code",
      "```",
      "~~~~",
      "#hashtag is not a heading",
      "    # indented code",
      "",
      "- item",
      "---",
      "",
      "Paragraph",
      "",
      "---",
      "",
      "| a | b |",
      "| - | - |",
      "| c | d |",
      "",
      "## Real",
    ].join("\n");
    expect(markdownHeadings(source)).toEqual([{ level: 2, text: "Real", slug: "real" }]);
  });

  it("finds headings inside block quotes and list items", () => {
    expect(markdownHeadings("> ## Quoted\n\n- ### In a list").map((h) => h.text)).toEqual(["Quoted", "In a list"]);
  });

  it("closes a fence opened in a block quote when the quote ends", () => {
    expect(markdownHeadings("> ```\n> # code\n\n# After").map((h) => h.text)).toEqual(["After"]);
  });

  it("leaves out empty headings but still counts them", () => {
    expect(markdownHeadings("#\n\n# ?\n\n# Section")).toEqual([
      { level: 1, text: "?", slug: "section-1" },
      { level: 1, text: "Section", slug: "section-2" },
    ]);
  });
});

describe("markdownExcerpt", () => {
  const lesson = [
    "---",
    "title: Hooks",
    "---",
    "# Hooks",
    "",
    "React **hooks** let you use [state](https://react.dev) in function components.",
    "",
    "```js",
    "const [x, setX] = useState(0);",
    "```",
    "",
    "> [!TIP]",
    "> Call hooks at the top level.",
    "",
    "| a | b |",
    "|---|---|",
    "| 1 | 2 |",
    "",
    "![diagram](img/d.png)",
    "",
    "- First rule",
    "- Second rule",
  ].join("\n");

  it("joins the prose as plain text", () => {
    expect(markdownExcerpt(lesson, 500)).toBe(
      "React hooks let you use state in function components. Call hooks at the top level. First rule Second rule",
    );
  });

  it("cuts at a word boundary with an ellipsis", () => {
    const excerpt = markdownExcerpt(lesson, 40);
    expect(excerpt).toBe("React hooks let you use state in…");
    expect(excerpt.length).toBeLessThanOrEqual(40);
  });

  it("cuts inside a word only when there is no boundary close by", () => {
    expect(markdownExcerpt("Supercalifragilisticexpialidocious", 10)).toBe("Supercali…");
  });

  it("handles tiny budgets and empty lessons", () => {
    expect(markdownExcerpt(lesson, 0)).toBe("");
    expect(markdownExcerpt(lesson, 1)).toBe("…");
    expect(markdownExcerpt("# Only a heading\n\n```\ncode\n```", 100)).toBe("");
  });

  it("strips HTML tags from the summary", () => {
    expect(markdownExcerpt("Press <kbd>Ctrl</kbd> + <kbd>C</kbd>.", 100)).toBe("Press Ctrl + C.");
  });
});
