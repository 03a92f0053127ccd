/**
 * Command wiring of the extension, kept free of `vscode` imports so the table
 * can be unit-tested against package.json's contributes.commands.
 */

export const COMMANDS = {
  restartServer: "graphwarden.restartServer",
  reindex: "graphwarden.reindex",
  showBlastRadius: "graphwarden.showBlastRadius",
  showOutput: "graphwarden.showOutput",
  showGraph: "graphwarden.showGraph",
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/**
 * Commands the server's code actions and code lenses carry: not in the command
 * palette (not contributed), run by VS Code with the arguments the server gave.
 */
export const ACTION_COMMANDS = {
  addToBaseline: "graphwarden.addToBaseline",
  showChain: "graphwarden.showChain",
  showReferences: "graphwarden.showReferences",
} as const;

export type ActionCommandId = (typeof ACTION_COMMANDS)[keyof typeof ACTION_COMMANDS];

/** Server-side commands (workspace/executeCommand). */
export const SERVER_COMMANDS = {
  blastRadius: "graphwarden.blastRadius",
  reindex: "graphwarden.reindex",
  query: "graphwarden.query",
  graphPage: "graphwarden.graphPage",
  addToBaseline: "graphwarden.addToBaseline",
  showReferences: "graphwarden.showReferences",
} as const;

/** What the extension can do; implemented in extension.ts over the vscode API. */
export interface Controller {
  restart(): Promise<void>;
  reindex(): Promise<void>;
  showBlastRadius(): Promise<void>;
  showOutput(): void;
  /** The module graph in a webview, focused on the active editor's module. */
  showGraph(): Promise<void>;
  /** A code action's: the graph opened on a violation's chain. */
  showChain(uri: unknown, target: unknown): Promise<void>;
  /** A code action's: record the violation in graphwarden-baseline.json. */
  addToBaseline(uri: unknown, fingerprint: unknown): Promise<void>;
  /** A code lens's: the references of the definition at a position. */
  showReferences(uri: unknown, position: unknown): Promise<void>;
}

export type CommandTable = Record<CommandId | ActionCommandId, (...args: unknown[]) => unknown>;

export function buildCommandTable(c: Controller): CommandTable {
  return {
    [COMMANDS.restartServer]: () => c.restart(),
    [COMMANDS.reindex]: () => c.reindex(),
    [COMMANDS.showBlastRadius]: () => c.showBlastRadius(),
    [COMMANDS.showOutput]: () => c.showOutput(),
    [COMMANDS.showGraph]: () => c.showGraph(),
    [ACTION_COMMANDS.showChain]: (uri, target) => c.showChain(uri, target),
    [ACTION_COMMANDS.addToBaseline]: (uri, fingerprint) => c.addToBaseline(uri, fingerprint),
    [ACTION_COMMANDS.showReferences]: (uri, position) => c.showReferences(uri, position),
  };
}

/**
 * Language-client features the extension replaces with its own:
 * - workspace/executeCommand: the built-in feature would register the server's
 *   commands (e.g. `graphwarden.reindex`) as VS Code commands, clashing with the
 *   extension's own command ids; the extension calls them with sendRequest.
 * - window/workDoneProgress/create: replaced to also drive the status bar.
 */
export const REPLACED_FEATURE_IDS = ["workspace/executeCommand", "window/workDoneProgress/create"] as const;

export function isReplacedFeature(state: { id?: string } | undefined): boolean {
  return !!state && typeof state.id === "string" && (REPLACED_FEATURE_IDS as readonly string[]).includes(state.id);
}
