import type { ReactNode } from 'react';

interface ChartCardProps {
  title: string;
  /** One sentence saying what the chart shows (also the chart's accessible description). */
  description?: string;
  /** The same numbers as a table, behind a disclosure: for screen readers, keyboards and exact reading. */
  table?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A chart with its title, and its numbers one click away. */
export function ChartCard({ title, description, table, children, testId }: ChartCardProps) {
  return (
    <figure className="panel chart-card" data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
        {description && <p className="muted-text small-text">{description}</p>}
      </figcaption>
      {children}
      {table && (
        <details className="chart-table">
          <summary>Show the numbers</summary>
          {table}
        </details>
      )}
    </figure>
  );
}

/** A plain table of rows for a chart's numbers. */
export function NumbersTable({ columns, rows }: { columns: string[]; rows: (string | number)[][] }) {
  return (
    <div className="table-scroll">
      <table className="data-table numbers-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, cellIndex) => (cellIndex === 0 ? <th key={cellIndex} scope="row">{cell}</th> : <td key={cellIndex}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
