import { useHotkeys } from '@mantine/hooks';

/**
 * Keyboard shortcuts of the agent desk. Physical keys (`KeyA`), so they work on any layout and
 * with macOS Option; they also fire while typing in the notes, because that is when agents need them.
 */
export const DESK_SHORTCUTS = {
  accept: { hotkeys: ['F2', 'alt+A'], label: 'F2 / Alt+A' },
  wrapUp: { hotkeys: ['alt+W'], label: 'Alt+W' },
  ready: { hotkeys: ['alt+R'], label: 'Alt+R' },
} as const;

export type DeskShortcut = keyof typeof DESK_SHORTCUTS;

/** `応答` + ` (F2 / Alt+A)`: a button's tooltip naming its shortcut. */
export function withShortcut(label: string, shortcut: DeskShortcut): string {
  return `${label} (${DESK_SHORTCUTS[shortcut].label})`;
}

export function useDeskShortcuts(handlers: Record<DeskShortcut, () => void>): void {
  const bindings = (Object.keys(DESK_SHORTCUTS) as DeskShortcut[]).flatMap((name) =>
    DESK_SHORTCUTS[name].hotkeys.map(
      (hotkey) => [hotkey, () => handlers[name](), { preventDefault: true, usePhysicalKeys: true }] as [string, () => void, { preventDefault: boolean; usePhysicalKeys: boolean }],
    ),
  );
  useHotkeys(bindings, []);
}
