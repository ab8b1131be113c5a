// A stand-in for Chart.js in jsdom (which has no canvas): it records each chart's configuration
// so tests can check what would be drawn — never pixels. Use with
// `vi.mock("chart.js", () => import("../test/chartjs"))`.
import type { ChartConfiguration } from "chart.js";

export const drawn: Chart[] = [];

export class Chart {
  static register(): void {}
  canvas: HTMLCanvasElement;
  config: ChartConfiguration;
  destroyed = false;

  constructor(canvas: HTMLCanvasElement, config: ChartConfiguration) {
    this.canvas = canvas;
    this.config = config;
    drawn.push(this);
  }

  destroy(): void {
    this.destroyed = true;
  }
}

/** The charts still on screen. */
export function live(): Chart[] {
  return drawn.filter((c) => !c.destroyed);
}

export const CategoryScale = {};
export const Filler = {};
export const Legend = {};
export const LinearScale = {};
export const LineController = {};
export const LineElement = {};
export const PointElement = {};
export const Tooltip = {};
