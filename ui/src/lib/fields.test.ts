import { describe, expect, it } from "vitest";
import { buildEntry, emptyValues, firstLine, numberProblem, splitText, tagProblem } from "./fields";

describe("tag rules (mirroring core/src/entry.rs)", () => {
  it("accepts short words of letters, digits, - and _ (Unicode letters too, as Rust's is_alphanumeric)", () => {
    for (const tag of ["1on1", "deep-work", "hiring_2026", "Ärger", "日本"]) {
      expect(tagProblem(tag, [])).toBeNull();
    }
  });

  it("rejects spaces, punctuation and emoji, naming the rule", () => {
    for (const tag of ["deep work", "a.b", "c#", "🎉", "x/y"]) {
      expect(tagProblem(tag, [])).toMatch(/letters, digits, - and _/);
    }
  });

  it("counts length in characters, not UTF-16 units: 32 is fine, 33 is not", () => {
    expect(tagProblem("a".repeat(32), [])).toBeNull();
    expect(tagProblem("ä".repeat(32), [])).toBeNull();
    expect(tagProblem("a".repeat(33), [])).toMatch(/at most 32 characters/);
  });

  it("rejects an empty tag, a repeat, and a 33rd tag", () => {
    expect(tagProblem("", [])).toMatch(/at least one character/);
    expect(tagProblem("1on1", ["1on1"])).toMatch(/already/);
    const full = Array.from({ length: 32 }, (_, i) => `t${i}`);
    expect(tagProblem("one-more", full)).toMatch(/at most 32 tags/);
  });
});

describe("number ranges (PRODUCT §1)", () => {
  it("treats undefined (not logged) as valid and checks the bounds inclusively", () => {
    expect(numberProblem("satisfaction", undefined)).toBeNull();
    expect(numberProblem("satisfaction", 1)).toBeNull();
    expect(numberProblem("satisfaction", 10)).toBeNull();
    expect(numberProblem("satisfaction", 0)).toMatch(/1 to 10/);
    expect(numberProblem("energy", 6)).toMatch(/1 to 5/);
    expect(numberProblem("meetings", 0)).toBeNull();
    expect(numberProblem("meetings", 51)).toMatch(/0 to 50/);
    expect(numberProblem("focus_minutes", 1440)).toBeNull();
    expect(numberProblem("focus_minutes", 1441)).toMatch(/0 to 1440/);
    expect(numberProblem("technical_share", 101)).toMatch(/0 to 100/);
  });

  it("rejects fractions, which the core stores as integers", () => {
    expect(numberProblem("meetings", 2.5)).toMatch(/whole number/);
  });
});

describe("buildEntry", () => {
  it("leaves not-logged numbers out entirely and keeps a real zero", () => {
    const values = { ...emptyValues(), meetings: 0, satisfaction: 7 };
    const e = buildEntry("2026-11-27", values, ["1on1"], "text");
    expect(e).toEqual({ date: "2026-11-27", satisfaction: 7, meetings: 0, tags: ["1on1"], text: "text" });
    expect("energy" in e).toBe(false);
    expect("technical_share" in e).toBe(false);
  });
});

describe("splitText and firstLine", () => {
  it("shows the leadership complement of the technical share", () => {
    expect(splitText(40)).toBe("60% leadership · 40% technical");
    expect(splitText(0)).toBe("100% leadership · 0% technical");
    expect(splitText(undefined)).toBe("not logged");
  });

  it("takes the first non-empty line without Markdown markers", () => {
    expect(firstLine("\n\n# A heading\nmore")).toBe("A heading");
    expect(firstLine("- a bullet")).toBe("a bullet");
    expect(firstLine("Paired on **the parser**, see [notes](https://x.example/n) and `code`")).toBe(
      "Paired on the parser, see notes and code",
    );
    expect(firstLine("snake_case_name stays, _this_ goes")).toBe("snake_case_name stays, this goes");
    expect(firstLine("")).toBe("");
  });
});
