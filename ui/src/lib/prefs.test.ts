import { describe, expect, it } from "vitest";
import { parsePrefs, Prefs } from "./prefs.svelte";

describe("window preferences", () => {
  it("fall back to the defaults for missing, broken or unknown values", () => {
    const defaults = { theme: "system", textSize: "normal", moreOpen: false, fillInCheckedFor: null };
    expect(parsePrefs(null)).toEqual(defaults);
    expect(parsePrefs("{not json")).toEqual(defaults);
    expect(parsePrefs('"a string"')).toEqual(defaults);
    expect(parsePrefs('{"theme":"neon","textSize":"huge","moreOpen":"yes","fillInCheckedFor":"yesterday"}')).toEqual(defaults);
    expect(parsePrefs('{"theme":"dark","textSize":"larger","moreOpen":true,"fillInCheckedFor":"2026-11-02"}')).toEqual({
      theme: "dark",
      textSize: "larger",
      moreOpen: true,
      fillInCheckedFor: "2026-11-02",
    });
  });

  it("are remembered across instances and put the theme and text size on the document", () => {
    const first = new Prefs();
    first.setTheme("dark");
    first.setTextSize("large");
    first.setMoreOpen(true);
    first.setFillInCheckedFor("2026-11-02");
    const again = new Prefs();
    expect([again.theme, again.textSize, again.moreOpen, again.fillInCheckedFor]).toEqual(["dark", "large", true, "2026-11-02"]);
    const root = document.createElement("html");
    again.apply(root);
    expect(root.dataset["theme"]).toBe("dark");
    expect(root.style.fontSize).toBe("17px");
    again.setTheme("system");
    again.apply(root);
    expect(root.dataset["theme"]).toBeUndefined();
  });
});
