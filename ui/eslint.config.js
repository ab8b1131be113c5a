// ESLint (flat config) for the UI. Its main job is the layering of STYLE.md: views and
// components reach the shell only through state classes (lib/*.svelte.ts), which use lib/api.ts;
// they never import lib/api themselves (types come from lib/bindings).
import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";

const noApi = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["**/lib/api", "**/lib/api.ts", "@tauri-apps/api/core"],
          message: "Views and components use a state class (lib/*.svelte.ts), never lib/api; import types from lib/bindings.",
        },
      ],
    },
  ],
};

export default ts.config(
  { ignores: ["dist/", "node_modules/", "src/lib/bindings/"] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The state classes keep plain Maps and Sets that are derived or private, never state a
      // component watches: SvelteMap/SvelteSet would add reactivity nothing uses.
      "svelte/prefer-svelte-reactivity": "off",
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: [".svelte"] } },
  },
  {
    files: ["src/views/**", "src/components/**"],
    ignores: ["**/*.test.ts"],
    rules: noApi,
  },
  {
    files: ["**/*.test.ts", "src/test/**"],
    languageOptions: { globals: { ...globals.node } },
  },
);
