import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Fields of the manual "add account" form. */
export interface ManualInput {
  issuer?: string;
  label: string;
  secret: string;
  type?: 'totp' | 'hotp';
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
  counter?: number;
}

/**
 * Page object for the Faktor UI (English labels unless noted). Finds things by role and accessible
 * name, the way a screen-reader user would, so the labelling is tested too.
 */
export class FaktorApp {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Accounts' });
  }
  /** The app's polite live region (toasts); not the drag-and-drop announcer dnd-kit adds next to it. */
  get status(): Locator {
    return this.page.getByRole('status').and(this.page.locator(':not([id^="DndLiveRegion"])'));
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  /** The row of the account whose display contains `name`. */
  row(name: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: name });
  }

  /** The digits the row shows (data-code of its copy button). */
  async codeOf(name: string): Promise<string> {
    const button = this.row(name).getByRole('button', { name: /^Copy code/ });
    await expect(button).toBeVisible();
    return (await button.getAttribute('data-code')) ?? '';
  }

  async openAdd(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add account' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add account' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Adds an account through the manual form (advanced settings when needed). */
  async addManual(input: ManualInput): Promise<Locator> {
    const dialog = await this.openAdd();
    await dialog.getByLabel('Enter manually').check();
    if (input.issuer) await dialog.getByLabel('Service (issuer)').fill(input.issuer);
    await dialog.getByLabel('Account name').fill(input.label);
    await dialog.getByLabel('Secret key').fill(input.secret);
    if (
      input.type ||
      input.algorithm ||
      input.digits ||
      input.period ||
      input.counter !== undefined
    ) {
      await dialog.getByText('Advanced settings').click();
      if (input.type) await dialog.getByLabel('Type').selectOption(input.type);
      if (input.algorithm) await dialog.getByLabel('Algorithm').selectOption(input.algorithm);
      if (input.digits) await dialog.getByLabel('Digits').fill(String(input.digits));
      if (input.period) await dialog.getByLabel('Period (seconds)').fill(String(input.period));
      if (input.counter !== undefined)
        await dialog.getByLabel('Counter').fill(String(input.counter));
    }
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    return dialog;
  }

  /** Adds an account by pasting an otpauth:// link into the dialog. */
  async addUri(uri: string): Promise<Locator> {
    const dialog = await this.openAdd();
    await dialog.getByLabel('otpauth:// link').fill(uri);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    return dialog;
  }

  /** Names of the rows in display order (issuer line). */
  async rowNames(): Promise<string[]> {
    return this.list.locator('.issuer').allInnerTexts();
  }

  /** Pins or unpins an account with its row's toggle (issue #12). */
  async togglePin(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: /^Pin .* on top$/ })
      .click();
  }

  /** Sets an account's groups (comma-separated) through the edit dialog. */
  async setTags(name: string, tags: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: /^Edit / })
      .click();
    const dialog = this.page.getByRole('dialog', { name: 'Edit account' });
    await dialog.getByLabel('Groups').fill(tags);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }
}
