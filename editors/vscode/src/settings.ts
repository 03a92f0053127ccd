/**
 * Pure logic of the graphwarden extension: settings normalisation, server
 * executable resolution, restart decisions, status text, blast-radius items.
 *
 * This module must not import `vscode` so that node's test runner can load it.
 */
import * as path from "node:path";

export const SECTION = "graphwarden";

export const LANGUAGES = [
  "python",
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
] as const;

export const ENRICHERS = [
  "imports",
  "inheritance",
  "instances",
  "types",
  "calls",
  "unreferenced",
] as const;
export type EnricherName = (typeof ENRICHERS)[number];

export const LOG_LEVELS = ["error", "warning", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings the server understands (initializationOptions / workspace/configuration). */
export interface ServerSettings {
  storePath: string;
  enrichers: Record<EnricherName, boolean>;
  /** null = not chosen by the user: the workspace's `debounce_ms` decides. */
  debounceMs: number | null;
  diagnostics: { guarantees: boolean; coverage: boolean; parseErrors: boolean };
  logLevel: LogLevel;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  /** "" = not chosen by the user: the workspace's own setting (kept inside it) decides. */
  storePath: "",
  enrichers: {
    imports: true,
    inheritance: true,
    instances: true,
    types: true,
    calls: true,
    unreferenced: true,
  },
  /** null = not chosen by the user: the workspace's `debounce_ms` (graphwarden.toml) decides. */
  debounceMs: null,
  diagnostics: { guarantees: true, coverage: true, parseErrors: true },
  logLevel: "info",
};

/** Settings that only the extension reads. */
export const EXTENSION_ONLY_KEYS = ["path", "interpreter", "trace"] as const;

/** graphwarden.* keys whose change needs a server restart. */
export const RESTART_KEYS = ["path", "interpreter", "storePath"] as const;

/** Diagnostic sources published by the server. */
export const SOURCE_GUARANTEES = "graphwarden";
export const SOURCE_COVERAGE = "graphwarden-coverage";
export const SOURCE_PARSE = "graphwarden-parse";

export const INSTALL_HINT =
  "Install graphwarden with `pip install graphwarden` (or `pip install .` in its repository) or set graphwarden.path / graphwarden.interpreter.";

type Getter = (key: string) => unknown;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function bool(v: unknown, dflt: boolean): boolean {
  return typeof v === "boolean" ? v : dflt;
}

/**
 * Build the settings object sent to the server from a getter over the
 * `graphwarden` configuration section (e.g. `(k) => cfg.get(k)`), or from a
 * plain object. Unknown or ill-typed values fall back to defaults.
 */
export function toServerSettings(source: Getter | Record<string, unknown> | undefined): ServerSettings {
  const get: Getter =
    typeof source === "function" ? source : (k) => (isRecord(source) ? source[k] : undefined);

  const storePathRaw = get("storePath");
  const storePath =
    typeof storePathRaw === "string" && storePathRaw.trim() !== "" ? storePathRaw.trim() : DEFAULT_SETTINGS.storePath;

  const enrichersRaw = get("enrichers");
  const enrichers = { ...DEFAULT_SETTINGS.enrichers };
  if (isRecord(enrichersRaw)) {
    for (const name of ENRICHERS) enrichers[name] = bool(enrichersRaw[name], true);
  }

  // Sent only as the user's choice: a default here would hide the workspace's debounce_ms.
  const debounceRaw = get("debounceMs");
  const debounceMs =
    typeof debounceRaw === "number" && Number.isFinite(debounceRaw) && debounceRaw >= 0
      ? Math.round(debounceRaw)
      : DEFAULT_SETTINGS.debounceMs;

  const diagRaw = get("diagnostics");
  const d = DEFAULT_SETTINGS.diagnostics;
  const diagnostics = isRecord(diagRaw)
    ? {
        guarantees: bool(diagRaw.guarantees, d.guarantees),
        coverage: bool(diagRaw.coverage, d.coverage),
        parseErrors: bool(diagRaw.parseErrors, d.parseErrors),
      }
    : { ...d };

  const levelRaw = get("logLevel");
  const logLevel = (LOG_LEVELS as readonly string[]).includes(levelRaw as string)
    ? (levelRaw as LogLevel)
    : DEFAULT_SETTINGS.logLevel;

  return { storePath, enrichers, debounceMs, diagnostics, logLevel };
}

/** Given a predicate `affects("graphwarden.x")`, decide what a config change needs. */
export function configChangeAction(affects: (section: string) => boolean): "restart" | "notify" | "none" {
  if (!affects(SECTION)) return "none";
  if (RESTART_KEYS.some((k) => affects(`${SECTION}.${k}`))) return "restart";
  // trace.server is applied by the language client itself
  const serverKeys = Object.keys(DEFAULT_SETTINGS);
  if (serverKeys.some((k) => affects(`${SECTION}.${k}`))) return "notify";
  return "none";
}

// ---------------------------------------------------------------------------
// Executable resolution

export interface ResolveInput {
  /** graphwarden.path: string or array of candidate paths (first usable wins). */
  path?: unknown;
  /** graphwarden.interpreter */
  interpreter?: unknown;
  /** value of PATH */
  envPath?: string;
  /** PATHEXT on Windows */
  envPathExt?: string;
  platform?: NodeJS.Platform;
  /** first workspace folder (fs path) for ${workspaceFolder} and relative paths */
  workspaceFolder?: string;
  homeDir?: string;
  /** true when the file exists and is executable */
  isExecutable: (p: string) => boolean;
}

export type Resolution =
  | { ok: true; command: string; args: string[]; via: "path" | "interpreter" | "PATH" }
  | { ok: false; message: string };

export function expandPath(p: string, workspaceFolder?: string, homeDir?: string): string {
  let out = p.trim();
  if (workspaceFolder) out = out.split("${workspaceFolder}").join(workspaceFolder);
  if (homeDir) {
    out = out.split("${userHome}").join(homeDir);
    if (out === "~") out = homeDir;
    else if (out.startsWith("~/")) out = homeDir + out.slice(1);
  }
  // a bare command name (no separator) is looked up on PATH, not made absolute
  const hasSep = out.includes("/") || out.includes("\\");
  if (workspaceFolder && hasSep && !path.isAbsolute(out) && !/^[A-Za-z]:[\\/]/.test(out)) {
    out = path.join(workspaceFolder, out);
  }
  return out;
}

function toList(v: unknown): string[] {
  if (typeof v === "string") return v.trim() ? [v] : [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x.trim() !== "");
  return [];
}

/** Look `name` up on PATH; returns the full path or undefined. */
export function whichSync(
  name: string,
  envPath: string | undefined,
  platform: NodeJS.Platform,
  isExecutable: (p: string) => boolean,
  envPathExt?: string,
): string | undefined {
  if (name.includes("/") || name.includes("\\")) return isExecutable(name) ? name : undefined;
  const sep = platform === "win32" ? ";" : ":";
  const exts =
    platform === "win32" ? ["", ...(envPathExt ?? ".EXE;.CMD;.BAT;.COM").split(";").filter(Boolean)] : [""];
  const join = platform === "win32" ? path.win32.join : path.posix.join;
  for (const dir of (envPath ?? "").split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Order: graphwarden.path (`<exe> serve`), graphwarden.interpreter
 * (`<python> -I -m graphwarden serve`: isolated mode, so nothing in the workspace or the working directory is importable), `graphwarden` on PATH (`graphwarden serve`).
 */
export function resolveServerCommand(input: ResolveInput): Resolution {
  const platform = input.platform ?? process.platform;
  const expand = (p: string) => expandPath(p, input.workspaceFolder, input.homeDir);
  const find = (p: string) => whichSync(p, input.envPath, platform, input.isExecutable, input.envPathExt);

  const paths = toList(input.path).map(expand);
  if (paths.length > 0) {
    for (const p of paths) {
      const found = find(p);
      if (found) return { ok: true, command: found, args: ["serve"], via: "path" };
    }
    return {
      ok: false,
      message: `graphwarden.path is set to ${paths.map((p) => `"${p}"`).join(", ")} but no such executable exists. ${INSTALL_HINT}`,
    };
  }

  const interp = toList(input.interpreter).map(expand)[0];
  if (interp) {
    const found = find(interp);
    if (found) return { ok: true, command: found, args: ["-I", "-m", "graphwarden", "serve"], via: "interpreter" };
    return {
      ok: false,
      message: `graphwarden.interpreter is set to "${interp}" but no such executable exists. ${INSTALL_HINT}`,
    };
  }

  const onPath = find("graphwarden");
  if (onPath) return { ok: true, command: onPath, args: ["serve"], via: "PATH" };

  return { ok: false, message: `The graphwarden language server was not found on PATH. ${INSTALL_HINT}` };
}

// ---------------------------------------------------------------------------
// Status bar

export interface DiagLike {
  source?: string;
  /** vscode.DiagnosticSeverity: 0 Error, 1 Warning, 2 Information, 3 Hint */
  severity?: number;
}

/** Count guarantee violations (source "graphwarden") across all files. */
export function countViolations(all: Iterable<readonly DiagLike[]>): { errors: number; warnings: number; total: number } {
  let errors = 0;
  let warnings = 0;
  let total = 0;
  for (const list of all) {
    for (const d of list) {
      if (d.source !== SOURCE_GUARANTEES) continue;
      total++;
      if (d.severity === 0) errors++;
      else if (d.severity === 1) warnings++;
    }
  }
  return { errors, warnings, total };
}

export interface StatusState {
  phase: "starting" | "indexing" | "ready" | "error" | "stopped";
  percentage?: number;
  message?: string;
  violations: number;
  error?: string;
}

export function statusText(s: StatusState): { text: string; tooltip: string } {
  switch (s.phase) {
    case "starting":
      return { text: "$(loading~spin) graphwarden", tooltip: "graphwarden: starting the language server" };
    case "indexing": {
      const pct = typeof s.percentage === "number" ? ` ${Math.max(0, Math.min(100, Math.round(s.percentage)))}%` : "";
      return {
        text: `$(sync~spin) graphwarden: indexing${pct}`,
        tooltip: `graphwarden: indexing${pct}${s.message ? ` — ${s.message}` : ""}`,
      };
    }
    case "error":
      return {
        text: "$(error) graphwarden",
        tooltip: `graphwarden: ${s.error ?? "the server is not running"} (click for the output)`,
      };
    case "stopped":
      return { text: "$(circle-slash) graphwarden", tooltip: "graphwarden: the server is stopped" };
    case "ready":
    default:
      if (s.violations > 0) {
        const noun = s.violations === 1 ? "violation" : "violations";
        return {
          text: `$(shield) ${s.violations}`,
          tooltip: `graphwarden: ${s.violations} guarantee ${noun} (click for the Problems panel)`,
        };
      }
      return { text: "$(shield) graphwarden", tooltip: "graphwarden: no guarantee violations" };
  }
}

// ---------------------------------------------------------------------------
// Blast radius

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}
export interface BlastRadiusResult {
  symbol: string | null;
  files: string[];
  symbols: { name: string; kind: string; uri: string; range: LspRange }[];
}

export interface BlastItem {
  label: string;
  description?: string;
  detail?: string;
  /** absolute URI string (symbols) */
  uri?: string;
  /** workspace-relative path (files without a symbol entry) */
  relativePath?: string;
  range?: LspRange;
}

export function parseBlastRadius(raw: unknown): BlastRadiusResult | undefined {
  if (!isRecord(raw)) return undefined;
  const symbol = typeof raw.symbol === "string" ? raw.symbol : null;
  const files = Array.isArray(raw.files) ? raw.files.filter((f): f is string => typeof f === "string") : [];
  const symbols: BlastRadiusResult["symbols"] = [];
  if (Array.isArray(raw.symbols)) {
    for (const s of raw.symbols) {
      if (!isRecord(s) || typeof s.name !== "string" || typeof s.uri !== "string") continue;
      const r = isRecord(s.range) ? (s.range as unknown as LspRange) : undefined;
      const range =
        r && isRecord(r.start) && isRecord(r.end)
          ? r
          : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      symbols.push({ name: s.name, kind: typeof s.kind === "string" ? s.kind : "symbol", uri: s.uri, range });
    }
  }
  return { symbol, files, symbols };
}

/** Relative display path of a file: URI against the workspace folder URIs. */
export function displayPath(uri: string, folderUris: readonly string[]): string {
  for (const f of folderUris) {
    const base = f.endsWith("/") ? f : f + "/";
    if (uri.startsWith(base)) return decodeURIComponent(uri.slice(base.length));
  }
  return decodeURIComponent(uri.replace(/^file:\/\//, ""));
}

export function blastRadiusItems(res: BlastRadiusResult, folderUris: readonly string[] = []): BlastItem[] {
  const items: BlastItem[] = [];
  const covered = new Set<string>();
  for (const s of res.symbols) {
    const rel = displayPath(s.uri, folderUris);
    covered.add(rel);
    items.push({
      label: `${kindIcon(s.kind)} ${s.name}`,
      description: `${rel}:${s.range.start.line + 1}`,
      detail: s.kind,
      uri: s.uri,
      range: s.range,
    });
  }
  for (const f of res.files) {
    if (covered.has(f)) continue;
    items.push({ label: `$(file) ${f}`, description: "file", relativePath: f });
  }
  return items;
}

export function blastRadiusTitle(res: BlastRadiusResult): string {
  const files = new Set([...res.files]);
  const n = res.symbols.length;
  return `Blast radius of ${res.symbol ?? "?"}: ${n} symbol${n === 1 ? "" : "s"} in ${files.size} file${files.size === 1 ? "" : "s"}`;
}

export function kindIcon(kind: string): string {
  switch (kind.toLowerCase()) {
    case "function":
    case "method":
      return "$(symbol-method)";
    case "class":
      return "$(symbol-class)";
    case "module":
    case "file":
      return "$(symbol-file)";
    case "variable":
    case "attribute":
      return "$(symbol-variable)";
    default:
      return "$(symbol-misc)";
  }
}
