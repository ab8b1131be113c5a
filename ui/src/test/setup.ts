import { afterEach } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";

// Each test installs its own fake backend; none may leak into the next.
afterEach(() => {
  clearMocks();
});
