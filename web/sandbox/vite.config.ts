import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The sandbox chat page, built into dist/web/sandbox and served by the app at /sandbox/ in sandbox mode
 * (src/sandbox/chat-page). Paths are absolute so the build works from any working directory.
 */
// Vite reads the config from the default export; the one default export in the code base.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/sandbox/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../../dist/web/sandbox", import.meta.url)),
    emptyOutDir: true,
  },
});
