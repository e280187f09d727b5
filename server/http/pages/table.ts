/**
 * The one data table of the pages. Every cell carries its column's name (`data-label`) so that at
 * narrow widths pages.css stacks each row into labelled lines instead of scrolling sideways; the
 * explicit ARIA roles keep the table semantics that `display: block` would otherwise drop.
 */
import { html, type HtmlValue, type SafeHtml } from './html';

/** One row: its cells in column order and attributes for tests and styling (values are escaped). */
export interface TableRow {
  cells: readonly HtmlValue[];
  attrs?: Readonly<Record<string, string>>;
  /** The first cell names the row (a row header). */
  rowHeader?: boolean;
}

function attributes(attrs: Readonly<Record<string, string>> | undefined): SafeHtml {
  return html`${Object.entries(attrs ?? {}).map(([k, v]) => html` ${k}="${v}"`)}`;
}

/** A table with column headers whose rows stack into labelled lines at narrow widths. */
export function dataTable(opts: {
  className: string;
  testId: string;
  columns: readonly string[];
  rows: readonly TableRow[];
}): SafeHtml {
  const head = opts.columns.map((c) => html`<th scope="col" role="columnheader">${c}</th>`);
  const rows = opts.rows.map((r) => {
    const cells = r.cells.map((cell, i) => {
      const label = opts.columns[i] ?? '';
      return i === 0 && r.rowHeader
        ? html`<th scope="row" role="rowheader" data-label="${label}">${cell}</th>`
        : html`<td role="cell" data-label="${label}">${cell}</td>`;
    });
    return html`<tr role="row"${attributes(r.attrs)}>${cells}</tr>`;
  });
  return html`<table class="data ${opts.className}" data-testid="${opts.testId}" role="table">
<thead role="rowgroup"><tr role="row">${head}</tr></thead>
<tbody role="rowgroup">${rows}</tbody>
</table>`;
}
