import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const LANGUAGES = [
  { value: 'nb', label: 'Bokmål' },
  { value: 'en', label: 'English' },
];

/** The UI's language; each option in its own language. `labelled`: with a visible label (the login page), else named for screen readers only (the header). */
export function LanguageSelect({ labelled = false }: { labelled?: boolean }) {
  const { t, i18n } = useTranslation();
  const name = t('app.language');
  return (
    <NativeSelect
      label={labelled ? name : undefined}
      aria-label={labelled ? undefined : name}
      size={labelled ? 'sm' : 'xs'}
      value={i18n.language}
      onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
      data={LANGUAGES}
    />
  );
}
