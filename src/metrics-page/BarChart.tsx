import { useId } from 'preact/hooks';
import { t } from '../i18n';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown: "40%", "3". */
  text: string;
}

const WIDTH = 640;
const LABEL = 220;
const VALUE = 70;
const ROW = 28;

const clip = (text: string, max = 30) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Horizontal bars in plain SVG, each with its label and value as text, and the same data as a
 * table for anyone who does not read the picture (screen readers, copying figures). The picture
 * is named by its caption; the table is one keyboard press away.
 */
export function BarChart({
  title,
  bars,
  max,
  table = true,
  columns,
}: {
  title: string;
  bars: Bar[];
  /** The value a full-length bar stands for: 1 for shares; the largest value by default. */
  max?: number;
  table?: boolean;
  columns?: [string, string];
}) {
  const id = useId();
  if (bars.length === 0) return null;
  const top = max ?? Math.max(1, ...bars.map((bar) => bar.value));
  const span = WIDTH - LABEL - VALUE;
  return (
    <figure class="chart">
      <figcaption id={id}>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={id}
        viewBox={`0 0 ${WIDTH} ${bars.length * ROW}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title>{title}</title>
        {bars.map((bar, index) => {
          const y = index * ROW;
          const length = Math.max(0, Math.min(1, bar.value / top)) * span;
          return (
            <g key={bar.label}>
              <text x={LABEL - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle">
                {clip(bar.label)}
              </text>
              <rect
                x={LABEL}
                y={y + 5}
                width={Math.max(length, bar.value > 0 ? 2 : 0)}
                height={ROW - 10}
                rx="2"
              />
              <text x={LABEL + length + 6} y={y + ROW / 2} dominant-baseline="middle">
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
      {table && (
        <details>
          <summary>{t('metricsShowTable')}</summary>
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{columns?.[0] ?? t('metricsColItem')}</th>
                <th scope="col">{columns?.[1] ?? t('metricsColShare')}</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.label}>
                  <th scope="row">{bar.label}</th>
                  <td>{bar.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
