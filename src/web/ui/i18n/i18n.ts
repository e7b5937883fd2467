import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { ja } from './ja.js';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'madoguchi.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user chose explicitly in this browser, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage disabled (private mode, policy)
  }
}

function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = isLanguage(language) ? language : 'ja';
}

/** Switches the UI language, remembers the choice and keeps `<html lang>` in step. */
export async function changeLanguage(language: Language, options: { remember?: boolean } = {}): Promise<void> {
  if (options.remember ?? true) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // the switch still applies to this tab
    }
  }
  await i18next.changeLanguage(language);
}

/** Japanese first: the only other language is English, picked from storage, never from the browser. */
export function initI18n(): typeof i18next {
  i18next.on('languageChanged', syncDocumentLanguage);
  void i18next.use(initReactI18next).init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng: storedLanguage() ?? 'ja',
    fallbackLng: 'ja',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: false },
    initAsync: false,
  });
  syncDocumentLanguage(i18next.language);
  return i18next;
}
