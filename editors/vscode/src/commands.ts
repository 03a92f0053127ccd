/**
 * Command wiring of the extension, kept free of `vscode` imports so the table
 * can be unit-tested against package.json's contributes.commands.
 */

export const COMMANDS = {
  restartServer: "graphwarden.restartServer",
  reindex: "graphwarden.reindex",
  showBlastRadius: "graphwarden.showBlastRadius",
  showOutput: "graphwarden.showOutput",
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Server-side commands (workspace/executeCommand). */
export const SERVER_COMMANDS = {
  blastRadius: "graphwarden.blastRadius",
  reindex: "graphwarden.reindex",
  query: "graphwarden.query",
} as const;

/** What the extension can do; implemented in extension.ts over the vscode API. */
export interface Controller {
  restart(): Promise<void>;
  reindex(): Promise<void>;
  showBlastRadius(): Promise<void>;
  showOutput(): void;
}

export type CommandTable = Record<CommandId, (...args: unknown[]) => unknown>;

export function buildCommandTable(c: Controller): CommandTable {
  return {
    [COMMANDS.restartServer]: () => c.restart(),
    [COMMANDS.reindex]: () => c.reindex(),
    [COMMANDS.showBlastRadius]: () => c.showBlastRadius(),
    [COMMANDS.showOutput]: () => c.showOutput(),
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
