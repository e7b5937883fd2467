import { createTheme } from '@mantine/core';

const japaneseSans =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "BIZ UDPGothic", Meiryo, sans-serif';

/** Calm and legible: agents read this screen all day. */
export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: japaneseSans,
  headings: { fontFamily: japaneseSans, fontWeight: '700' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
});
