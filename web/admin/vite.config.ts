import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web admin panel, built into dist/web/admin and served by the app at /admin
 * (src/http/routes/admin/admin-assets.ts). Paths are absolute so the build works from any directory.
 */
// Vite reads the config from the default export.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/admin/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../../dist/web/admin", import.meta.url)),
    emptyOutDir: true,
  },
});
