import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ACTION_COMMANDS,
  COMMANDS,
  REPLACED_FEATURE_IDS,
  SERVER_COMMANDS,
  buildCommandTable,
  isReplacedFeature,
  type Controller,
} from "../commands";
import { DEFAULT_SETTINGS, ENRICHERS, LANGUAGES, LOG_LEVELS, RESTART_KEYS } from "../settings";

// out/wiring.test.js -> ../package.json
const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));

test("every contributed command has a handler and vice versa", () => {
  const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  const table = buildCommandTable(fakeController().c);
  // The table also runs what code actions and lenses carry, which the palette does not list.
  assert.deepEqual(Object.keys(table).sort(), [...contributed, ...Object.values(ACTION_COMMANDS)].sort());
  assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
  for (const id of Object.values(ACTION_COMMANDS)) assert.ok(!contributed.includes(id), id);
});

test("the commands code actions carry are the server's ids, run by the extension", () => {
  // The server puts these ids in its code actions and lenses; VS Code runs them here
  // (the language client's own executeCommand feature is replaced).
  assert.equal(ACTION_COMMANDS.addToBaseline, SERVER_COMMANDS.addToBaseline);
  assert.equal(ACTION_COMMANDS.showReferences, SERVER_COMMANDS.showReferences);
  assert.equal(ACTION_COMMANDS.showChain, "graphwarden.showChain");
  assert.equal(SERVER_COMMANDS.graphPage, "graphwarden.graphPage");
});

test("command handlers call the matching controller method", async () => {
  const { c, calls } = fakeController();
  const table = buildCommandTable(c);
  await table[COMMANDS.restartServer]();
  await table[COMMANDS.reindex]();
  await table[COMMANDS.showBlastRadius]();
  await table[COMMANDS.showOutput]();
  await table[COMMANDS.showGraph]();
  await table[ACTION_COMMANDS.showChain]("file:///a.py", { fingerprint: "f" });
  await table[ACTION_COMMANDS.addToBaseline]("file:///a.py", "f");
  await table[ACTION_COMMANDS.showReferences]("file:///a.py", { line: 1, character: 2 });
  assert.deepEqual(calls, [
    "restart",
    "reindex",
    "showBlastRadius",
    "showOutput",
    "showGraph",
    'showChain file:///a.py {"fingerprint":"f"}',
    "addToBaseline file:///a.py f",
    'showReferences file:///a.py {"line":1,"character":2}',
  ]);
});

test("activation events cover the languages and workspace markers", () => {
  const events: string[] = pkg.activationEvents;
  for (const lang of LANGUAGES) assert.ok(events.includes(`onLanguage:${lang}`), lang);
  assert.ok(events.includes("workspaceContains:graphwarden.toml"));
  assert.ok(events.includes("workspaceContains:pyproject.toml"));
});

test("configuration contributes mirror the server settings and defaults", () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; enum?: string[] }>;
  assert.equal(props["graphwarden.storePath"].default, DEFAULT_SETTINGS.storePath);
  assert.equal(props["graphwarden.debounceMs"].default, DEFAULT_SETTINGS.debounceMs);
  assert.deepEqual(props["graphwarden.enrichers"].default, DEFAULT_SETTINGS.enrichers);
  assert.deepEqual(Object.keys(props["graphwarden.enrichers"].default as object).sort(), [...ENRICHERS].sort());
  assert.deepEqual(props["graphwarden.diagnostics"].default, DEFAULT_SETTINGS.diagnostics);
  assert.equal(props["graphwarden.logLevel"].default, DEFAULT_SETTINGS.logLevel);
  assert.deepEqual(props["graphwarden.logLevel"].enum, [...LOG_LEVELS]);
  assert.deepEqual(props["graphwarden.trace.server"].enum, ["off", "messages", "verbose"]);
  for (const k of ["path", "interpreter", ...RESTART_KEYS]) assert.ok(props[`graphwarden.${k}`], k);
  for (const k of Object.keys(DEFAULT_SETTINGS)) assert.ok(props[`graphwarden.${k}`], k);
});

test("untrusted workspaces cannot choose the program to run or where to write", () => {
  const untrusted = pkg.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, "limited");
  assert.deepEqual([...untrusted.restrictedConfigurations].sort(), [
    "graphwarden.interpreter",
    "graphwarden.path",
    "graphwarden.storePath",
  ]);
});

test("package.json entry point and scripts", () => {
  assert.equal(pkg.main, "./dist/extension.js");
  for (const s of ["typecheck", "lint", "test", "package"]) assert.ok(pkg.scripts[s], s);
  assert.ok(pkg.dependencies["vscode-languageclient"].startsWith("^9"));
});

test("replaced language-client features", () => {
  assert.ok(isReplacedFeature({ id: "workspace/executeCommand" }));
  assert.ok(isReplacedFeature({ id: "window/workDoneProgress/create" }));
  assert.ok(!isReplacedFeature({ id: "textDocument/hover" }));
  assert.ok(!isReplacedFeature({}));
  assert.ok(!isReplacedFeature(undefined));
  assert.equal(REPLACED_FEATURE_IDS.length, 2);
});

function fakeController(): { c: Controller; calls: string[] } {
  const calls: string[] = [];
  const c: Controller = {
    restart: async () => void calls.push("restart"),
    reindex: async () => void calls.push("reindex"),
    showBlastRadius: async () => void calls.push("showBlastRadius"),
    showOutput: () => void calls.push("showOutput"),
    showGraph: async () => void calls.push("showGraph"),
    showChain: async (uri, target) => void calls.push(`showChain ${String(uri)} ${JSON.stringify(target)}`),
    addToBaseline: async (uri, fp) => void calls.push(`addToBaseline ${String(uri)} ${String(fp)}`),
    showReferences: async (uri, pos) => void calls.push(`showReferences ${String(uri)} ${JSON.stringify(pos)}`),
  };
  return { c, calls };
}
