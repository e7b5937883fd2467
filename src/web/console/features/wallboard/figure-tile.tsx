import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TONE_COLORS, type Tone } from './thresholds.js';

export interface FigureTileProps {
  label: string;
  value: string;
  tone?: Tone;
  /** `queue-サポート-offered`: for tests and screen scrapers. */
  testId: string;
  /** The number people look at first (待ち呼). */
  big?: boolean;
  /** What a red tile says (default 目標未達; waits say SL時間超過). */
  badLabel?: string;
}

/** One big number on the wallboard, coloured (and labelled) by its threshold. */
export function FigureTile({ label, value, tone = 'none', testId, big = false, badLabel }: FigureTileProps) {
  const { t } = useTranslation();
  const color = TONE_COLORS[tone];
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      // The number scales with the tile's own width (container units), so it fits a full-width total and a half-width queue alike.
      style={{
        containerType: 'inline-size',
        ...(color ? { borderColor: `var(--mantine-color-${color}-6)`, borderWidth: 2, background: `var(--mantine-color-${color}-0)` } : {}),
      }}
    >
      <Text size="sm" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text
        fw={800}
        ff="monospace"
        lh={1.1}
        c={color ? `${color}.8` : undefined}
        style={{ fontSize: big ? 'clamp(1.6rem, 20cqi, 4.5rem)' : 'clamp(1.2rem, 17cqi, 2.6rem)', whiteSpace: 'nowrap' }}
        data-testid={testId}
        data-tone={tone}
      >
        {value}
      </Text>
      {(tone === 'bad' || tone === 'warn') && (
        <Text size="xs" fw={700} c={`${color}.8`}>
          {tone === 'bad' ? (badLabel ?? t('wallboard.toneBad')) : t('wallboard.toneWarn')}
        </Text>
      )}
    </Paper>
  );
}
