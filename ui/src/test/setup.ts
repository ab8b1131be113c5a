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
