// Chart.js in the Insights view (and only there: this module is part of its lazy chunk). Only
// the pieces the charts use are registered, so the rest of Chart.js is left out of the bundle.
// Colours come from the theme's CSS variables and follow a light/dark switch; nothing is styled
// inline (Tauri's CSP nonces make the webview ignore inline styles).
import {
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import type { Attachment } from "svelte/attachments";
import { untrack } from "svelte";
import type { CategoryConfig, LineConfig, Theme } from "./chartConfigs";

let registered = false;

function register(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip, Legend);
  registered = true;
}

/** The theme's colours as they are now (light or dark). The variables hold `light-dark(…)`,
 *  which a canvas cannot be relied on to resolve and `withAlpha` cannot blend: each is resolved
 *  to the `rgb(…)` the page uses now through a hidden probe (styled through the CSSOM, which the
 *  CSP allows), with the raw value, then a light fallback, where that fails (jsdom). */
export function readTheme(): Theme {
  const css = getComputedStyle(document.documentElement);
  const probe = document.createElement("span");
  probe.hidden = true;
  document.body.append(probe);
  const v = (name: string, fallback: string): string => {
    const raw = css.getPropertyValue(name).trim();
    if (!raw) return fallback;
    probe.style.color = "";
    probe.style.color = raw;
    // Refused (no light-dark() support): the probe would only show the inherited colour.
    if (!probe.style.color) return raw;
    const used = getComputedStyle(probe).color;
    return /^rgba?\(/.test(used) ? used : raw;
  };
  try {
    return {
      text: v("--text", "#1d2125"),
      muted: v("--muted", "#5c636b"),
      border: v("--border", "#d5d2cb"),
      danger: v("--danger", "#a8322d"),
      surface: v("--surface", "#ffffff"),
      // The report's series colours (app.css --chart-*).
      blue: v("--chart-blue", "#2563eb"),
      teal: v("--chart-teal", "#0d9488"),
      orange: v("--chart-orange", "#d97706"),
    };
  } finally {
    probe.remove();
  }
}

/** Diagonal hatching, so an area is told apart by pattern and not by colour alone. */
export function hatch(color: string): CanvasPattern | string {
  const tile = document.createElement("canvas");
  tile.width = tile.height = 8;
  const ctx = tile.getContext("2d");
  if (!ctx) return color;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(0, 8);
  ctx.lineTo(8, 0);
  ctx.stroke();
  return ctx.createPattern(tile, "repeat") ?? color;
}

/** A media query, or null where there is none (jsdom). */
const media = (query: string): MediaQueryList | null => (typeof matchMedia === "function" ? matchMedia(query) : null);

/**
 * Draws `build(theme)` on the canvas and keeps it current: the attachment re-runs (a fresh
 * chart) when the data `build` reads changes, and redraws when the colour scheme flips.
 */
export function chart(build: (theme: Theme) => LineConfig | CategoryConfig): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    register();
    const draw = (config: LineConfig | CategoryConfig): Chart => {
      if (media("(prefers-reduced-motion: reduce)")?.matches && config.options) config.options.animation = false;
      return untrack(() => new Chart(canvas, config as ChartConfiguration));
    };
    let instance = draw(build(readTheme()));
    const scheme = media("(prefers-color-scheme: dark)");
    const redraw = (): void => {
      instance.destroy();
      instance = draw(untrack(() => build(readTheme())));
    };
    scheme?.addEventListener("change", redraw);
    return () => {
      scheme?.removeEventListener("change", redraw);
      instance.destroy();
    };
  };
}
