import type { Locator, Page } from 'playwright-core';

/** A table row as the page shows it: its key, its classes and each cell's text by field. */
export type ShownRow = { row: string; className: string; cells: Record<string, string> };

export const panel = (page: Page, id: string): Locator => page.getByTestId(`panel-${id}`);

/** Waits until the panel has an answer — figures or a refusal — and returns its state. */
export const settledState = async (page: Page, id: string): Promise<string> => {
  const locator = panel(page, id);
  await locator.and(page.locator(':not([data-state="loading"])')).waitFor();
  return (await locator.getAttribute('data-state')) ?? '';
};

/** Every row of one of the panel's tables (`data-table`), body and totals alike; none when the table is empty. */
export const shownRows = (page: Page, id: string, table: string): Promise<ShownRow[]> =>
  panel(page, id)
    .locator(`table[data-table="${table}"] tr[data-row]`)
    .evaluateAll((rows) =>
      rows.map((row) => ({
        row: row.getAttribute('data-row') ?? '',
        className: row.className,
        cells: Object.fromEntries(
          [...row.querySelectorAll('td[data-field]')].map((cell) => [
            cell.getAttribute('data-field'),
            cell.textContent ?? '',
          ]),
        ),
      })),
    );

/** The text of the panel's figure named `field` outside its tables (headlines, counts). */
export const shownFigure = (page: Page, id: string, field: string): Promise<string> =>
  panel(page, id).locator(`:not(td)[data-field="${field}"]`).first().innerText();
