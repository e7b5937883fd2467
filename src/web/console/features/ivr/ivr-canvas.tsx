import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TERMINAL_TYPES, type IvrFlow, type IvrNode } from '../../../../core/ivr/ivr.types.js';
import { GraphCanvas, type CanvasEdge, type CanvasNode } from '../../common/graph-canvas.js';
import { layeredLayout, type Position } from '../../common/graph-layout.js';
import { ivrEdgesOf } from './ivr-flow-edit.js';
import { linkLabel, nodeSummary, type QueueName } from './ivr-labels.js';

const COLOURS: Record<'input' | 'logic' | 'say' | 'end', string> = { input: '#e7f0ff', logic: '#f3f0ff', say: '#e6f7ef', end: '#fff4e0' };

function colourOf(node: IvrNode): string {
  if (node.type === 'menu' || node.type === 'gather') return COLOURS.input;
  if (node.type === 'say') return COLOURS.say;
  if (TERMINAL_TYPES.includes(node.type)) return COLOURS.end;
  return COLOURS.logic;
}

/**
 * The IVR flow drawn left to right from its start, each link labelled with its way (key 1, onFail,
 * found/notFound, open/closed, then/else, next). Flows keep no positions (the API stores the
 * flow alone), so a node dragged stays where it was put for this visit only.
 */
export function IvrCanvas(props: {
  flow: IvrFlow;
  selectedId: string | null;
  problemNodes: ReadonlySet<string>;
  activeId: string | null;
  queueName: QueueName;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const { flow, queueName } = props;
  const [moved, setMoved] = useState<ReadonlyMap<string, Position>>(new Map());
  const layout = useMemo(
    () => layeredLayout({ start: flow.start, nodes: flow.nodes, next: (n) => ivrEdgesOf(n).map((e) => e.target), positionOf: (n) => moved.get(n.id) }),
    [flow, moved],
  );
  const nodes = useMemo<CanvasNode[]>(
    () =>
      flow.nodes.map((n) => ({
        id: n.id,
        label: `${t(`ivr.types.${n.type}`)} · ${n.id}${flow.start === n.id ? ' ▶' : ''}\n${nodeSummary(t, n, queueName).slice(0, 80) || '—'}`,
        background: colourOf(n),
        terminal: TERMINAL_TYPES.includes(n.type),
      })),
    [flow, t, queueName],
  );
  const edges = useMemo<CanvasEdge[]>(
    () => flow.nodes.flatMap((n) => ivrEdgesOf(n).map((e) => ({ id: e.id, source: n.id, target: e.target, label: linkLabel(t, e.via) }))),
    [flow, t],
  );
  return (
    <GraphCanvas
      nodes={nodes}
      edges={edges}
      layout={layout}
      selectedId={props.selectedId}
      problemNodes={props.problemNodes}
      activeId={props.activeId}
      onSelect={props.onSelect}
      onMove={(id, position) => setMoved((m) => new Map(m).set(id, position))}
      refitOn={flow.nodes.length}
      horizontal
      ariaLabel={t('ivr.canvas')}
    />
  );
}
