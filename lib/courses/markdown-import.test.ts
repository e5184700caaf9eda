import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { importMarkdownZip, titleFromName } from "./markdown-import";

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A zip of the given files: strings are stored as UTF-8. */
function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(files)) {
    entries[path] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(entries);
}

function importError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid");
    return error as AppError;
  }
  throw new Error("expected the import to fail");
}

/** Overwrite the sizes in a zip's central directory and local headers, as a forged zip would. */
function forgeSizes(archive: Uint8Array, originalSize: number): Uint8Array {
  const copy = archive.slice();
  const view = new DataView(copy.buffer);
  for (let i = 0; i + 4 <= copy.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, originalSize, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, originalSize, true);
  }
  return copy;
}

describe("titleFromName", () => {
  it("strips order prefixes and Markdown extensions, and spells out slug names", () => {
    expect(titleFromName("01-intro")).toBe("Intro");
    expect(titleFromName("1. Intro to React")).toBe("Intro to React");
    expect(titleFromName("2) Setup")).toBe("Setup");
    expect(titleFromName("01 - Getting started")).toBe("Getting started");
    expect(titleFromName("03_state-and-props.md")).toBe("State and props");
    expect(titleFromName("1.2 Sub topic.markdown")).toBe("Sub topic");
    expect(titleFromName("Node.js basics")).toBe("Node.js basics");
  });

  it("keeps numbers that are part of the name", () => {
    expect(titleFromName("3d-printing")).toBe("3d printing");
    expect(titleFromName("2024.md")).toBe("2024");
  });
});

describe("importMarkdownZip: outline", () => {
  it("makes modules from folders and lessons from files, ordered by number prefix", () => {
    const result = importMarkdownZip(
      zip({
        "10-advanced/01-perf.md": "# Performance\n\nFast.",
        "2-basics/10-effects.md": "# Effects\n\nBody",
        "2-basics/2-state.md": "# State\n\nBody",
        "1. Intro/welcome.md": "# Welcome\n\nHello",
      }),
    );
    expect(result.modules.map((m) => m.title)).toEqual(["Intro", "Basics", "Advanced"]);
    expect(result.modules[1]?.lessons.map((l) => l.title)).toEqual(["State", "Effects"]);
    expect(result.modules[1]?.lessons.map((l) => l.sourcePath)).toEqual(["2-basics/2-state.md", "2-basics/10-effects.md"]);
    expect(result.warnings).toEqual([]);
  });

  it("puts files at the root in a first module called Lessons", () => {
    const result = importMarkdownZip(
      zip({ "b-second.md": "Second", "a-first.markdown": "First", "01-module/x.md": "# X\n\nx" }),
    );
    expect(result.modules.map((m) => [m.title, m.lessons.map((l) => l.title)])).toEqual([
      ["Lessons", ["A first", "B second"]],
      ["Module", ["X"]],
    ]);
  });

  it("reads a zipped course folder from inside that folder", () => {
    const result = importMarkdownZip(
      zip({ "my-course/01-intro/a.md": "A", "my-course/02-next/b.md": "B", "my-course/readme.md": "R" }),
    );
    expect(result.modules.map((m) => m.title)).toEqual(["Lessons", "Intro", "Next"]);
    expect(result.modules[1]?.lessons[0]?.sourcePath).toBe("my-course/01-intro/a.md");
  });

  it("treats a single folder of lessons as one module", () => {
    const result = importMarkdownZip(zip({ "01-intro/a.md": "A", "01-intro/b.md": "B" }));
    expect(result.modules).toHaveLength(1);
    expect(result.modules[0]?.title).toBe("Intro");
    expect(result.modules[0]?.lessons).toHaveLength(2);
  });

  it("adds lessons from sub-folders to their module, with a warning", () => {
    const result = importMarkdownZip(
      zip({ "m/1-a.md": "A", "m/extra/2-b.md": "B", "n/c.md": "C" }),
    );
    expect(result.modules[0]?.lessons.map((l) => l.sourcePath)).toEqual(["m/1-a.md", "m/extra/2-b.md"]);
    expect(result.warnings).toEqual([expect.stringContaining("“m/extra/2-b.md”")]);
  });

  it("ignores __MACOSX, dotfiles and other files, warning only about the latter", () => {
    const result = importMarkdownZip(
      zip({
        "__MACOSX/m/._a.md": "junk",
        ".git/HEAD.md": "junk",
        "m/.hidden.md": "junk",
        "m/.DS_Store": "junk",
        "m/Thumbs.db": "junk",
        "m/a.md": "A",
        "m/slides.pdf": "%PDF",
        "m/notes.txt": "text",
      }),
    );
    expect(result.modules).toHaveLength(1);
    expect(result.modules[0]?.lessons.map((l) => l.sourcePath)).toEqual(["m/a.md"]);
    expect(result.warnings).toEqual(["Skipped 2 files that are neither Markdown nor an image: “m/slides.pdf”, “m/notes.txt”."]);
  });

  it("normalises Windows separators and decomposed (macOS) file names", () => {
    const result = importMarkdownZip(zip({ "mod\\Cafe\u0301.md": "Body" }));
    expect(result.modules[0]?.title).toBe("Mod");
    expect(result.modules[0]?.lessons[0]).toMatchObject({ title: "Café", sourcePath: "mod/Café" + ".md" });
  });
});

describe("importMarkdownZip: titles and bodies", () => {
  it("prefers the front matter title and removes the front matter", () => {
    const lesson = importMarkdownZip(zip({ "a.md": '---\ntitle: "Hooks: the basics"\nlevel: 2\n---\n# Something else\n\nBody\n' }))
      .modules[0]?.lessons[0];
    expect(lesson).toMatchObject({ title: "Hooks: the basics", markdown: "# Something else\n\nBody" });
  });

  it("drops an opening heading that repeats the front matter title", () => {
    const lesson = importMarkdownZip(zip({ "a.md": "---\ntitle: Hooks\n---\n\n# hooks\n\nBody" })).modules[0]?.lessons[0];
    expect(lesson).toMatchObject({ title: "Hooks", markdown: "Body" });
  });

  it("uses the opening # heading as the title and removes it from the body", () => {
    const lesson = importMarkdownZip(zip({ "a.md": "\n# Using `useState` ##\n\nBody\n\n## Part\n" })).modules[0]?.lessons[0];
    expect(lesson).toMatchObject({ title: "Using useState", markdown: "Body\n\n## Part" });
  });

  it("accepts a setext heading as the title", () => {
    const lesson = importMarkdownZip(zip({ "a.md": "Props\n=====\n\nBody" })).modules[0]?.lessons[0];
    expect(lesson).toMatchObject({ title: "Props", markdown: "Body" });
  });

  it("falls back to the file name when the lesson does not open with a # heading", () => {
    const lesson = importMarkdownZip(zip({ "02-event-handlers.md": "Intro text.\n\n# Later heading\n" })).modules[0]?.lessons[0];
    expect(lesson).toMatchObject({ title: "Event handlers", markdown: "Intro text.\n\n# Later heading" });
    const level2 = importMarkdownZip(zip({ "x.md": "## Not a title\n" })).modules[0]?.lessons[0];
    expect(level2?.title).toBe("X");
  });

  it("normalises line endings and a byte order mark", () => {
    const lesson = importMarkdownZip(zip({ "a.md": "\uFEFF# Title\r\n\r\nLine 1\r\nLine 2\r\n" })).modules[0]?.lessons[0];
    expect(lesson).toMatchObject({ title: "Title", markdown: "Line 1\nLine 2" });
  });

  it("reads files that are not UTF-8 as Windows-1252, with a warning", () => {
    const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9]); // "Café"
    const result = importMarkdownZip(zip({ "a.md": latin1 }));
    expect(result.modules[0]?.lessons[0]?.markdown).toBe("Café");
    expect(result.warnings).toEqual([expect.stringContaining("not saved as UTF-8")]);
  });

  it("warns about lessons with nothing but a title", () => {
    const result = importMarkdownZip(zip({ "a.md": "# Only a title\n" }));
    expect(result.modules[0]?.lessons[0]).toMatchObject({ title: "Only a title", markdown: "" });
    expect(result.warnings).toEqual(["“a.md” has no content besides its title."]);
  });
});

describe("importMarkdownZip: images", () => {
  it("returns the images with content types, and each lesson's references resolved against its folder", () => {
    const result = importMarkdownZip(
      zip({
        "01-intro/01-welcome.md": [
          "# Welcome",
          "",
          "![Diagram](img/diagram.png) and again ![same](img/diagram.png)",
          '![Logo](<../shared/my logo.svg> "Logo")',
          "![Photo](./img/photo%20one.JPG?v=2)",
          "![Remote](https://example.com/a.png) ![Root](/api/files/x) ![Data](data:image/png;base64,AA)",
          "![Ref][pic]",
          "",
          "[pic]: img/ref.webp",
          "",
          "```md",
          "![In code](img/missing-in-code.png)",
          "```",
          "Inline `![code](img/nope.png)` too.",
        ].join("\n"),
        "01-intro/img/diagram.png": png,
        "01-intro/img/photo one.jpg": png,
        "01-intro/img/ref.webp": png,
        "shared/my logo.svg": "<svg/>",
        "shared/unused.gif": png,
      }),
    );
    expect(result.images.map((image) => [image.path, image.contentType])).toEqual([
      ["01-intro/img/diagram.png", "image/png"],
      ["01-intro/img/photo one.jpg", "image/jpeg"],
      ["01-intro/img/ref.webp", "image/webp"],
      ["shared/my logo.svg", "image/svg+xml"],
      ["shared/unused.gif", "image/gif"],
    ]);
    expect(result.images[0]?.bytes).toEqual(png);
    expect(result.modules[0]?.lessons[0]?.images).toEqual([
      { original: "img/diagram.png", resolvedPath: "01-intro/img/diagram.png" },
      { original: "<../shared/my logo.svg>", resolvedPath: "shared/my logo.svg" },
      { original: "./img/photo%20one.JPG?v=2", resolvedPath: "01-intro/img/photo one.jpg" },
      { original: "img/ref.webp", resolvedPath: "01-intro/img/ref.webp" },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("follows reference-style images to their definitions, and leaves links and footnotes alone", () => {
    const result = importMarkdownZip(
      zip({
        "m/a.md": [
          "![Shortcut] and ![Collapsed][] and ![Full][Logo Ref]",
          "",
          "See [the docs][docs] and a footnote.[^1]",
          "",
          "[shortcut]: img/a.png",
          "[collapsed]: <img/b.png>",
          "[logo   ref]: img/c.png 'Logo'",
          "[docs]: ./other.md",
          "[unused]: img/unused-missing.png",
          "[^1]: The note.",
        ].join("\n"),
        "m/img/a.png": png,
        "m/img/b.png": png,
        "m/img/c.png": png,
      }),
    );
    expect(result.modules[0]?.lessons[0]?.images).toEqual([
      { original: "img/a.png", resolvedPath: "m/img/a.png" },
      { original: "<img/b.png>", resolvedPath: "m/img/b.png" },
      { original: "img/c.png", resolvedPath: "m/img/c.png" },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("warns about references to missing images and images outside the archive", () => {
    const result = importMarkdownZip(zip({ "m/a.md": "![x](img/missing.png)\n\n![y](../../etc/passwd.png)" }));
    expect(result.modules[0]?.lessons[0]?.images).toEqual([]);
    expect(result.warnings).toEqual([
      "“m/a.md” refers to the image “img/missing.png”, which is not in the archive. Add the image or fix the path.",
      "“m/a.md” refers to the image “../../etc/passwd.png”, which is outside the archive; the link was left as it is.",
    ]);
  });
});

describe("importMarkdownZip: limits and errors", () => {
  it("rejects data that is not a zip", () => {
    expect(importError(() => importMarkdownZip(strToU8("# Just markdown"))).message).toMatch(/not a zip archive/);
    expect(importError(() => importMarkdownZip(new Uint8Array(0))).message).toMatch(/not a zip archive/);
  });

  it("rejects a damaged zip", () => {
    const archive = zip({ "a.md": "A" });
    expect(importError(() => importMarkdownZip(archive.slice(0, archive.length - 30))).message).toMatch(/could not be read/);
  });

  it("rejects an archive without Markdown", () => {
    expect(importError(() => importMarkdownZip(zipSync({}))).message).toMatch(/no Markdown lessons/);
    expect(importError(() => importMarkdownZip(zip({ "a.txt": "x", "img.png": png }))).message).toMatch(/no Markdown lessons/);
  });

  it("rejects paths that climb out of the archive", () => {
    for (const path of ["../evil.md", "m/../../evil.md", "/etc/evil.md", "C:/evil.md", "m\\..\\..\\evil.md", "__MACOSX/../../x"]) {
      const error = importError(() => importMarkdownZip(zip({ [path]: "x", "ok.md": "ok" })));
      expect(error.message).toMatch(/points outside it/);
    }
  });

  it("rejects more lessons than allowed", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 201; i++) files[`m/${i}.md`] = "x";
    expect(importError(() => importMarkdownZip(zip(files))).message).toBe(
      "The archive contains 201 lessons; an import may have at most 200. Split the course into several archives.",
    );
    delete files["m/0.md"];
    expect(importMarkdownZip(zip(files)).modules[0]?.lessons).toHaveLength(200);
  });

  it("rejects a lesson over 200 KB, naming it", () => {
    const big = "a".repeat(200 * 1024 + 1);
    expect(importError(() => importMarkdownZip(zip({ "m/big.md": big }))).message).toMatch(/“m\/big\.md” is 201 KB; a lesson may be at most 200 KB/);
    expect(importMarkdownZip(zip({ "m/ok.md": big.slice(1) })).modules).toHaveLength(1);
  });

  it("rejects archives that unpack to more than 20 MB, counting every file", () => {
    // Zeros compress to almost nothing: the archive itself stays tiny.
    const archive = zip({ "a.md": "A", "video.mp4": new Uint8Array(21 * 1024 * 1024) });
    expect(archive.length).toBeLessThan(100 * 1024);
    expect(importError(() => importMarkdownZip(archive)).message).toMatch(/unpacks to 21\.0 MB, more than the 20\.0 MB limit/);
  });

  it("checks declared sizes before inflating anything (zip bombs)", () => {
    const bomb = forgeSizes(zip({ "a.md": "A" }), 0xfffffff0);
    expect(importError(() => importMarkdownZip(bomb)).message).toMatch(/unpacks to 4096\.0 MB/);
  });

  it("cannot be tricked by sizes that are declared too small", () => {
    const archive = forgeSizes(zip({ "a.md": "x".repeat(5000) }), 10);
    const lesson = importMarkdownZip(archive).modules[0]?.lessons[0];
    // fflate inflates into a buffer of the declared size and never grows it.
    expect(lesson?.markdown.length).toBeLessThanOrEqual(10);
  });

  it("rejects too many entries", () => {
    expect(importError(() => importMarkdownZip(zip({ "a.md": "A", "b.md": "B", "c.txt": "C" }), { maxEntries: 2 })).message).toMatch(
      /holds 3 files; an import may hold at most 2/,
    );
  });

  it("rejects compression methods fflate cannot read", () => {
    const archive = zip({ "a.md": "A" }).slice();
    const view = new DataView(archive.buffer);
    for (let i = 0; i + 4 <= archive.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 10, 14, true); // LZMA
    }
    expect(importError(() => importMarkdownZip(archive)).message).toMatch(/standard \(Deflate\) compression/);
  });

  it("takes lower limits from the caller", () => {
    expect(importError(() => importMarkdownZip(zip({ "a.md": "A", "b.md": "B" }), { maxLessons: 1 })).message).toMatch(/at most 1\./);
    expect(importError(() => importMarkdownZip(zip({ "a.md": "ABCD" }), { maxTotalBytes: 3 })).message).toMatch(/unpacks to/);
  });
});
