import { describe, expect, it } from "vitest";
import { readTheme } from "./chart";

// The report's series colours (core/src/report/charts/mod.rs BLUE, TEAL, ORANGE); the core's
// test pins the same values as the light side of app.css's --chart-* (vitest loads no CSS).
const REPORT = { blue: "#2563eb", teal: "#0d9488", orange: "#d97706" } as const;

describe("chart theme", () => {
  it("reads the series colours into the theme, falling back to the report's without a stylesheet", () => {
    const theme = readTheme();
    expect({ blue: theme.blue, teal: theme.teal, orange: theme.orange }).toEqual(REPORT);
    expect(document.body.children).toHaveLength(0); // the probe is gone again
  });

  it("takes a variable's value when the page defines it, resolved to rgb() for withAlpha", () => {
    document.documentElement.style.setProperty("--chart-teal", "#123456");
    try {
      expect(readTheme().teal).toBe("rgb(18, 52, 86)");
    } finally {
      document.documentElement.style.removeProperty("--chart-teal");
    }
  });
});
