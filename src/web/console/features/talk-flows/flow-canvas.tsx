import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { edgesOf, type Position, type TalkFlowGraph } from '../../../../core/talk-flow/talk-flow.types.js';
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
  const { graph, selectedId, problemNodes, typeLabel } = props;
  const nodes = useMemo<Node[]>(() => {
    const layout = layoutOf(graph);
    return graph.nodes.map((n) => ({
      id: n.id,
      position: layout.get(n.id) ?? { x: 0, y: 0 },
      selected: n.id === selectedId,
      data: { label: `${typeLabel(n.type)}${graph.start === n.id ? ' ▶' : ''}\n${n.text.slice(0, 60) || '—'}` },
      ...(n.type === 'question' ? {} : n.type === 'end' ? { type: 'output' } : {}),
      style: {
        background: COLOURS[n.type],
        border: `2px solid ${problemNodes.has(n.id) ? '#c92a2a' : n.id === selectedId ? '#1c7ed6' : '#adb5bd'}`,
        whiteSpace: 'pre-wrap' as const,
        fontSize: 12,
        width: 220,
      },
    }));
  }, [graph, selectedId, problemNodes, typeLabel]);
  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    return graph.nodes.flatMap((n) =>
      edgesOf(n)
        .filter((e) => ids.has(e.next))
        .map((e) => {
          const label = n.type === 'question' ? n.choices.find((c) => c.id === e.choiceId)?.label : undefined;
          return { id: `${n.id}:${e.choiceId ?? 'next'}`, source: n.id, target: e.next, markerEnd: { type: MarkerType.ArrowClosed }, ...(label ? { label } : {}) };
        }),
    );
  }, [graph]);
  const onNodesChange = (changes: NodeChange[]) => {
    for (const change of changes) {
      if (change.type === 'position' && change.position) props.onMove(change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
      if (change.type === 'select' && change.selected) props.onSelect(change.id);
    }
  };
  return (
    <div style={{ height: 520, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} data-testid="flow-canvas">
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onPaneClick={() => props.onSelect(null)} fitView nodesConnectable={false} proOptions={{ hideAttribution: true }}>
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
