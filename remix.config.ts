// Remix's Vite plugin does not read this file by itself: vite.config.ts imports these options
// and passes them to the plugin. Keep future flags and route settings here.
import type { VitePluginConfig } from "@remix-run/dev";

export const remixConfig = {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
} satisfies VitePluginConfig;
