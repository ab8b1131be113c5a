import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// Tauri serves the built files itself; a fixed port keeps `tauri dev` predictable.
// Tests (`vitest`, mode "test") run the real state classes and components in jsdom with only the
// Tauri IPC faked (mockIPC); they need Svelte's browser build, hence the `browser` condition.
export default defineConfig(({ mode }) => ({
  plugins: mode === "test" ? [svelte(), svelteTesting()] : [svelte()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  ...(mode === "test" ? { resolve: { conditions: ["browser"] } } : {}),
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["./src/test/setup.ts"],
    restoreMocks: true,
  },
}));
