import { useEffect, useRef, useState, type RefObject } from "react";
import { useI18n } from "../i18n/i18n.js";

/**
 * Small hand-made SVG charts: no chart library. They are drawn at the width they are shown at (so the
 * labels keep their size on a phone), and every bar and point carries a <title>, so hovering (or a
 * long press) shows the exact number.
 */

export interface Series {
  name: string;
  /** A CSS colour or variable. */
  color: string;
  values: number[];
}

const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };
/** Room one date label needs on the x axis. */
const LABEL_SPACE = 58;

/** The element's width in CSS pixels, following resizes; 640 until it is known. */
function useWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.round(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A round upper bound and step for the y axis: 0, 5, 10… or 0, 20, 40… */
function scale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const wholeStep = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

function Axes({ labels, top, step, x, width }: { labels: string[]; top: number; step: number; x(index: number): number; width: number }) {
  const { f } = useI18n();
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const ticks: number[] = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  const room = Math.max(2, Math.floor((width - PAD.left - PAD.right) / LABEL_SPACE));
  const every = Math.max(1, Math.ceil(labels.length / room));
  const last = labels.length - 1;
  // Every `every`-th label, and the last one (today) unless it would collide with the one before.
  const shown = (index: number) => index === last || (index % every === 0 && last - index >= every * 0.75);
  return (
    <g className="axes">
      {ticks.map((value) => {
        const y = PAD.top + innerHeight - (value / top) * innerHeight;
        return (
          <g key={value}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y} y2={y} className="grid" />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end">
              {f.n(value)}
            </text>
          </g>
        );
      })}
      {labels.map((label, index) =>
        shown(index) ? (
          // The outermost labels lean inwards, so neither is cut off at the edge.
          <text key={label} x={x(index)} y={HEIGHT - 8} textAnchor={index === 0 ? "start" : index === last ? "end" : "middle"}>
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Lines over days; several series share the y axis. */
export function LineChart({ labels, series, title }: { labels: string[]; series: Series[]; title: string }) {
  const { f } = useI18n();
  const [ref, width] = useWidth();
  const innerWidth = width - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const { top, step } = scale(Math.max(0, ...series.flatMap((s) => s.values)));
  const x = (index: number) => PAD.left + (labels.length <= 1 ? innerWidth / 2 : (index / (labels.length - 1)) * innerWidth);
  const y = (value: number) => PAD.top + innerHeight - (value / top) * innerHeight;
  return (
    <figure className="chart" ref={ref}>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={title}>
        <Axes labels={labels} top={top} step={step} x={x} width={width} />
        {series.map((s) => (
          <g key={s.name} style={{ color: s.color }}>
            <polyline fill="none" stroke="currentColor" strokeWidth={2} points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} />
            {s.values.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r={innerWidth / labels.length < 8 ? 1.5 : 3} fill="currentColor">
                <title>{`${labels[i] ?? ""} · ${s.name}: ${f.n(v)}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

/** Columns over days, for amounts (revenue). */
export function ColumnChart({ labels, series, title }: { labels: string[]; series: Series; title: string }) {
  const { f } = useI18n();
  const [ref, width] = useWidth();
  const innerWidth = width - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const { top, step } = scale(Math.max(0, ...series.values));
  const slot = innerWidth / Math.max(1, labels.length);
  const x = (index: number) => PAD.left + slot * index + slot / 2;
  return (
    <figure className="chart" ref={ref}>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={title}>
        <Axes labels={labels} top={top} step={step} x={x} width={width} />
        {series.values.map((v, i) => {
          const height = (v / top) * innerHeight;
          return (
            <rect key={i} x={x(i) - slot * 0.35} width={slot * 0.7} y={PAD.top + innerHeight - height} height={height} fill={series.color} rx={1.5}>
              <title>{`${labels[i] ?? ""}: ${f.n(v)}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}

/** Horizontal bars with their labels, most first (generations by model). */
export function BarList({ items, title }: { items: Array<{ label: string; value: number; detail?: string }>; title: string }) {
  const { f } = useI18n();
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul className="bar-list" aria-label={title}>
      {items.map((item) => (
        <li key={item.label}>
          <div className="bar-label">
            <span>{item.label}</span>
            <span className="bar-number">
              {f.n(item.value)}
              {item.detail !== undefined && <small> · {item.detail}</small>}
            </span>
          </div>
          <svg viewBox="0 0 100 6" preserveAspectRatio="none" className="bar-track" aria-hidden="true">
            <rect x={0} y={0} width={(item.value / max) * 100} height={6} rx={3} />
          </svg>
        </li>
      ))}
    </ul>
  );
}

function Legend({ series }: { series: Series[] }) {
  if (series.length < 2) return null;
  return (
    <figcaption className="legend">
      {series.map((s) => (
        <span key={s.name}>
          <i style={{ background: s.color }} />
          {s.name}
        </span>
      ))}
    </figcaption>
  );
}
