import { Background, Controls, MarkerType, Position as Side, ReactFlow, useReactFlow, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo } from 'react';
import type { Position } from './graph-layout.js';

/** One node as the flow editors draw it. */
export interface CanvasNode {
  id: string;
  label: string;
  background: string;
  /** An end of the flow: drawn without an outgoing handle. */
  terminal?: boolean;
}

/** One link, with the name of the way it is taken (a choice, "key 1", "onFail" …). */
export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  label?: string | undefined;
}

const BORDER = { problem: '#c92a2a', selected: '#1c7ed6', idle: '#adb5bd' } as const;

/** Fits the whole flow in view again when `signal` changes (a node added or removed). */
function RefitOn({ signal }: { signal: unknown }) {
  const flow = useReactFlow();
  useEffect(() => {
    const timer = setTimeout(() => void flow.fitView({ duration: 0 }), 0);
    return () => clearTimeout(timer);
  }, [signal, flow]);
  return null;
}

/**
 * A flow drawn with React Flow, shared by the talk-flow and IVR editors: nodes can be dragged and
 * selected; a node with a problem has a red border, the selected one a blue one, and the node a
 * test call stands at (`activeId`) a glow. Each node also carries the classes `is-problem`,
 * `is-selected` and `is-active`, which tests read.
 */
export function GraphCanvas(props: {
  nodes: readonly CanvasNode[];
  edges: readonly CanvasEdge[];
  layout: ReadonlyMap<string, Position>;
  selectedId: string | null;
  problemNodes: ReadonlySet<string>;
  activeId?: string | null | undefined;
  onSelect: (id: string | null) => void;
  onMove: (id: string, position: Position) => void;
  /** When given, the view is fitted again each time it changes. */
  refitOn?: unknown;
  /** Links leave a node on its right and enter on its left (for layouts that read left to right). */
  horizontal?: boolean;
  ariaLabel?: string | undefined;
}) {
  const { selectedId, problemNodes, activeId, layout, horizontal } = props;
  const nodes = useMemo<Node[]>(
    () =>
      props.nodes.map((n) => {
        const problem = problemNodes.has(n.id);
        const selected = n.id === selectedId;
        const active = !!activeId && n.id === activeId;
        return {
          id: n.id,
          position: layout.get(n.id) ?? { x: 0, y: 0 },
          selected,
          data: { label: n.label },
          ...(n.terminal ? { type: 'output' } : {}),
          ...(horizontal ? { sourcePosition: Side.Right, targetPosition: Side.Left } : {}),
          className: [problem && 'is-problem', selected && 'is-selected', active && 'is-active'].filter(Boolean).join(' '),
          style: {
            background: n.background,
            border: `2px solid ${problem ? BORDER.problem : selected ? BORDER.selected : BORDER.idle}`,
            ...(active ? { boxShadow: '0 0 0 4px #fab005' } : {}),
            whiteSpace: 'pre-wrap' as const,
            fontSize: 12,
            width: 220,
          },
        };
      }),
    [props.nodes, layout, selectedId, problemNodes, activeId, horizontal],
  );
  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(props.nodes.map((n) => n.id));
    return props.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, source: e.source, target: e.target, markerEnd: { type: MarkerType.ArrowClosed }, ...(e.label ? { label: e.label } : {}) }));
  }, [props.nodes, props.edges]);
  const onNodesChange = (changes: NodeChange[]) => {
    for (const change of changes) {
      if (change.type === 'position' && change.position) props.onMove(change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
      if (change.type === 'select' && change.selected) props.onSelect(change.id);
    }
  };
  return (
    <div style={{ height: 520, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} data-testid="flow-canvas" {...(props.ariaLabel ? { role: 'group', 'aria-label': props.ariaLabel } : {})}>
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onPaneClick={() => props.onSelect(null)} fitView nodesConnectable={false} proOptions={{ hideAttribution: true }}>
        <Background />
        <Controls showInteractive={false} />
        {props.refitOn !== undefined && <RefitOn signal={props.refitOn} />}
      </ReactFlow>
    </div>
  );
}
