// Bundles the extension into dist/extension.js, or (--tests) each test file
// into out/*.test.js for `node --test out/`.
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const args = new Set(process.argv.slice(2));
const production = args.has("--production");

if (args.has("--tests")) {
  rmSync("out", { recursive: true, force: true });
  const entries = readdirSync("src/test")
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => join("src/test", f));
  await esbuild.build({
    entryPoints: entries,
    outdir: "out",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    sourcemap: "inline",
    external: ["vscode"],
    logLevel: "warning",
  });
} else {
  rmSync("dist", { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["vscode"],
    minify: production,
    keepNames: true,
    sourcemap: production ? false : "linked",
    logLevel: "warning",
  });
}
