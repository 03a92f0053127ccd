import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type DynamicFeature,
  type FeatureState,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
  type WorkDoneProgressEnd,
  type Disposable as LspDisposable,
} from "vscode-languageclient/node";
import { buildCommandTable, COMMANDS, SERVER_COMMANDS, isReplacedFeature, type Controller } from "./commands";
import { parseGraphTarget, parseLocations, showGraphPage, type GraphEffects, type GraphTarget } from "./graph";
import {
  INSTALL_HINT,
  LANGUAGES,
  SECTION,
  blastRadiusItems,
  blastRadiusTitle,
  configChangeAction,
  countViolations,
  parseBlastRadius,
  resolveServerCommand,
  statusText,
  toServerSettings,
  type BlastItem,
  type ServerSettings,
  type StatusState,
} from "./settings";

const CLIENT_ID = "graphwarden"; // also makes the client read graphwarden.trace.server
const CLIENT_NAME = "graphwarden";

/** LanguageClient without the features the extension replaces (see commands.ts). */
class GraphwardenClient extends LanguageClient {
  public override registerFeature(feature: StaticFeature | DynamicFeature<unknown>): void {
    let state: FeatureState | undefined;
    try {
      state = feature.getState?.();
    } catch {
      state = undefined;
    }
    if (isReplacedFeature(state as { id?: string } | undefined)) return;
    super.registerFeature(feature);
  }
}

interface ProgressSink {
  progress(title: string, percentage: number | undefined, message: string | undefined): void;
  progressDone(): void;
}

/** Handles window/workDoneProgress/create: a window progress plus the status bar. */
class WorkDoneProgressFeature implements StaticFeature {
  private readonly active = new Map<string | number, { dispose(): void }>();

  constructor(
    private readonly client: LanguageClient,
    private readonly sink: ProgressSink,
  ) {}

  getState(): FeatureState {
    return { kind: "static" };
  }

  fillClientCapabilities(capabilities: ClientCapabilities): void {
    capabilities.window = capabilities.window ?? {};
    capabilities.window.workDoneProgress = true;
  }

  initialize(): void {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.track(params.token);
    });
  }

  private track(token: string | number): void {
    let title = "graphwarden";
    let last: { percentage?: number; message?: string } = {};
    let report: ((v: { message?: string; increment?: number }) => void) | undefined;
    let finish: (() => void) | undefined;
    let lastPct = 0;
    const done = () => {
      finish?.();
      sub.dispose();
      this.active.delete(token);
      if (this.active.size === 0) this.sink.progressDone();
    };
    const sub: LspDisposable = this.client.onProgress(
      WorkDoneProgress.type,
      token,
      (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
        if (value.kind === "begin") {
          title = value.title || title;
          last = { percentage: value.percentage, message: value.message };
          void vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title },
            (p) =>
              new Promise<void>((resolve) => {
                report = (v) => p.report(v);
                finish = resolve;
              }),
          );
        } else if (value.kind === "report") {
          last = {
            percentage: value.percentage ?? last.percentage,
            message: value.message ?? last.message,
          };
        } else {
          done();
          return;
        }
        const pct = last.percentage;
        const increment = typeof pct === "number" ? Math.max(0, pct - lastPct) : undefined;
        if (typeof pct === "number") lastPct = pct;
        report?.({ message: [typeof pct === "number" ? `${Math.round(pct)}%` : "", last.message ?? ""].filter(Boolean).join(" "), increment });
        this.sink.progress(title, last.percentage, last.message);
      },
    );
    this.active.set(token, { dispose: done });
  }

  clear(): void {
    for (const a of [...this.active.values()]) a.dispose();
    this.active.clear();
  }
}

function isExecutable(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function firstFolder(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.[0];
}

function serverSettings(scope?: vscode.Uri): ServerSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  return toServerSettings((k) => cfg.get(k));
}

class GraphwardenController implements Controller, ProgressSink, vscode.Disposable {
  private client: GraphwardenClient | undefined;
  private readonly output: vscode.OutputChannel;
  private readonly statusItem: vscode.StatusBarItem;
  private status: StatusState = { phase: "stopped", violations: 0 };
  private readonly disposables: vscode.Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor() {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME);
    this.statusItem = vscode.window.createStatusBarItem("graphwarden.status", vscode.StatusBarAlignment.Right, 100);
    this.statusItem.name = "graphwarden";
    this.disposables.push(
      this.output,
      this.statusItem,
      vscode.languages.onDidChangeDiagnostics(() => this.updateViolations()),
    );
    this.updateViolations();
  }

  // ----- lifecycle (serialised so restarts never overlap)

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<void> {
    const folder = firstFolder();
    const cfg = vscode.workspace.getConfiguration(SECTION, folder?.uri);
    const resolution = resolveServerCommand({
      path: cfg.get("path"),
      interpreter: cfg.get("interpreter"),
      envPath: process.env.PATH,
      envPathExt: process.env.PATHEXT,
      platform: process.platform,
      workspaceFolder: folder?.uri.fsPath,
      homeDir: os.homedir(),
      isExecutable,
    });
    if (!resolution.ok) {
      this.output.appendLine(`[error] ${resolution.message}`);
      this.setStatus({ phase: "error", error: "server not found" });
      void this.showStartError(`graphwarden: ${resolution.message}`);
      return;
    }
    this.output.appendLine(
      `[info] starting ${resolution.command} ${resolution.args.join(" ")} (from ${resolution.via})`,
    );

    const serverOptions: ServerOptions = {
      command: resolution.command,
      args: resolution.args,
      options: { cwd: folder?.uri.fsPath, env: { ...process.env } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.map((language) => ({ scheme: "file", language })),
      outputChannel: this.output,
      initializationOptions: serverSettings(folder?.uri),
      connectionOptions: { maxRestartCount: 4 },
      initializationFailedHandler: (error) => {
        this.output.appendLine(`[error] initialization failed: ${String(error)}`);
        return false;
      },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const base = await next(params, token);
            if (!Array.isArray(base)) return base;
            return params.items.map((item, i) =>
              item.section === SECTION
                ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : folder?.uri)
                : base[i],
            );
          },
        },
      },
    };

    const client = new GraphwardenClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    client.registerFeature(new WorkDoneProgressFeature(client, this));
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running && this.status.phase !== "indexing") this.setStatus({ phase: "ready" });
      else if (e.newState === State.Stopped) this.setStatus({ phase: "error", error: "the server stopped" });
    });
    this.client = client;
    this.setStatus({ phase: "starting" });
    try {
      await client.start();
      if (this.status.phase === "starting") this.setStatus({ phase: "ready" });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.output.appendLine(`[error] failed to start ${resolution.command}: ${msg}`);
      this.setStatus({ phase: "error", error: "the server failed to start" });
      this.client = undefined;
      try {
        await client.dispose(2000);
      } catch {
        /* already dead */
      }
      void this.showStartError(
        `graphwarden: the server failed to start (${resolution.command} ${resolution.args.join(" ")}): ${msg}. ${INSTALL_HINT}`,
      );
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.dispose(3000);
    } catch (err) {
      this.output.appendLine(`[warning] stopping the server: ${String(err)}`);
    }
    this.setStatus({ phase: "stopped" });
  }

  private async showStartError(message: string): Promise<void> {
    const openSettings = "Open Settings";
    const showOutput = "Show Output";
    const choice = await vscode.window.showErrorMessage(message, openSettings, showOutput);
    if (choice === openSettings) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "graphwarden.");
    } else if (choice === showOutput) {
      this.showOutput();
    }
  }

  // ----- settings

  onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    const action = configChangeAction((s) => e.affectsConfiguration(s));
    if (action === "restart") {
      this.output.appendLine("[info] graphwarden settings changed: restarting the server");
      void this.restart();
    } else if (action === "notify" && this.client?.isRunning()) {
      void this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: serverSettings(firstFolder()?.uri) },
      });
    }
  }

  // ----- status bar

  progress(title: string, percentage: number | undefined, message: string | undefined): void {
    this.setStatus({ phase: "indexing", percentage, message: message ?? title });
  }

  progressDone(): void {
    if (this.status.phase === "indexing") this.setStatus({ phase: this.client?.isRunning() ? "ready" : "stopped" });
  }

  private updateViolations(): void {
    const counts = countViolations(vscode.languages.getDiagnostics().map(([, d]) => d));
    this.setStatus({ violations: counts.total });
  }

  private setStatus(patch: Partial<StatusState>): void {
    this.status = { ...this.status, ...patch };
    if (patch.phase && patch.phase !== "indexing") {
      this.status.percentage = undefined;
      this.status.message = undefined;
    }
    if (patch.phase && patch.phase !== "error") this.status.error = undefined;
    const { text, tooltip } = statusText(this.status);
    this.statusItem.text = text;
    this.statusItem.tooltip = tooltip;
    this.statusItem.command =
      this.status.phase === "ready" && this.status.violations > 0
        ? "workbench.actions.view.problems"
        : COMMANDS.showOutput;
    this.statusItem.backgroundColor =
      this.status.phase === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    this.statusItem.show();
  }

  // ----- commands

  private runningClient(): GraphwardenClient | undefined {
    if (this.client?.isRunning()) return this.client;
    void vscode.window.showWarningMessage(
      "graphwarden: the language server is not running. Use 'graphwarden: Restart Server' or check the output.",
    );
    return undefined;
  }

  async reindex(): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    const res = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "graphwarden: reindexing" },
      () => client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.reindex, arguments: [] }),
    );
    const r = (res ?? {}) as { files?: unknown; seconds?: unknown };
    const files = typeof r.files === "number" ? r.files : "?";
    const secs = typeof r.seconds === "number" ? r.seconds.toFixed(1) : "?";
    void vscode.window.showInformationMessage(`graphwarden: indexed ${files} files in ${secs} s`);
  }

  async showBlastRadius(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !(LANGUAGES as readonly string[]).includes(editor.document.languageId)) {
      void vscode.window.showInformationMessage("graphwarden: open a Python or JavaScript/TypeScript file first.");
      return;
    }
    const client = this.runningClient();
    if (!client) return;
    const doc = editor.document;
    const pos = editor.selection.active;
    const raw = await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_COMMANDS.blastRadius,
      arguments: [doc.uri.toString(), { line: pos.line, character: pos.character }],
    });
    const res = parseBlastRadius(raw);
    if (!res || !res.symbol) {
      void vscode.window.showInformationMessage("graphwarden: no symbol under the cursor.");
      return;
    }
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    const items = blastRadiusItems(res, folders);
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`graphwarden: nothing depends on ${res.symbol}.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      items.map((i) => ({ ...i, item: i })),
      { title: blastRadiusTitle(res), placeHolder: "Open an affected symbol or file", matchOnDescription: true },
    );
    if (picked) await this.open(picked.item, vscode.workspace.getWorkspaceFolder(doc.uri) ?? firstFolder());
  }

  private async open(item: BlastItem, folder: vscode.WorkspaceFolder | undefined): Promise<void> {
    let uri: vscode.Uri | undefined;
    if (item.uri) uri = vscode.Uri.parse(item.uri);
    else if (item.relativePath && folder) uri = vscode.Uri.joinPath(folder.uri, item.relativePath);
    if (!uri) return;
    const selection = item.range
      ? new vscode.Range(
          item.range.start.line,
          item.range.start.character,
          item.range.end.line,
          item.range.end.character,
        )
      : undefined;
    await vscode.window.showTextDocument(uri, { selection, preview: true });
  }

  showOutput(): void {
    this.output.show(true);
  }

  // ----- the graph view, and what code actions and lenses run

  private graphPanel: vscode.WebviewPanel | undefined;

  private graphEffects(client: GraphwardenClient): GraphEffects {
    return {
      request: (command, args) => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }),
      readFile: (path) => fs.readFileSync(path, "utf8"),
      show: (title, html) => this.showWebview(title, html),
      error: (message) => void vscode.window.showErrorMessage(message),
    };
  }

  private showWebview(title: string, html: string): void {
    if (!this.graphPanel) {
      // The page loads nothing (its CSP forbids it): no local resource is needed.
      const panel = vscode.window.createWebviewPanel("graphwarden.graph", title, vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [],
      });
      panel.onDidDispose(() => {
        if (this.graphPanel === panel) this.graphPanel = undefined;
      });
      this.graphPanel = panel;
    }
    this.graphPanel.title = title;
    this.graphPanel.webview.html = html;
    this.graphPanel.reveal(vscode.ViewColumn.Beside);
  }

  async showGraph(): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    const doc = vscode.window.activeTextEditor?.document;
    const uri = doc && doc.uri.scheme === "file" ? doc.uri.toString() : undefined;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: "graphwarden: drawing the graph" },
      () => showGraphPage(this.graphEffects(client), uri),
    );
  }

  async showChain(uri: unknown, target: unknown): Promise<void> {
    const client = this.runningClient();
    if (!client) return;
    const t: GraphTarget = parseGraphTarget(target);
    await showGraphPage(this.graphEffects(client), typeof uri === "string" ? uri : undefined, t);
  }

  async addToBaseline(uri: unknown, fingerprint: unknown): Promise<void> {
    const client = this.runningClient();
    if (!client || typeof uri !== "string" || typeof fingerprint !== "string") return;
    const res = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_COMMANDS.addToBaseline,
      arguments: [uri, fingerprint],
    })) as { added?: unknown; path?: unknown } | null;
    const where = typeof res?.path === "string" ? res.path : "the baseline";
    void vscode.window.showInformationMessage(
      res?.added === 0 ? `graphwarden: already in ${where}` : `graphwarden: added to ${where}`,
    );
  }

  async showReferences(uri: unknown, position: unknown): Promise<void> {
    const client = this.runningClient();
    const p = position as { line?: unknown; character?: unknown } | undefined;
    if (!client || typeof uri !== "string" || typeof p?.line !== "number" || typeof p.character !== "number") return;
    const raw = await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_COMMANDS.showReferences,
      arguments: [uri, { line: p.line, character: p.character }],
    });
    const locations = parseLocations(raw).map(
      (l) =>
        new vscode.Location(
          vscode.Uri.parse(l.uri),
          new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character),
        ),
    );
    await vscode.commands.executeCommand(
      "editor.action.showReferences",
      vscode.Uri.parse(uri),
      new vscode.Position(p.line, p.character),
      locations,
    );
  }

  dispose(): void {
    this.graphPanel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

let controller: GraphwardenController | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const c = new GraphwardenController();
  controller = c;
  context.subscriptions.push(c);
  for (const [id, handler] of Object.entries(buildCommandTable(c))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => c.onConfigurationChanged(e)));
  void c.start();
}

export async function deactivate(): Promise<void> {
  const c = controller;
  controller = undefined;
  if (c) await c.stop();
}
