/** One measured figure, printed next to the baseline it is compared with. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the same run measured for the thing this figure is compared against. */
  baseline?: { name: string; value: number };
  /** `ratio` prints value ÷ baseline; `difference` prints value − baseline (added latency, memory). */
  compare?: "ratio" | "difference";
  /** The target for this figure, when it has one. */
  target?: { text: string; met: boolean };
  note?: string;
}

export interface BenchmarkReport {
  title: string;
  /** How the figures were produced, in a line or two. */
  setup: string;
  figures: Figure[];
}

export function formatNumber(value: number, unit = ""): string {
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit === "" ? text : `${text} ${unit}`;
}

function comparison(figure: Figure): string {
  if (!figure.baseline) return "";
  if (figure.compare === "difference") {
    const delta = figure.value - figure.baseline.value;
    return `${delta >= 0 ? "+" : ""}${formatNumber(delta, figure.unit)}`;
  }
  return figure.baseline.value === 0 ? "n/a" : `×${formatNumber(figure.value / figure.baseline.value)}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** The report as a plain-text table: figure, value, baseline, comparison, target. */
export function renderReport(report: BenchmarkReport): string {
  const rows = report.figures.map((figure) => [
    figure.name,
    formatNumber(figure.value, figure.unit),
    figure.baseline ? `${figure.baseline.name}: ${formatNumber(figure.baseline.value, figure.unit)}` : "—",
    comparison(figure) || "—",
    figure.target ? `${figure.target.met ? "MET   " : "MISSED"} ${figure.target.text}` : "",
  ]);
  const header = ["figure", "value", "baseline (same run)", "vs baseline", "target"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column] ?? 0)).join("  ").trimEnd();
  const notes = report.figures.filter((figure) => figure.note).map((figure) => `  note: ${figure.name}: ${figure.note}`);
  return [
    `== ${report.title}`,
    `   ${report.setup}`,
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    ...notes,
    "",
  ].join("\n");
}
