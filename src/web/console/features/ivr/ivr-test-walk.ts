import type { AttributeValue, IvrAction, IvrOutcome } from '../../../../core/ivr/ivr.types.js';

/**
 * The editor's test panel, pure parts. The server walks the saved version with every event typed so
 * far (`POST /api/v1/ivr-flows/:id/test`, nothing stored); the panel keeps the events, sends them
 * all each time, and shows the walk as a transcript.
 */

/** An event the panel sends (the API's `testIvrBody.events`). */
export type TestEvent =
  | { type: 'digits'; digits: string }
  | { type: 'timeout' }
  | { type: 'lookup_result'; found: boolean; attributes?: Record<string, AttributeValue> | undefined }
  | { type: 'hangup' };

export interface TestStep {
  event: string | null;
  actions: IvrAction[];
  status: 'waiting_input' | 'waiting_lookup' | 'ended';
  nodeId: string;
  /** Where the step stopped: the waiting node, or the node the call ended at. */
  lastNodeId: string;
}

/** The API's answer (`ivrTestDto`), with the actions and the outcome as the interpreter's types. */
export interface TestWalk {
  steps: TestStep[];
  outcome: IvrOutcome | null;
  unused: number;
  error: string | null;
}

/** One line of the transcript: what the caller did, heard, or what the system did. */
export type TranscriptLine =
  | { kind: 'caller'; event: TestEvent }
  /** Said (the walk does not say by which node: announcements are followed at once). */
  | { kind: 'say'; text: string }
  | { kind: 'prompt'; text: string; nodeId: string; mode: 'menu' | 'digits'; minDigits: number; maxDigits: number; timeoutSec: number }
  | { kind: 'system'; action: Exclude<IvrAction, { type: 'say' } | { type: 'gather' }> };

/**
 * The transcript of a walk: each step's event (as the panel sent it: the walk only names it) and
 * then what was said and done. Steps after the first answer the events in order.
 */
export function transcriptOf(walk: TestWalk, events: readonly TestEvent[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  walk.steps.forEach((step, i) => {
    const event = i > 0 ? events[i - 1] : undefined;
    if (event) lines.push({ kind: 'caller', event });
    for (const action of step.actions) {
      if (action.type === 'say') lines.push({ kind: 'say', text: action.text });
      else if (action.type === 'gather') {
        lines.push({ kind: 'prompt', text: action.prompt, nodeId: action.nodeId, mode: action.mode, minDigits: action.minDigits, maxDigits: action.maxDigits, timeoutSec: action.timeoutSec });
      } else lines.push({ kind: 'system', action });
    }
  });
  return lines;
}

/** Where the test call stands: the last step. */
export function currentStep(walk: TestWalk | null): TestStep | null {
  return walk?.steps.at(-1) ?? null;
}

/**
 * Customer attributes typed as `name=value`, one a line (or separated by commas): `true`/`false`
 * become booleans, numbers numbers, anything else text. Lines without a name are errors.
 */
export function parseAttributes(input: string): { ok: true; attributes: Record<string, AttributeValue> } | { ok: false; line: string } {
  const attributes: Record<string, AttributeValue> = {};
  for (const raw of input.split(/[\n,、]/)) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.search(/[=＝]/);
    const name = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!name) return { ok: false, line };
    attributes[name] = attributeValue(line.slice(eq + 1).trim());
  }
  return { ok: true, attributes };
}

/** A typed value as the branch node and the lookup compare it. */
export function attributeValue(text: string): AttributeValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Keys a caller can press: 0–9, * and #. */
export function isPhoneKeys(input: string): boolean {
  return /^[0-9*#]+$/.test(input);
}
