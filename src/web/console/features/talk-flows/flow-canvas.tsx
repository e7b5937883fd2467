import { useMemo } from 'react';
import { edgesOf, type Position, type TalkFlowGraph } from '../../../../core/talk-flow/talk-flow.types.js';
import { GraphCanvas, type CanvasEdge, type CanvasNode } from '../../common/graph-canvas.js';
import { layoutOf } from './graph-edit.js';

const COLOURS = { question: '#e7f0ff', info: '#e6f7ef', end: '#fff4e0' } as const;

/** The flow drawn left to right; nodes can be dragged (positions are saved) and selected. */
export function FlowCanvas(props: {
  graph: TalkFlowGraph;
  selectedId: string | null;
  problemNodes: ReadonlySet<string>;
  onSelect: (id: string | null) => void;
  onMove: (id: string, position: Position) => void;
  typeLabel: (type: 'question' | 'info' | 'end') => string;
}) {
  const { graph, typeLabel } = props;
  const layout = useMemo(() => layoutOf(graph), [graph]);
  const nodes = useMemo<CanvasNode[]>(
    () =>
      graph.nodes.map((n) => ({
        id: n.id,
        label: `${typeLabel(n.type)}${graph.start === n.id ? ' ▶' : ''}\n${n.text.slice(0, 60) || '—'}`,
        background: COLOURS[n.type],
        terminal: n.type === 'end',
      })),
    [graph, typeLabel],
  );
  const edges = useMemo<CanvasEdge[]>(
    () =>
      graph.nodes.flatMap((n) =>
        edgesOf(n).map((e) => ({
          id: `${n.id}:${e.choiceId ?? 'next'}`,
          source: n.id,
          target: e.next,
          label: n.type === 'question' ? n.choices.find((c) => c.id === e.choiceId)?.label || undefined : undefined,
        })),
      ),
    [graph],
  );
  return (
    <GraphCanvas nodes={nodes} edges={edges} layout={layout} selectedId={props.selectedId} problemNodes={props.problemNodes} onSelect={props.onSelect} onMove={props.onMove} />
  );
}
