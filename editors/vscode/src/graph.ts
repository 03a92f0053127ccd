/**
 * The graph view: the server draws the module graph page (`graphwarden.graphPage`,
 * the page `graphwarden graph --format html` writes) into the store directory and
 * answers where it is; the extension shows that file in a webview. The page is
 * self-contained (its scripts inlined, admitted by hash in its own
 * Content-Security-Policy, no connection allowed), so it runs in the webview
 * as it is.
 *
 * This module must not import `vscode`: the flows take their effects as
 * arguments, so node's test runner exercises them.
 */

export const GRAPH_PAGE_COMMAND = "graphwarden.graphPage";

/** What `graphwarden.graphPage` answers. */
export interface GraphPage {
  /** The page's file (in the store directory). */
  path: string;
  /** file:// URI of the page, with `#path=` or `#focus=` when it opens on something. */
  uri: string;
  /** The module the page is focused on, if any. */
  module: string | null;
  /** The highlighted chain (a violation's fingerprint) the page opens on, if any. */
  pathId: string | null;
}

/** Arguments of `graphwarden.graphPage` and `graphwarden.showChain` (a code action's). */
export interface GraphTarget {
  module?: string;
  fingerprint?: string;
}

export function parseGraphPage(raw: unknown): GraphPage | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.path !== "string" || typeof r.uri !== "string") return undefined;
  return {
    path: r.path,
    uri: r.uri,
    module: typeof r.module === "string" ? r.module : null,
    pathId: typeof r.pathId === "string" ? r.pathId : null,
  };
}

/** The code action's second argument, checked (a client may pass anything on). */
export function parseGraphTarget(raw: unknown): GraphTarget {
  if (!raw || typeof raw !== "object") return {};
  const r = raw as Record<string, unknown>;
  const out: GraphTarget = {};
  if (typeof r.module === "string") out.module = r.module;
  if (typeof r.fingerprint === "string") out.fingerprint = r.fingerprint;
  return out;
}

export function graphTitle(page: GraphPage): string {
  if (page.pathId) return "graphwarden: chain";
  return page.module ? `graphwarden: ${page.module}` : "graphwarden: module graph";
}

/** What showing the graph needs from VS Code and the language client. */
export interface GraphEffects {
  /** workspace/executeCommand on the server. */
  request(command: string, args: unknown[]): Promise<unknown>;
  readFile(path: string): string;
  /** Show (or refresh) the webview with this title and page. */
  show(title: string, html: string): void;
  error(message: string): void;
}

/**
 * Ask the server for the page focused on `documentUri`'s module (Show Graph) or on
 * `target` (a code action's chain), then show it. Answers what was shown.
 */
export async function showGraphPage(
  fx: GraphEffects,
  documentUri: string | undefined,
  target: GraphTarget = {},
): Promise<GraphPage | undefined> {
  let raw: unknown;
  try {
    raw = await fx.request(GRAPH_PAGE_COMMAND, documentUri ? [documentUri, target] : [null, target]);
  } catch (err) {
    fx.error(`graphwarden: cannot draw the graph: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  const page = parseGraphPage(raw);
  if (!page) {
    fx.error("graphwarden: the server answered no graph page.");
    return undefined;
  }
  let html: string;
  try {
    html = fx.readFile(page.path);
  } catch (err) {
    fx.error(`graphwarden: cannot read ${page.path}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  fx.show(graphTitle(page), html);
  return page;
}

/** `graphwarden.showReferences`'s server answer as plain locations (bad entries dropped). */
export interface PlainLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export function parseLocations(raw: unknown): PlainLocation[] {
  if (!Array.isArray(raw)) return [];
  const isPos = (p: unknown): p is { line: number; character: number } =>
    !!p && typeof p === "object" &&
    typeof (p as { line?: unknown }).line === "number" &&
    typeof (p as { character?: unknown }).character === "number";
  const out: PlainLocation[] = [];
  for (const item of raw) {
    const r = item as { uri?: unknown; range?: { start?: unknown; end?: unknown } };
    if (typeof r?.uri === "string" && isPos(r.range?.start) && isPos(r.range?.end)) {
      out.push({ uri: r.uri, range: { start: r.range.start, end: r.range.end } });
    }
  }
  return out;
}
