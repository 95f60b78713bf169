import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The Telegram Mini App, built into dist/web/miniapp and served by the app at /app
 * (src/http/routes/miniapp/miniapp-assets.ts). Paths are absolute so the build works from any
 * working directory; the texts come from locales/ at the repository root.
 */
// Vite reads the config from the default export.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../../dist/web/miniapp", import.meta.url)),
    emptyOutDir: true,
  },
});
