import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage } from '../../ui/i18n/i18n.js';

/** 日本語 / English — each option named in its own language, so anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('shell.language')}
      value={i18n.resolvedLanguage === 'en' ? 'en' : 'ja'}
      onChange={(value) => {
        if (isLanguage(value)) void changeLanguage(value);
      }}
      data={[
        { value: 'ja', label: '日本語' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
