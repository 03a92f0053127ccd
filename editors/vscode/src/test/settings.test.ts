import { test } from "node:test";
import * as assert from "node:assert/strict";
import {
  DEFAULT_SETTINGS,
  INSTALL_HINT,
  blastRadiusItems,
  blastRadiusTitle,
  configChangeAction,
  countViolations,
  expandPath,
  parseBlastRadius,
  resolveServerCommand,
  statusText,
  toServerSettings,
  whichSync,
} from "../settings";

test("toServerSettings: defaults for empty input", () => {
  assert.deepEqual(toServerSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(toServerSettings({}), DEFAULT_SETTINGS);
  assert.deepEqual(toServerSettings(() => undefined), DEFAULT_SETTINGS);
});

test("toServerSettings: copies valid values and drops extension-only keys", () => {
  const s = toServerSettings({
    storePath: " build/gw ",
    enrichers: { calls: false, unreferenced: false, bogus: true },
    debounceMs: 300.4,
    diagnostics: { coverage: false },
    logLevel: "debug",
    path: ["/x/graphwarden"],
    interpreter: "/usr/bin/python3",
    trace: { server: "verbose" },
  });
  assert.deepEqual(s, {
    storePath: "build/gw",
    enrichers: {
      imports: true,
      inheritance: true,
      instances: true,
      types: true,
      calls: false,
      unreferenced: false,
    },
    debounceMs: 300,
    diagnostics: { guarantees: true, coverage: false, parseErrors: true },
    logLevel: "debug",
  });
  assert.ok(!("path" in s) && !("interpreter" in s) && !("trace" in s));
});

test("toServerSettings: ill-typed values fall back to defaults", () => {
  const s = toServerSettings({
    storePath: 42,
    enrichers: "all",
    debounceMs: -5,
    diagnostics: [true],
    logLevel: "verbose",
  });
  assert.deepEqual(s, DEFAULT_SETTINGS);
  assert.equal(toServerSettings({ storePath: "   " }).storePath, "");
  assert.equal(toServerSettings({ debounceMs: Number.NaN }).debounceMs, null);
});

test("toServerSettings: debounceMs is sent only when the user set it", () => {
  // VS Code's getter returns the contributed default (null) when unset: the server
  // then follows the workspace's debounce_ms instead of a default of ours.
  assert.equal(toServerSettings((k) => (k === "debounceMs" ? null : undefined)).debounceMs, null);
  assert.equal(toServerSettings({ debounceMs: 150 }).debounceMs, 150);
});

test("toServerSettings: getter form (like WorkspaceConfiguration.get)", () => {
  const values: Record<string, unknown> = { logLevel: "error", debounceMs: 0 };
  const s = toServerSettings((k) => values[k]);
  assert.equal(s.logLevel, "error");
  assert.equal(s.debounceMs, 0);
});

test("configChangeAction: restart for path/interpreter/storePath, notify for others", () => {
  const affects = (changed: string[]) => (section: string) =>
    changed.some((c) => c === section || c.startsWith(section + "."));
  assert.equal(configChangeAction(affects(["editor.fontSize"])), "none");
  assert.equal(configChangeAction(affects(["graphwarden.path"])), "restart");
  assert.equal(configChangeAction(affects(["graphwarden.interpreter"])), "restart");
  assert.equal(configChangeAction(affects(["graphwarden.storePath"])), "restart");
  assert.equal(configChangeAction(affects(["graphwarden.debounceMs"])), "notify");
  assert.equal(configChangeAction(affects(["graphwarden.enrichers"])), "notify");
  assert.equal(configChangeAction(affects(["graphwarden.diagnostics"])), "notify");
  assert.equal(configChangeAction(affects(["graphwarden.logLevel"])), "notify");
  assert.equal(configChangeAction(affects(["graphwarden.trace.server"])), "none");
  assert.equal(configChangeAction(affects(["graphwarden.logLevel", "graphwarden.path"])), "restart");
});

const fsWith = (files: string[]) => (p: string) => files.includes(p);

test("resolve: graphwarden.path (string) wins and runs `serve`", () => {
  const r = resolveServerCommand({
    path: "/opt/gw/bin/graphwarden",
    interpreter: "/usr/bin/python3",
    envPath: "/usr/bin",
    platform: "linux",
    isExecutable: fsWith(["/opt/gw/bin/graphwarden", "/usr/bin/python3", "/usr/bin/graphwarden"]),
  });
  assert.deepEqual(r, { ok: true, command: "/opt/gw/bin/graphwarden", args: ["serve"], via: "path" });
});

test("resolve: graphwarden.path array takes the first existing candidate", () => {
  const r = resolveServerCommand({
    path: ["/nope/graphwarden", "${workspaceFolder}/.venv/bin/graphwarden"],
    workspaceFolder: "/ws",
    platform: "linux",
    isExecutable: fsWith(["/ws/.venv/bin/graphwarden"]),
  });
  assert.deepEqual(r, { ok: true, command: "/ws/.venv/bin/graphwarden", args: ["serve"], via: "path" });
});

test("resolve: graphwarden.path set but missing is an error naming it", () => {
  const r = resolveServerCommand({
    path: "/missing/graphwarden",
    envPath: "/usr/bin",
    platform: "linux",
    isExecutable: fsWith(["/usr/bin/graphwarden"]),
  });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /\/missing\/graphwarden/);
    assert.ok(r.message.includes(INSTALL_HINT));
  }
});

test("resolve: bare name in graphwarden.path is looked up on PATH", () => {
  const r = resolveServerCommand({
    path: "graphwarden-dev",
    envPath: "/a:/b",
    platform: "linux",
    isExecutable: fsWith(["/b/graphwarden-dev"]),
  });
  assert.deepEqual(r, { ok: true, command: "/b/graphwarden-dev", args: ["serve"], via: "path" });
});

test("resolve: interpreter runs `-I -m graphwarden serve` (isolated: no workspace code importable)", () => {
  const r = resolveServerCommand({
    path: [],
    interpreter: "~/venv/bin/python",
    homeDir: "/home/u",
    envPath: "/usr/bin",
    platform: "linux",
    isExecutable: fsWith(["/home/u/venv/bin/python", "/usr/bin/graphwarden"]),
  });
  assert.deepEqual(r, { ok: true, command: "/home/u/venv/bin/python", args: ["-I", "-m", "graphwarden", "serve"], via: "interpreter" });
});

test("resolve: relative interpreter is relative to the workspace folder", () => {
  const r = resolveServerCommand({
    interpreter: ".venv/bin/python",
    workspaceFolder: "/ws",
    platform: "linux",
    isExecutable: fsWith(["/ws/.venv/bin/python"]),
  });
  assert.ok(r.ok && r.command === "/ws/.venv/bin/python");
});

test("resolve: falls back to graphwarden on PATH", () => {
  const r = resolveServerCommand({
    path: "",
    interpreter: "",
    envPath: "/usr/local/bin::/usr/bin",
    platform: "linux",
    isExecutable: fsWith(["/usr/bin/graphwarden"]),
  });
  assert.deepEqual(r, { ok: true, command: "/usr/bin/graphwarden", args: ["serve"], via: "PATH" });
});

test("resolve: nothing found gives the install hint", () => {
  const r = resolveServerCommand({ envPath: "/usr/bin", platform: "linux", isExecutable: () => false });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /pip install graphwarden/);
    assert.match(r.message, /graphwarden\.path \/ graphwarden\.interpreter/);
  }
});

test("resolve: Windows PATH lookup uses PATHEXT", () => {
  const found = whichSync("graphwarden", "C:\\py\\Scripts;C:\\bin", "win32", fsWith(["C:\\py\\Scripts\\graphwarden.EXE"]), ".EXE;.CMD");
  assert.equal(found, "C:\\py\\Scripts\\graphwarden.EXE");
});

test("expandPath", () => {
  assert.equal(expandPath("~/x", undefined, "/h"), "/h/x");
  assert.equal(expandPath("${userHome}/x", undefined, "/h"), "/h/x");
  assert.equal(expandPath("graphwarden", "/ws", "/h"), "graphwarden");
  assert.equal(expandPath("bin/gw", "/ws", "/h"), "/ws/bin/gw");
  assert.equal(expandPath("/abs/gw", "/ws", "/h"), "/abs/gw");
});

test("countViolations counts only source graphwarden", () => {
  const c = countViolations([
    [
      { source: "graphwarden", severity: 0 },
      { source: "graphwarden-coverage", severity: 2 },
      { source: "graphwarden-parse", severity: 0 },
    ],
    [{ source: "graphwarden", severity: 1 }, { source: "Pylance", severity: 0 }, {}],
  ]);
  assert.deepEqual(c, { errors: 1, warnings: 1, total: 2 });
});

test("statusText", () => {
  assert.match(statusText({ phase: "indexing", percentage: 42.4, violations: 0 }).text, /indexing 42%/);
  assert.match(statusText({ phase: "indexing", violations: 0 }).text, /indexing$/);
  assert.equal(statusText({ phase: "ready", violations: 3 }).text, "$(shield) 3");
  assert.match(statusText({ phase: "ready", violations: 1 }).tooltip, /1 guarantee violation /);
  assert.equal(statusText({ phase: "ready", violations: 0 }).text, "$(shield) graphwarden");
  assert.match(statusText({ phase: "error", violations: 0, error: "server not found" }).tooltip, /server not found/);
  assert.match(statusText({ phase: "starting", violations: 0 }).text, /graphwarden/);
});

test("blast radius: parse, items, title", () => {
  const raw = {
    symbol: "app.core.service.run",
    files: ["app/web/views.py", "app/cli.py"],
    symbols: [
      {
        name: "app.web.views.index",
        kind: "function",
        uri: "file:///ws/app/web/views.py",
        range: { start: { line: 9, character: 4 }, end: { line: 9, character: 9 } },
      },
      { name: "broken" },
    ],
  };
  const res = parseBlastRadius(raw);
  assert.ok(res);
  assert.equal(res.symbols.length, 1);
  const items = blastRadiusItems(res, ["file:///ws"]);
  assert.equal(items.length, 2);
  assert.equal(items[0].description, "app/web/views.py:10");
  assert.equal(items[0].uri, "file:///ws/app/web/views.py");
  assert.match(items[0].label, /symbol-method/);
  assert.equal(items[1].relativePath, "app/cli.py");
  assert.equal(blastRadiusTitle(res), "Blast radius of app.core.service.run: 1 symbol in 2 files");
  assert.equal(parseBlastRadius(null), undefined);
  assert.deepEqual(parseBlastRadius({ symbol: null }), { symbol: null, files: [], symbols: [] });
});
