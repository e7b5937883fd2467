import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../api/routing-types.js';
import { formatCount, formatDuration, formatPercent } from '../../common/durations.js';
import { FigureTile } from './figure-tile.js';
import { longestWaitTone, serviceLevelTone } from './thresholds.js';

export interface FiguresGridProps {
  figures: Figures;
  /** testid prefix: `queue-サポート` or `tenant-sakura-denki`. */
  prefix: string;
  serviceLevelSec: number | null;
  serviceLevelTarget: number | null;
}

/** The ten figures of a queue or a tenant: 待ち呼, 最長待ち時間, 着信数, 応答数, 放棄数, 応答率, SL, ASA, AHT, ACW. */
export function FiguresGrid({ figures: f, prefix, serviceLevelSec, serviceLevelTarget }: FiguresGridProps) {
  const { t } = useTranslation();
  return (
    // Columns follow the card's own width (container queries): a half-width queue card gets two rows
    // of four, a full-width total one row of eight; the two waiting figures always come first, big.
    <Stack gap="xs">
      <SimpleGrid type="container" cols={{ base: 1, '420px': 2 }} spacing="xs">
        <FigureTile big label={t('wallboard.waiting')} value={formatCount(f.waiting ?? 0)} testId={`${prefix}-waiting`} badLabel={t('wallboard.toneOverTime')} tone={(f.waiting ?? 0) > 0 ? longestWaitTone(f.longestWaitSec, serviceLevelSec) : 'none'} />
        <FigureTile big label={t('wallboard.longestWait')} value={formatDuration(f.longestWaitSec)} testId={`${prefix}-longest-wait`} badLabel={t('wallboard.toneOverTime')} tone={longestWaitTone(f.longestWaitSec, serviceLevelSec)} />
      </SimpleGrid>
      <SimpleGrid type="container" cols={{ base: 2, '480px': 4, '1100px': 8 }} spacing="xs">
        <FigureTile label={t('wallboard.offered')} value={formatCount(f.offered)} testId={`${prefix}-offered`} />
        <FigureTile label={t('wallboard.answered')} value={formatCount(f.answered)} testId={`${prefix}-answered`} />
        <FigureTile label={t('wallboard.abandoned')} value={formatCount(f.abandoned)} testId={`${prefix}-abandoned`} />
        <FigureTile label={t('wallboard.answerRate')} value={formatPercent(f.answerRate)} testId={`${prefix}-answer-rate`} />
        <FigureTile
          label={serviceLevelSec !== null ? t('wallboard.serviceLevelWithin', { seconds: serviceLevelSec }) : t('wallboard.serviceLevel')}
          value={formatPercent(f.serviceLevel)}
          testId={`${prefix}-service-level`}
          tone={serviceLevelTone(f.serviceLevel, serviceLevelTarget)}
        />
        <FigureTile label={t('wallboard.asa')} value={formatDuration(f.asaSec)} testId={`${prefix}-asa`} />
        <FigureTile label={t('wallboard.aht')} value={formatDuration(f.ahtSec)} testId={`${prefix}-aht`} />
        <FigureTile label={t('wallboard.acw')} value={formatDuration(f.acwSec)} testId={`${prefix}-acw`} />
      </SimpleGrid>
    </Stack>
  );
}
