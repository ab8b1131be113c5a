import { afterEach, beforeEach } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";

// Each test installs its own fake backend; none may leak into the next.
afterEach(() => {
  clearMocks();
});

// Remembered preferences (theme, text size, More) start from the defaults in every test.
beforeEach(() => {
  localStorage.clear();
});

// jsdom lays nothing out, so it has no ResizeObserver; Svelte's size bindings need one. This
// one reports nothing, as nothing in jsdom has a size.
if (!("ResizeObserver" in globalThis)) {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
