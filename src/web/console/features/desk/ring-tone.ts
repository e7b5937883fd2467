import { useEffect } from 'react';

/**
 * A short ring for incoming offers, made with WebAudio (no audio file to ship). Browsers block
 * audio until the user has interacted with the page: every call here is best effort and silent
 * on failure, and the ringing card is what really tells the agent.
 */

type AudioContextConstructor = new () => AudioContext;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor: AudioContextConstructor | undefined =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    context = null;
  }
  return context;
}

/** Call from a user gesture (click, key): lets later rings play under the autoplay policy. */
export function unlockAudio(): void {
  try {
    const ctx = audioContext();
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  } catch {
    // blocked or unsupported: stay silent
  }
}

/** One ring: a 400 Hz tone trembling at 16 Hz for 0.8 s, like a Japanese telephone (twice). */
export function playRing(volume = 0.12): void {
  try {
    const ctx = audioContext();
    if (!ctx || ctx.state !== 'running') {
      if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
      return;
    }
    const start = ctx.currentTime + 0.02;
    for (const offset of [0, 1.0]) {
      const carrier = ctx.createOscillator();
      carrier.frequency.value = 400;
      const tremolo = ctx.createOscillator();
      tremolo.type = 'square';
      tremolo.frequency.value = 16;
      const depth = ctx.createGain();
      depth.gain.value = volume / 2;
      const out = ctx.createGain();
      out.gain.value = volume / 2;
      tremolo.connect(depth).connect(out.gain);
      carrier.connect(out).connect(ctx.destination);
      const from = start + offset;
      const to = from + 0.8;
      carrier.start(from);
      tremolo.start(from);
      carrier.stop(to);
      tremolo.stop(to);
    }
  } catch {
    // never let a sound break the desk
  }
}

/** Rings every `everyMs` while `active` (an offer is pending) and not muted. */
export function useRingTone(active: boolean, muted: boolean, everyMs = 3000): void {
  useEffect(() => {
    if (!active || muted) return undefined;
    playRing();
    const timer = window.setInterval(() => playRing(), everyMs);
    return () => window.clearInterval(timer);
  }, [active, muted, everyMs]);
}

/** Unlocks audio on the first click or key press on the page. */
export function useAudioUnlock(): void {
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);
}
