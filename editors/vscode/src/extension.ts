// The VS Code side of nianbao: starts `nianbao lsp` for report documents, keeps it running
// (restarts after a crash with back-off), shows its state and the open report's deadline in
// the status bar, and adds the commands the server alone cannot offer.

import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { Backoff } from './backoff';
import { daysUntil, looksLikeReport, reportInfo, todayInChina } from './report';
import { resolveServer, Resolved } from './server';
import { serverSettings } from './settings';
import { checkWorkspace } from './workspaceCheck';

const LANG = 'nianbao';
/** The server's command that writes a new report (server/src/lsp/mod.rs: NEW_REPORT_COMMAND). */
const SERVER_NEW_REPORT = 'nianbao.newReport';
const t = vscode.l10n.t;

type Phase =
  | { kind: 'stopped' }
  | { kind: 'starting' }
  | { kind: 'running' }
  | { kind: 'restarting'; delayMs: number; crashes: number }
  | { kind: 'error'; message: string };

class Nianbao implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private resolved: Resolved | undefined;
  private phase: Phase = { kind: 'stopped' };
  private readonly backoff = new Backoff();
  private skipWait: (() => void) | undefined;
  private stopping = false;
  private starting: Promise<void> | undefined;
  private readonly output = vscode.window.createOutputChannel('nianbao', { log: true });
  private readonly status = vscode.window.createStatusBarItem('nianbao.status', vscode.StatusBarAlignment.Right, 100);
  private readonly workspaceDiagnostics = vscode.languages.createDiagnosticCollection('nianbao-workspace');
  private readonly detected = new Set<string>();
  private readonly hoverDocs = new Map<string, string>();
  private readonly hoverDocChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.name = 'nianbao';
    this.status.command = 'nianbao.statusMenu';
    this.disposables.push(this.output, this.status, this.workspaceDiagnostics, this.hoverDocChanged);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  // ── Server lifecycle ──────────────────────────────────────────────────────────────────────

  /** Starts the server unless it runs (or is starting) already. */
  ensureStarted(): Promise<void> {
    if (this.client || this.starting) return this.starting ?? Promise.resolve();
    this.starting = this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('nianbao');
  }

  private async start(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const resolved = resolveServer(this.config().get<string>('server.path'), this.context.extensionPath, folder);
    if ('error' in resolved) {
      this.setPhase({ kind: 'error', message: resolved.error });
      this.output.appendLine(`[nianbao] ${resolved.error}`);
      const settings = t('Open Settings');
      void vscode.window.showErrorMessage(t('nianbao: cannot start the language server: {0}', resolved.error), settings).then((choice) => {
        if (choice === settings) void vscode.commands.executeCommand('workbench.action.openSettings', 'nianbao.server.path');
      });
      return;
    }
    this.resolved = resolved;
    this.output.appendLine(`[nianbao] starting ${resolved.command} lsp (${resolved.source})`);
    const serverOptions: ServerOptions = { command: resolved.command, args: ['lsp'] };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: LANG },
        { scheme: 'untitled', language: LANG },
      ],
      initializationOptions: serverSettings(this.config()),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        workspace: {
          // The server asks for the `nianbao` section: answer with the keys it knows only.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) return answers;
            return params.items.map((item, i) => (item.section === 'nianbao' ? serverSettings(this.config()) : answers[i]));
          },
        },
      },
      errorHandler: {
        error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
        closed: async () => {
          if (this.stopping) return { action: CloseAction.DoNotRestart, handled: true };
          const delay = this.backoff.crashed(Date.now());
          if (delay === undefined) {
            const message = t('The language server stopped {0} times in a row and is not restarted. Run "nianbao: Restart the Language Server" after fixing the cause (see the output).', this.backoff.maxAttempts);
            this.setPhase({ kind: 'error', message });
            void vscode.window.showErrorMessage(message);
            return { action: CloseAction.DoNotRestart, handled: true };
          }
          this.output.appendLine(`[nianbao] the server exited; restarting in ${delay} ms (crash ${this.backoff.crashes})`);
          this.setPhase({ kind: 'restarting', delayMs: delay, crashes: this.backoff.crashes });
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            this.skipWait = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.skipWait = undefined;
          // Stopped meanwhile (a manual restart or deactivation): that one starts its own server.
          if (this.stopping || this.client !== client) return { action: CloseAction.DoNotRestart, handled: true };
          return { action: CloseAction.Restart, handled: true };
        },
      },
    };
    const client = new LanguageClient(LANG, 'nianbao', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running) {
        this.backoff.started(Date.now());
        this.setPhase({ kind: 'running' });
      } else if (e.newState === State.Starting) {
        if (this.phase.kind !== 'restarting') this.setPhase({ kind: 'starting' });
      } else if (e.newState === State.StartFailed) {
        this.setPhase({ kind: 'error', message: t('the language server failed to start (see the output)') });
      } else if (e.newState === State.Stopped && this.phase.kind !== 'error' && !this.stopping) {
        this.setPhase({ kind: 'stopped' });
      }
    });
    this.setPhase({ kind: 'starting' });
    try {
      await client.start();
    } catch (e) {
      this.setPhase({ kind: 'error', message: String(e instanceof Error ? e.message : e) });
      this.output.appendLine(`[nianbao] start failed: ${String(e)}`);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.stopping = true;
    try {
      this.skipWait?.();
      await client.dispose(3000);
    } catch (e) {
      this.output.appendLine(`[nianbao] stop: ${String(e)}`);
    } finally {
      this.stopping = false;
    }
  }

  async restart(): Promise<void> {
    this.backoff.reset();
    await this.stop();
    this.setPhase({ kind: 'stopped' });
    await this.ensureStarted();
  }

  /** Settings changed: a new server path needs a restart, anything else is sent to the server. */
  async configurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!e.affectsConfiguration('nianbao')) return;
    if (e.affectsConfiguration('nianbao.server.path')) {
      if (this.client) await this.restart();
      return;
    }
    if (this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { nianbao: serverSettings(this.config()) } });
    }
    this.updateStatus();
  }

  // ── Status bar ────────────────────────────────────────────────────────────────────────────

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.updateStatus();
  }

  updateStatus(): void {
    const editor = vscode.window.activeTextEditor;
    const isReport = editor?.document.languageId === LANG;
    const item = this.status;
    item.backgroundColor = undefined;
    const tooltip = new vscode.MarkdownString('', true);
    const version = this.client?.initializeResult?.serverInfo?.version;
    const server = this.resolved ? `\`${this.resolved.command}\` (${this.resolved.source})` : '—';
    switch (this.phase.kind) {
      case 'error':
        item.text = `$(error) ${t('nianbao')}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        tooltip.appendMarkdown(`**${t('nianbao: error')}**\n\n${this.phase.message}\n\n`);
        break;
      case 'restarting':
        item.text = `$(sync~spin) ${t('nianbao: restarting')}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        tooltip.appendMarkdown(t('The language server exited; restarting in {0} s (attempt {1}).', Math.round(this.phase.delayMs / 1000), this.phase.crashes) + '\n\n');
        break;
      case 'starting':
        item.text = `$(sync~spin) ${t('nianbao')}`;
        tooltip.appendMarkdown(t('Starting the language server…') + '\n\n');
        break;
      case 'stopped':
        item.text = `$(circle-slash) ${t('nianbao')}`;
        tooltip.appendMarkdown(t('The language server is not running.') + '\n\n');
        break;
      case 'running': {
        item.text = `$(check) ${t('nianbao')}`;
        tooltip.appendMarkdown(t('The language server is running.') + '\n\n');
        break;
      }
    }
    if (isReport && editor) {
      const cfg = this.config();
      const info = reportInfo(editor.document.getText(new vscode.Range(0, 0, 60, 0)), {
        level: serverSettings(cfg).level,
        deadline: serverSettings(cfg).deadline,
      });
      if (info) {
        const today = serverSettings(cfg).today ?? todayInChina();
        const days = daysUntil(info.deadline, today);
        const when = days < 0 ? t('{0} days overdue', -days) : days === 0 ? t('due today') : t('{0} days left', days);
        if (this.phase.kind === 'running') {
          item.text = `$(check) ${t('{0} report · due {1}', info.year, info.deadline)}`;
        }
        const levelName = info.level === 'government' ? t('a government at county level or above') : t('a department of a government at county level or above');
        const levelFrom = info.levelFrom === 'setting' ? t('from the setting nianbao.level') : info.levelFrom === 'name' ? t('from the name of the body') : t('assumed');
        tooltip.appendMarkdown(
          [
            `**${t('Report on {0}', info.year)}**${info.body ? ` · ${info.body}` : ''}`,
            '',
            `- ${t('Publication deadline: {0} ({1})', info.deadline, when)}`,
            `- ${t('Applies to {0} ({1})', levelName, levelFrom)}${info.clause ? ` · ${info.clause}` : ''}`,
          ].join('\n') + '\n\n',
        );
      }
    }
    tooltip.appendMarkdown(`${t('Server')}: ${server}${version ? ` · v${version}` : ''}`);
    item.tooltip = tooltip;
    if (isReport || this.phase.kind === 'error' || this.phase.kind === 'restarting') item.show();
    else item.hide();
  }

  // ── Report detection ──────────────────────────────────────────────────────────────────────

  /** A `.txt` file that reads like a report becomes a nianbao document (once: the user may switch back). */
  async detect(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId === LANG) {
      void this.ensureStarted();
      this.workspaceDiagnostics.delete(doc.uri);
      return;
    }
    if (doc.languageId !== 'plaintext' || !this.config().get<boolean>('detectReports', true)) return;
    if (!['file', 'untitled'].includes(doc.uri.scheme)) return;
    const key = doc.uri.toString();
    if (this.detected.has(key)) return;
    this.detected.add(key);
    if (looksLikeReport(doc.getText(new vscode.Range(0, 0, 20, 0)))) {
      this.output.appendLine(`[nianbao] ${doc.uri.fsPath} reads like an annual report: language set to nianbao`);
      await vscode.languages.setTextDocumentLanguage(doc, LANG);
    }
  }

  // ── Commands ──────────────────────────────────────────────────────────────────────────────

  private async runningClient(): Promise<LanguageClient | undefined> {
    await this.ensureStarted();
    if (this.client && !this.client.isRunning()) {
      await new Promise<void>((resolve) => {
        const sub = this.client!.onDidChangeState((e) => {
          if (e.newState !== State.Starting) {
            sub.dispose();
            resolve();
          }
        });
        setTimeout(() => {
          sub.dispose();
          resolve();
        }, 10_000);
      });
    }
    if (!this.client?.isRunning()) {
      void vscode.window.showErrorMessage(t('nianbao: the language server is not running (see the output).'));
      return undefined;
    }
    return this.client;
  }

  async createReport(yearArg?: number | string): Promise<void> {
    const thisYear = Number((serverSettings(this.config()).today ?? todayInChina()).slice(0, 4));
    let year = yearArg === undefined ? undefined : Number(yearArg);
    if (year === undefined || !Number.isInteger(year)) {
      const answer = await vscode.window.showInputBox({
        title: t('New annual report'),
        prompt: t('The year the report is on (the layout of 国办公开办函〔2021〕30号 from 2021, 〔2019〕60号 before)'),
        value: String(thisYear - 1),
        validateInput: (v) => (/^\s*\d{4}\s*$/.test(v) && Number(v) >= 1990 && Number(v) <= 2100 ? undefined : t('A year between 1990 and 2100')),
      });
      if (answer === undefined) return;
      year = Number(answer.trim());
    }
    const client = await this.runningClient();
    if (!client) return;
    const text = await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_NEW_REPORT, arguments: [year] });
    if (typeof text !== 'string') return;
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.getText().trim() === '' && (editor.document.languageId === LANG || editor.document.isUntitled)) {
      if (editor.document.languageId !== LANG) await vscode.languages.setTextDocumentLanguage(editor.document, LANG);
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: LANG, content: text });
    await vscode.window.showTextDocument(doc);
  }

  async checkWorkspace(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage(t('nianbao: open a folder to check the reports in it.'));
      return;
    }
    await this.ensureStarted();
    const server = this.resolved;
    if (!server) return;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('nianbao: checking the reports in the workspace'), cancellable: true },
      (progress, token) =>
        checkWorkspace(server.command, serverSettings(this.config()), this.workspaceDiagnostics, this.output, this.config().get<boolean>('detectReports', true), token, progress),
    );
    const c = result.counts;
    const summary = t('nianbao: {0} report(s) checked: {1} error(s), {2} warning(s), {3} information, {4} hint(s).', result.files, c.error, c.warning, c.information, c.hint);
    this.output.appendLine(`[check] ${summary}`);
    const problems = t('Show Problems');
    const show = result.troubles.length ? vscode.window.showWarningMessage(`${summary} ${t('Some files could not be checked (see the output).')}`, problems) : vscode.window.showInformationMessage(summary, problems);
    void show.then((choice) => {
      if (choice === problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  /** Shows what the server says about the position (a clause reference: the clause's text) beside the report. */
  async showClause(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANG) {
      void vscode.window.showInformationMessage(t('nianbao: put the cursor on a clause reference in a report (e.g. 第二十条第（一）项).'));
      return;
    }
    if (!(await this.runningClient())) return;
    const pos = editor.selection.active;
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos)) ?? [];
    const parts: string[] = [];
    let range: vscode.Range | undefined;
    for (const h of hovers) {
      range ??= h.range;
      for (const c of h.contents) {
        const value = typeof c === 'string' ? c : 'value' in c ? c.value : '';
        if (value.trim()) parts.push(value);
      }
    }
    if (parts.length === 0) {
      void vscode.window.showInformationMessage(t('nianbao: nothing to show at the cursor: put it on a clause reference such as 第二十条第（一）项.'));
      return;
    }
    const subject = range ? editor.document.getText(range).replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) : 'clause';
    const uri = vscode.Uri.from({ scheme: 'nianbao-clause', path: `/${subject || 'clause'}.md` });
    this.hoverDocs.set(uri.toString(), parts.join('\n\n---\n\n') + '\n');
    this.hoverDocChanged.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }

  clauseProvider(): vscode.TextDocumentContentProvider {
    return {
      onDidChange: this.hoverDocChanged.event,
      provideTextDocumentContent: (uri) => this.hoverDocs.get(uri.toString()) ?? '',
    };
  }

  async statusMenu(): Promise<void> {
    type Item = vscode.QuickPickItem & { command: string };
    const items: Item[] = [
      { label: `$(refresh) ${t('Restart the Language Server')}`, command: 'nianbao.restartServer' },
      { label: `$(checklist) ${t('Check All Reports in the Workspace')}`, command: 'nianbao.checkWorkspace' },
      { label: `$(new-file) ${t('New Annual Report…')}`, command: 'nianbao.createReport' },
      { label: `$(output) ${t('Show the Output')}`, command: 'nianbao.showOutput' },
      { label: `$(gear) ${t('Settings')}`, command: 'nianbao.openSettings' },
    ];
    const choice = await vscode.window.showQuickPick(items, { title: 'nianbao' });
    if (choice) await vscode.commands.executeCommand(choice.command);
  }

  showOutput(): void {
    this.output.show(true);
  }
}

let instance: Nianbao | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ restart(): Promise<void> }> {
  const nb = new Nianbao(context);
  instance = nb;
  context.subscriptions.push(
    nb,
    vscode.workspace.registerTextDocumentContentProvider('nianbao-clause', nb.clauseProvider()),
    vscode.commands.registerCommand('nianbao.createReport', (year?: number | string) => nb.createReport(year)),
    vscode.commands.registerCommand('nianbao.checkWorkspace', () => nb.checkWorkspace()),
    vscode.commands.registerCommand('nianbao.showClause', () => nb.showClause()),
    vscode.commands.registerCommand('nianbao.restartServer', () => nb.restart()),
    vscode.commands.registerCommand('nianbao.showOutput', () => nb.showOutput()),
    vscode.commands.registerCommand('nianbao.statusMenu', () => nb.statusMenu()),
    vscode.commands.registerCommand('nianbao.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:nianbao.nianbao')),
    vscode.workspace.onDidOpenTextDocument((doc) => void nb.detect(doc)),
    vscode.workspace.onDidChangeConfiguration((e) => void nb.configurationChanged(e)),
    vscode.window.onDidChangeActiveTextEditor(() => nb.updateStatus()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.some((c) => c.range.start.line < 60)) nb.updateStatus();
    }),
  );
  for (const doc of vscode.workspace.textDocuments) await nb.detect(doc);
  nb.updateStatus();
  return { restart: () => nb.restart() };
}

export async function deactivate(): Promise<void> {
  await instance?.stop();
  instance = undefined;
}
