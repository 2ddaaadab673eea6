import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, Session } from './harness.js';

/*
 * What a user sees, driven through the browser: keyboard and clicks on VS Code's workbench,
 * with a screenshot after each step (test-results/vscode/). Each step returns what it saw,
 * so the test asserts on the screen's text, not on the extension's internals.
 */
export const SHOTS = path.join(import.meta.dirname, '..', '..', 'test-results', 'vscode');

const mod = 'Control';

async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export async function workbenchReady(session: Session): Promise<void> {
  const { page } = session;
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The Explorer lists the workspace once the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'schulwege.antrag.md' }).first().waitFor({ timeout: 60_000 });
}

/** Quick Open (Ctrl+P) a file of the workspace. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press(`${mod}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  // The file's tab (a preview of it beside has a tab of its own).
  await page.locator(`.tab.active[data-resource-name="${name}"]`).first().waitFor();
}

/** Runs a command from the Command Palette by its title (the first title that is offered). */
export async function runCommand(page: Page, titles: readonly string[]): Promise<string> {
  for (const title of titles) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 5_000 });
    } catch {
      await page.keyboard.press('Escape');
      continue;
    }
    await page.keyboard.press('Enter');
    return title;
  }
  throw new Error(`none of these commands is in the Command Palette: ${titles.join(', ')}`);
}

export async function problemsPanel(session: Session): Promise<{ text: string; shot: string }> {
  const { page } = session;
  await openFile(page, 'luecken.antrag.md');
  await page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
  await page.keyboard.press(`${mod}+Shift+M`);
  const panel = page.locator('.markers-panel');
  await panel.locator('.monaco-list-row', { hasText: 'abschnitt-fehlt' }).first().waitFor({ timeout: 30_000 });
  return { text: await panel.innerText(), shot: await shot(page, 'probleme') };
}

export async function completion(session: Session): Promise<{ text: string; shot: string }> {
  const { page } = session;
  await openFile(page, 'luecken.antrag.md');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Siehe VIII-A-005', { delay: 20 });
  await page.keyboard.press(`${mod}+Space`);
  const widget = page.locator('.suggest-widget');
  await widget.locator('.monaco-list-row', { hasText: 'VIII-A-00512' }).first().waitFor({ timeout: 30_000 });
  const text = await widget.innerText();
  const file = await shot(page, 'vervollstaendigung');
  await page.keyboard.press('Escape');
  return { text, shot: file };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- functions below run in the browser page */
export async function exportDocx(session: Session, titles: readonly string[]): Promise<{ target: string; notification: string; shot: string }> {
  const { page } = session;
  await openFile(page, 'schulwege.antrag.md');
  await runCommand(page, titles);
  // The save dialog (VS Code's own, in the browser) suggests the .docx beside the draft.
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await page.waitForFunction(() => (globalThis as any).document.querySelector('.quick-input-widget input')?.value.endsWith('.docx'));
  const target = await input.inputValue();
  await page.keyboard.press('Enter');
  // The message with its buttons, in the notification centre (toasts hide when the page lacks focus).
  const message = await notificationRow(page, 'schulwege.antrag.docx');
  const text = await message.innerText();
  const file = await shot(page, 'export');
  await page.keyboard.press('Escape');
  return { target, notification: text, shot: file };
}

export async function newAntrag(session: Session, titles: readonly string[], titel: string): Promise<{ target: string; editor: string; shot: string }> {
  const { page } = session;
  await runCommand(page, titles);
  // The title prompt, not the closing Command Palette.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: /Titel|Title/ }).waitFor({ timeout: 30_000 });
  const input = page.locator('.quick-input-widget input');
  await input.fill(titel);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (globalThis as any).document.querySelector('.quick-input-widget input')?.value.endsWith('.antrag.md'));
  const target = await input.inputValue();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: path.basename(target) }).waitFor({ timeout: 30_000 });
  const editor = await page.locator('.monaco-editor .view-lines').first().innerText();
  return { target, editor, shot: await shot(page, 'neuer-antrag') };
}

/**
 * The notification that matches `expected`, in the notification centre. The centre is opened
 * by its status bar item, and opened again while the message has not come: a click that lands
 * while the Command Palette is still closing (a busy machine) leaves it shut, and the message
 * then shows only as a toast, which hides when the page lacks focus.
 */
async function notificationRow(page: Page, expected: RegExp | string, timeout = 60_000): Promise<ReturnType<Page['locator']>> {
  const message = page.locator('.notifications-center .monaco-list-row', { hasText: expected }).first();
  const centre = page.locator('.notifications-center.visible');
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await message.isVisible()) return message;
    if (Date.now() > deadline) throw new Error(`no notification matching ${String(expected)} within ${timeout / 1000} s`);
    if (!(await centre.isVisible())) await page.locator('.statusbar-item[id="status.notifications"]').click();
    await page.waitForTimeout(250);
  }
}

/** Runs a command and returns the text of the notification that matches `expected`. */
export async function notificationAfter(session: Session, titles: readonly string[], expected: RegExp, name: string): Promise<{ text: string; shot: string }> {
  const { page } = session;
  await runCommand(page, titles);
  const message = await notificationRow(page, expected).catch(async (error: unknown) => {
    // Say what was shown instead, so that a failure in CI can be read from its log.
    const shownRows = await page.locator('.notifications-center .monaco-list-row, .notifications-toasts .monaco-list-row').allInnerTexts().catch((): string[] => []);
    await shot(page, `${name}-fehlt`).catch(() => undefined);
    throw new Error(`${String(error)}\nNotifications shown: ${shownRows.length ? shownRows.map((row: string) => JSON.stringify(row)).join(' | ') : 'none'}`);
  });
  const text = await message.innerText();
  const file = await shot(page, name);
  await page.keyboard.press('Escape');
  return { text, shot: file };
}

/** Trusts the open folder through VS Code's own dialog, as a user does. */
export async function trustWorkspace(session: Session): Promise<void> {
  const { page } = session;
  await runCommand(page, ['Workspaces: Manage Workspace Trust']);
  const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
  await trust.waitFor({ timeout: 30_000 });
  await trust.click();
  await page.locator('.workspace-trust-editor', { hasText: 'You trust this folder' }).first().waitFor({ timeout: 30_000 });
  // The trust editor opens over the workbench; close it to go on.
  await page.keyboard.press('Escape');
  await page.locator('.workspace-trust-editor').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(async () => {
    await page.keyboard.press(`${mod}+W`);
    await page.locator('.workspace-trust-editor').first().waitFor({ state: 'hidden', timeout: 10_000 });
  });
}

/**
 * The problem in the Problems panel that matches `expected` in `file`, waited for (a finding
 * that comes once the server has fetched something in the background).
 */
export async function problemRow(session: Session, file: string, expected: RegExp | string, name: string, timeout = 90_000): Promise<{ text: string; shot: string }> {
  const { page } = session;
  await openFile(page, file);
  await page.keyboard.press(`${mod}+Shift+M`);
  const panel = page.locator('.markers-panel');
  await panel.locator('.monaco-list-row', { hasText: expected }).first().waitFor({ timeout });
  return { text: await panel.innerText(), shot: await shot(page, name) };
}

/** Waits until no row of the Problems panel (open already) matches `gone`. */
export async function problemsGone(session: Session, gone: RegExp, name: string, timeout = 60_000): Promise<{ text: string; shot: string }> {
  const { page } = session;
  const panel = page.locator('.markers-panel');
  await page.waitForFunction(
    (pattern: string) => {
      const node = (globalThis as any).document.querySelector('.markers-panel') as { innerText: string } | null;
      return node !== null && !new RegExp(pattern).test(node.innerText);
    },
    gone.source,
    { timeout },
  );
  return { text: await panel.innerText(), shot: await shot(page, name) };
}

/**
 * Puts the cursor on `line` (1-based) of the active editor with "Go to Line", opens the quick
 * fixes with Ctrl+. and takes the one titled `title`; returns the editor's text after it.
 */
export async function quickFix(session: Session, line: number, title: RegExp | string, name: string): Promise<{ editor: string; shot: string }> {
  const { page } = session;
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press(`${mod}+G`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:5`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  // Ctrl+. as a user presses it; on a busy machine the code actions may not be there yet and the
  // menu opens empty (or the light bulb is still hidden): then close it and press again, as a
  // user would, for up to a minute.
  const until = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press(`${mod}+.`);
    try {
      await item.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (Date.now() > until) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  await shot(page, `${name}-menue`);
  await item.click();
  await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  return { editor: await page.locator('.monaco-editor .view-lines').first().innerText(), shot: await shot(page, name) };
}

/** The hover at `line`, `column` (1-based) of the active editor, shown with the keyboard (Ctrl+K Ctrl+I). */
export async function hoverAt(session: Session, line: number, column: number, expected: RegExp | string, name: string): Promise<{ text: string; shot: string }> {
  const { page } = session;
  await page.keyboard.press(`${mod}+G`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press(`${mod}+K`);
  await page.keyboard.press(`${mod}+I`);
  const hover = page.locator('.monaco-hover', { hasText: expected }).first();
  await hover.waitFor({ timeout: 30_000 });
  const text = await hover.innerText();
  const file = await shot(page, name);
  await page.keyboard.press('Escape');
  return { text, shot: file };
}

/**
 * Types into a plain Markdown note, as someone writing a list would: at its end, Enter, `---`,
 * Enter, `VIII-`, with time for any suggestion to show; returns the note's text as shown and
 * whether a suggestion list was open at any point.
 */
export async function typeInNote(session: Session, file: string): Promise<{ editor: string; suggested: boolean; shot: string }> {
  const { page } = session;
  await openFile(page, file);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press(`${mod}+End`);
  const suggest = page.locator('.suggest-widget.visible');
  let suggested = false;
  const step = async (keys: () => Promise<void>) => {
    await keys();
    // Long enough for the server's answer and VS Code's widget, on a busy machine too.
    await page.waitForTimeout(1500);
    if (await suggest.isVisible()) suggested = true;
  };
  await step(() => page.keyboard.press('Enter'));
  await step(() => page.keyboard.type('---', { delay: 80 }));
  await step(() => page.keyboard.press('Enter'));
  await step(() => page.keyboard.type('VIII-', { delay: 80 }));
  const editor = await page.locator('.monaco-editor .view-lines').first().innerText();
  return { editor, suggested, shot: await shot(page, 'notiz') };
}

/** The text of a notification that matches `expected`, once it has come. */
export async function notification(session: Session, expected: RegExp, name: string): Promise<{ text: string; shot: string }> {
  const { page } = session;
  const message = await notificationRow(page, expected);
  const text = await message.innerText();
  const file = await shot(page, name);
  await page.keyboard.press('Escape');
  return { text, shot: file };
}

/**
 * The Markdown preview of `file` beside it (Ctrl+K V; with `open` false, the one already open),
 * once it shows `selector`: the text of the rendered element. The preview is a webview, an
 * iframe inside an iframe.
 */
export async function preview(session: Session, file: string, selector: string, name: string, open = true): Promise<{ text: string; html: string; shot: string }> {
  const { page } = session;
  if (open) {
    await openFile(page, file);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press(`${mod}+K`);
    await page.keyboard.press('V');
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const frame of page.frames()) {
      const element = frame.locator(selector).first();
      if (await element.count().catch(() => 0)) {
        await page.waitForTimeout(500);
        return { text: await element.innerText(), html: await element.innerHTML(), shot: await shot(page, name) };
      }
    }
    if (Date.now() > deadline) {
      await shot(page, `${name}-fehlt`);
      throw new Error(`the preview of ${file} shows no ${selector}`);
    }
    await page.waitForTimeout(500);
  }
}

/**
 * Runs the export command on `file` and returns the notification that answers, and whether the
 * save dialog came up before it.
 */
export async function exportRefused(session: Session, file: string, titles: readonly string[], expected: RegExp, name: string): Promise<{ text: string; dialog: boolean; shot: string }> {
  const { page } = session;
  await openFile(page, file);
  await runCommand(page, titles);
  const message = await notificationRow(page, expected);
  const dialog = await page.locator('.quick-input-widget input').isVisible();
  const text = await message.innerText();
  const shown = await shot(page, name);
  await page.keyboard.press('Escape');
  return { text, dialog, shot: shown };
}

/** Clicks the button `label` of the notification that matches `expected`, and waits for the browser's download. */
export async function downloadFrom(session: Session, expected: RegExp | string, label: string, name: string): Promise<{ file: string; shot: string }> {
  const { page } = session;
  const message = await notificationRow(page, expected);
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await message.locator('.monaco-button', { hasText: label }).first().click();
  const done = await download;
  return { file: done.suggestedFilename() as string, shot: await shot(page, name) };
}

/**
 * Opens the Explorer's "Entwürfe" view (expanding it if it is collapsed), waits until a row
 * shows `expected`, and returns the view's text.
 */
export async function draftsView(session: Session, expected: RegExp | string, name: string): Promise<{ text: string; shot: string }> {
  const { page } = session;
  await page.keyboard.press(`${mod}+Shift+E`);
  const header = page.locator('.pane-header', { hasText: /^(Entwürfe|Drafts)/ }).first();
  await header.waitFor({ timeout: 60_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const pane = page.locator('.pane').filter({ has: header });
  try {
    await pane.locator('.monaco-list-row', { hasText: expected }).first().waitFor({ timeout: 60_000 });
  } catch (error) {
    await shot(page, `${name}-fehlt`);
    throw error;
  }
  await page.waitForTimeout(300);
  return { text: await pane.locator('.pane-body').innerText(), shot: await shot(page, name) };
}

/** Clicks the row of the "Entwürfe" view that shows `label`; the draft's tab becomes active. */
export async function openFromDraftsView(session: Session, label: string, file: string): Promise<void> {
  const { page } = session;
  const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /^(Entwürfe|Drafts)/ }) });
  await pane.locator('.monaco-list-row', { hasText: label }).first().click();
  await page.locator(`.tab.active[data-resource-name="${file}"]`).first().waitFor({ timeout: 30_000 });
}
